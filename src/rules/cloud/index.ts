// Rules of the 'cloud' area (other clouds' managed services). Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import daprComponent from './dapr-component.js';
import endpoint from './endpoint.js';
import operatorResource from './operator-resource.js';
import secretProvider from './secret-provider.js';
import sqlProxy from './sql-proxy.js';

export const rules: Rule[] = [daprComponent, endpoint, operatorResource, secretProvider, sqlProxy];
