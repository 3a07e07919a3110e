// Rules of the 'gitops' area (Flux and Argo CD releases). Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import chartVersion from './chart-version.js';
import helmOperator from './helm-operator.js';
import values from './values.js';

export const rules: Rule[] = [chartVersion, helmOperator, values];
