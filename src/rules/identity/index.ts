// Rules of the 'identity' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import cloudKeys from './cloud-keys.js';
import workloadIdentity from './workload-identity.js';

export const rules: Rule[] = [workloadIdentity, cloudKeys];
