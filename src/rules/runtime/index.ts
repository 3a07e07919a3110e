// Rules of the 'runtime' area (container runtime on the node). Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import docker from './docker.js';

export const rules: Rule[] = [docker];
