// Rules of the 'image' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import registry from './registry.js';

export const rules: Rule[] = [registry];
