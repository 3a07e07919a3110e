// Rules of the 'scheduling' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import cloudLabel from './cloud-label.js';

export const rules: Rule[] = [cloudLabel];
