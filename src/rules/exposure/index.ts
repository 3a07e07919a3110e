// Rules of the 'exposure' area (how traffic reaches workloads). Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import nodePort from './node-port.js';
import publicDataPort from './public-data-port.js';
import tlsSecret from './tls-secret.js';

export const rules: Rule[] = [nodePort, publicDataPort, tlsSecret];
