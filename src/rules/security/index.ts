// Rules of the 'security' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import podSecurityLabels from './pod-security-labels.js';
import podSecurityPolicy from './pod-security-policy.js';

export const rules: Rule[] = [podSecurityPolicy, podSecurityLabels];
