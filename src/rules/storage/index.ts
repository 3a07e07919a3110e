// Rules of the 'storage' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import claimClass from './claim-class.js';
import defaultClass from './default-class.js';
import inlineVolume from './inline-volume.js';
import persistentVolume from './persistent-volume.js';
import provisioner from './provisioner.js';
import pvData from './pv-data.js';

export const rules: Rule[] = [provisioner, inlineVolume, persistentVolume, defaultClass, claimClass, pvData];
