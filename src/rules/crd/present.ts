// crd/present: CustomResourceDefinitions (and custom resources whose definition is not in the input)
// need their CRD and the operator behind it on EKS before anything else is applied.
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import type { Inventory } from '../../model/types.js';
import { defineRule } from '../define.js';
import {
  BUILT_IN_GROUPS,
  isConfigOnlyGroup,
  isOpenShiftGroup,
  operatorFor,
  reportedElsewhere,
} from './groups.table.js';

interface CrdIndex {
  /** `group/Kind` of every CRD in the input. */
  defined: Set<string>;
  /** Groups served by an aggregated API server (APIService objects). */
  aggregated: Set<string>;
  /** Instances per `group/Kind`. */
  instances: Map<string, number>;
}

function crdIndex(inventory: Inventory): CrdIndex {
  const index: CrdIndex = { defined: new Set(), aggregated: new Set(), instances: new Map() };
  for (const { object, ref } of inventory.objects) {
    const group = groupOf(ref.apiVersion);
    if (ref.kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io') {
      const crdGroup = getPath(object, ['spec', 'group']);
      const kind = getPath(object, ['spec', 'names', 'kind']);
      if (typeof crdGroup === 'string' && typeof kind === 'string') index.defined.add(`${crdGroup}/${kind}`);
    } else if (ref.kind === 'APIService' && group === 'apiregistration.k8s.io') {
      const served = getPath(object, ['spec', 'group']);
      if (typeof served === 'string') index.aggregated.add(served);
    } else if (!BUILT_IN_GROUPS.has(group)) {
      const key = `${group}/${ref.kind}`;
      index.instances.set(key, (index.instances.get(key) ?? 0) + 1);
    }
  }
  return index;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export default defineRule({
  meta: {
    id: 'crd/present',
    targets: ['*'],
    category: 'crd-present',
    severity: 'info',
    description:
      'CustomResourceDefinitions, and custom resources whose definition is not in the input: the CRD and its operator must exist on EKS first.',
    fixable: false,
    messages: {
      definition: {
        message:
          'CustomResourceDefinition {{name}} ({{kind}}, group {{group}}) must be installed on EKS, with {{operator}}, before its custom resources ({{instances}} in the input).',
        explanation:
          'EKS serves only the built-in Kubernetes APIs. Custom resources of {{group}} are rejected until the CRD exists, and do nothing until the controller that watches them runs on the cluster.',
        remediation:
          'Install the CRD and its controller on EKS first (usually the same Helm chart or EKS add-on that installed it on the source), at a version that supports the target Kubernetes version; then apply the custom resources. On EKS: {{onEks}}.',
      },
      cloudDefinition: {
        message:
          'CustomResourceDefinition {{name}} ({{kind}}, group {{group}}) belongs to {{operator}} and has no counterpart on EKS.',
        explanation:
          'The controller behind {{group}} runs only on the source platform; copying the CRD to EKS would accept the objects but nothing would act on them.',
        remediation: 'Do not install it on EKS; {{onEks}}.',
      },
      instance: {
        message:
          '{{kind}} {{name}} is a custom resource of {{apiVersion}}, whose CustomResourceDefinition is not in the input: {{operator}} must be installed on EKS first.',
        explanation:
          'EKS serves only the built-in Kubernetes APIs. Applying this object fails with "no matches for kind {{kind}} in version {{apiVersion}}" until the CRD exists, and it has no effect until the controller that watches it runs on the cluster.',
        remediation:
          'Install the CRD and its controller on EKS before applying this object (the Helm chart or EKS add-on that provides it on the source), at a version that supports the target Kubernetes version. On EKS: {{onEks}}.',
      },
      cloudInstance: {
        message:
          '{{kind}} {{name}} ({{apiVersion}}) is a custom resource of {{operator}}, which does not exist on EKS.',
        explanation:
          'The CRD for {{apiVersion}} {{kind}} is installed and acted on by the source platform only; EKS rejects the object ("no matches for kind"), and no controller there would act on it.',
        remediation: 'Leave the object out of the move and {{onEks}}.',
      },
    },
  },
  index: crdIndex,
  checkObject(item, ctx, report) {
    const index = ctx.index;
    const group = groupOf(item.ref.apiVersion);
    if (item.ref.kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io') {
      const crdGroup = getPath(item.object, ['spec', 'group']);
      const kind = getPath(item.object, ['spec', 'names', 'kind']);
      const g = typeof crdGroup === 'string' ? crdGroup : '(unknown)';
      const k = typeof kind === 'string' ? kind : '(unknown kind)';
      const info = operatorFor(g, k);
      const count = index.instances.get(`${g}/${k}`) ?? 0;
      report({
        item,
        messageId: info?.cloudOnly ? 'cloudDefinition' : 'definition',
        data: {
          name: item.ref.name,
          kind: k,
          group: g,
          operator: info?.operator ?? 'the operator or chart that provides it',
          onEks:
            info?.onEks ??
            'no AWS-managed counterpart is known to kube2eks; install the project that owns the group',
          instances: plural(count, 'object'),
        },
        path: ['spec', 'group'],
        facts: { crdGroup: g, crdKind: k, instances: count, cloudOnly: info?.cloudOnly === true },
      });
      return;
    }
    if (!item.ref.apiVersion.includes('/') || BUILT_IN_GROUPS.has(group)) return;
    if (isConfigOnlyGroup(group) || isOpenShiftGroup(group)) return;
    // One concern, one finding: the rule that names the EKS counterpart reports this object.
    if (reportedElsewhere(group, item.ref.kind)) return;
    if (index.defined.has(`${group}/${item.ref.kind}`) || index.aggregated.has(group)) return;
    if (!isRecord(item.object.metadata)) return;
    const info = operatorFor(group, item.ref.kind);
    report({
      item,
      messageId: info?.cloudOnly ? 'cloudInstance' : 'instance',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        apiVersion: item.ref.apiVersion,
        operator: info?.operator ?? `the operator that serves ${group}`,
        onEks:
          info?.onEks ??
          'no AWS-managed counterpart is known to kube2eks; install the project that owns the group',
      },
      path: ['apiVersion'],
      facts: {
        crdGroup: group,
        crdKind: item.ref.kind,
        crdInInput: false,
        cloudOnly: info?.cloudOnly === true,
      },
    });
  },
});
