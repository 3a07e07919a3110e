// Rules of the 'api' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import deprecated from './deprecated.js';
import removed from './removed.js';

export const rules: Rule[] = [removed, deprecated];
