// Rules of the 'reference' area (objects the input names but does not hold). Add each new rule here.
import type { Rule } from '../define.js';
import missing from './missing.js';

export const rules: Rule[] = [missing];
