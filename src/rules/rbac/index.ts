// Rules of the 'rbac' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import identityBinding from './identity-binding.js';
import wildcardRole from './wildcard-role.js';

export const rules: Rule[] = [identityBinding, wildcardRole];
