// Rules of the 'lb' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import metallb from './metallb.js';
import service from './service.js';

export const rules: Rule[] = [service, metallb];
