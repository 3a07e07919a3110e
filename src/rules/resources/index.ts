// Rules of the 'resources' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import replicasInvalid from './replicas-invalid.js';
import requestsMissing from './requests-missing.js';

export const rules: Rule[] = [requestsMissing, replicasInvalid];
