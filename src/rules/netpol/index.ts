// Rules of the 'netpol' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import enforcer from './enforcer.js';

export const rules: Rule[] = [enforcer];
