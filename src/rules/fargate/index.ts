// Rules of the 'fargate' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import incompatible from './incompatible.js';

export const rules: Rule[] = [incompatible];
