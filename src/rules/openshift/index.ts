// Rules of the 'openshift' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import resource from './resource.js';

export const rules: Rule[] = [resource];
