// cloud/operator-resource: Config Connector, Azure Service Operator and Crossplane GCP/Azure resources
// declare another cloud's infrastructure from Kubernetes; on AWS the same is done by ACK or Crossplane's AWS provider.

import { cloudOperatorOf, resourceMapping } from '../../model/cloud-services.js';
import { groupOf } from '../../model/kinds.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'cloud/operator-resource',
    targets: ['*'],
    category: 'cloud-service',
    severity: 'warning',
    description:
      'Config Connector (*.cnrm.cloud.google.com), Azure Service Operator (*.azure.com) and Crossplane GCP/Azure resources, with the AWS Controllers for Kubernetes or Crossplane AWS kind that replaces each.',
    fixable: false,
    messages: {
      mapped: {
        message:
          '{{kind}} {{name}} ({{apiVersion}}) declares a {{cloud}} resource; on AWS it becomes {{aws}}.',
        explanation:
          '{{operator}} creates and reconciles this resource in {{cloud}} from the cluster. EKS has no such controller, and the resource itself (and its data) stays behind when the workloads move.',
        remediation:
          'Declare {{aws}} instead: with AWS Controllers for Kubernetes as {{ack}}, or with Crossplane’s AWS provider as {{crossplane}}; move its data before the cut-over and point the workloads that use it at the new resource.',
      },
      unmapped: {
        message: '{{kind}} {{name}} ({{apiVersion}}) declares a {{cloud}} resource.',
        explanation:
          '{{operator}} creates and reconciles this resource in {{cloud}} from the cluster. EKS has no such controller, and the resource itself stays behind when the workloads move.',
        remediation:
          'Find the AWS counterpart of this {{kind}} and declare it with AWS Controllers for Kubernetes (aws-controllers-k8s.github.io) or Crossplane’s AWS provider; move its data before the cut-over.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    const group = groupOf(item.ref.apiVersion);
    if (!group) return;
    const family = cloudOperatorOf(group);
    if (!family) return;
    const cloud = family.label.includes('Azure') ? 'Azure' : 'Google Cloud';
    const mapping = resourceMapping(group, item.ref.kind);
    const data = {
      kind: item.ref.kind,
      name: item.ref.name,
      apiVersion: item.ref.apiVersion,
      cloud,
      operator: family.label,
    };
    if (mapping) {
      report({
        item,
        messageId: 'mapped',
        data: {
          ...data,
          aws: mapping.aws,
          ack: mapping.ack ?? 'no ACK kind',
          crossplane: mapping.crossplane ?? 'no Crossplane kind',
        },
        path: ['kind'],
        facts: {
          service: cloud,
          aws: mapping.aws,
          ack: mapping.ack ?? null,
          crossplane: mapping.crossplane ?? null,
        },
      });
      return;
    }
    report({ item, messageId: 'unmapped', data, path: ['kind'], facts: { service: cloud } });
  },
});
