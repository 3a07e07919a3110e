// Rules of the 'crd' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import present from './present.js';

export const rules: Rule[] = [present];
