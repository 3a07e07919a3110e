// Rules of the 'network' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import cni from './cni.js';
import hostNetwork from './host-network.js';

export const rules: Rule[] = [cni, hostNetwork];
