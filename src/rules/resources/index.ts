// Rules of the 'resources' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import requestsMissing from './requests-missing.js';

export const rules: Rule[] = [requestsMissing];
