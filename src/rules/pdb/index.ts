// Rules of the 'pdb' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import drain from './drain.js';

export const rules: Rule[] = [drain];
