// Rules of the 'control-plane' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import component from './component.js';

export const rules: Rule[] = [component];
