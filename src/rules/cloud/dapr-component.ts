// cloud/dapr-component: Dapr components bound to Azure or Google services need their AWS component type.

import { daprMapping } from '../../model/cloud-services.js';
import { getPath, groupOf } from '../../model/kinds.js';
import { defineRule } from '../define.js';

/** Another cloud's Dapr component type kube2eks has no mapping for (`*.azure.*`, `*.gcp.*`). */
function otherCloud(type: string): 'Azure' | 'Google Cloud' | undefined {
  const parts = type.toLowerCase().split('.');
  if (parts[1] === 'azure') return 'Azure';
  if (parts[1] === 'gcp') return 'Google Cloud';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'cloud/dapr-component',
    targets: ['Component'],
    category: 'cloud-service',
    severity: 'warning',
    description:
      'Dapr Components bound to Azure or Google Cloud services (Key Vault, Blob Storage, Service Bus, Cosmos DB, Pub/Sub, Firestore …), with the AWS component type to use.',
    fixable: false,
    messages: {
      mapped: {
        message: 'Dapr Component {{name}} ({{type}}) is bound to {{service}}; on AWS use {{awsType}}.',
        explanation:
          'A Dapr component of type {{type}} talks to {{service}}, which does not exist on AWS: the sidecars that load it fail to initialise the component on EKS. The application keeps calling the same Dapr API, so only the component changes.',
        remediation:
          'Change spec.type to {{awsType}} and {{metadata}}; give the application’s ServiceAccount an IAM role through EKS Pod Identity (or IRSA) instead of keys, and move the data of the {{service}} resource to its AWS counterpart before the cut-over.',
      },
      unmapped: {
        message: 'Dapr Component {{name}} ({{type}}) is bound to a {{cloud}} service.',
        explanation:
          'A Dapr component of type {{type}} talks to a {{cloud}} service, which does not exist on AWS: the sidecars that load it fail to initialise the component on EKS.',
        remediation:
          'Pick the AWS component of the same building block from the Dapr components reference (docs.dapr.io/reference/components-reference), change spec.type and spec.metadata, and grant access through EKS Pod Identity.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (item.ref.kind !== 'Component' || groupOf(item.ref.apiVersion) !== 'dapr.io') return;
    const type = getPath(item.object, ['spec', 'type']);
    if (typeof type !== 'string') return;
    const mapping = daprMapping(type);
    if (mapping) {
      report({
        item,
        messageId: 'mapped',
        data: {
          name: item.ref.name,
          type,
          service: mapping.service,
          awsType: mapping.awsType,
          metadata: mapping.metadata,
        },
        path: ['spec', 'type'],
        facts: { service: mapping.service, awsType: mapping.awsType },
      });
      return;
    }
    const cloud = otherCloud(type);
    if (cloud) {
      report({
        item,
        messageId: 'unmapped',
        data: { name: item.ref.name, type, cloud },
        path: ['spec', 'type'],
        facts: { service: cloud },
      });
    }
  },
});
