// Rules of the 'addon' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import platform from './platform.js';

export const rules: Rule[] = [platform];
