// Rules of the 'version' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import support from './support.js';

export const rules: Rule[] = [support];
