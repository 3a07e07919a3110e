// Rules of the 'ingress' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import albCount from './alb-count.js';
import annotations from './annotations.js';
import ingressClass from './class.js';
import customResources from './custom-resources.js';
import gatewayClass from './gateway-class.js';

export const rules: Rule[] = [ingressClass, annotations, customResources, gatewayClass, albCount];
