// resources/requests-missing: containers without CPU or memory requests, or with requests and limits
// that are no Kubernetes quantity (an unrendered template placeholder, a typo). The plan sizes nodes
// from requests and assumes the defaults of model/requests.ts for both.

import { containersOf, getPath, isRecord } from '../../model/kinds.js';
import { parseQuantity } from '../../model/quantity.js';
import {
  DEFAULT_CPU_REQUEST_MILLICORES,
  DEFAULT_MEMORY_REQUEST_MIB,
  effectiveRequest,
} from '../../model/requests.js';
import type { Inventory } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

/** Resources each namespace's LimitRanges give containers by default, by namespace. */
function limitRangeDefaults(inventory: Inventory): Map<string, Set<'cpu' | 'memory'>> {
  const index = new Map<string, Set<'cpu' | 'memory'>>();
  for (const o of inventory.objects) {
    if (o.ref.kind !== 'LimitRange') continue;
    const limits = getPath(o.object, ['spec', 'limits']);
    if (!Array.isArray(limits)) continue;
    const set = index.get(o.ref.namespace ?? '') ?? new Set();
    for (const l of limits) {
      if (!isRecord(l) || (l.type !== undefined && l.type !== 'Container')) continue;
      for (const field of ['defaultRequest', 'default'] as const) {
        const values = l[field];
        if (!isRecord(values)) continue;
        if (values.cpu !== undefined) set.add('cpu');
        if (values.memory !== undefined) set.add('memory');
      }
    }
    index.set(o.ref.namespace ?? '', set);
  }
  return index;
}

export default defineRule({
  meta: {
    id: 'resources/requests-missing',
    targets: ['workload'],
    category: 'resources-missing',
    severity: 'info',
    severityNote: 'warning for values that are no quantity',
    description:
      'Containers without CPU or memory requests, or whose requests and limits are no Kubernetes quantity, for which the plan assumes default sizes.',
    fixable: false,
    messages: {
      missing: {
        message: '{{kind}} {{name}} has containers without {{what}} requests: {{containers}}.',
        explanation:
          'kube2eks sizes EKS node groups (and Fargate pods) from requests, and so does the scheduler: for these containers the plan assumes {{assumed}} each, which may be far from what they use. Without requests the pods are BestEffort or Burstable and are the first to be evicted when an EKS node runs short of memory.',
        remediation:
          'Set resources.requests for cpu and memory from observed usage (kubectl top pods, or the usage in a kube2eks collect bundle) before planning the EKS capacity; a LimitRange with defaultRequest in the namespace is a fallback.',
      },
      unreadable: {
        message: '{{kind}} {{name}} has resource values that are no Kubernetes quantity: {{values}}.',
        explanation:
          'A quantity is a number with an optional suffix (250m, 0.5, 512Mi, 2G). The API server rejects the object as it is, so it cannot be applied to EKS; a value such as $CPU or a Helm expression is usually a template placeholder left unrendered. kube2eks cannot read it and the plan assumes {{assumed}} for each such request.',
        remediation:
          'Render the templates before assessing (helm template, kustomize build, envsubst), or write the value as a quantity, such as cpu: 250m and memory: 512Mi.',
      },
    },
  },
  index: limitRangeDefaults,
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    const defaults = ctx.index.get(item.ref.namespace ?? '') ?? new Set();
    const lacking: Array<{ name: string; cpu: boolean; memory: boolean; index: number; group: string }> = [];
    for (const { container, group, index } of containersOf(view)) {
      // Ephemeral containers have no resources; plain init containers finish before the app starts.
      if (group === 'ephemeralContainers') continue;
      if (group === 'initContainers' && container.restartPolicy !== 'Always') continue;
      const cpu = effectiveRequest(container, 'cpu') === undefined && !defaults.has('cpu');
      const memory = effectiveRequest(container, 'memory') === undefined && !defaults.has('memory');
      if (cpu || memory) lacking.push({ name: container.name ?? `#${index}`, cpu, memory, index, group });
    }
    const unreadable: Array<{ field: string; value: string; path: Array<string | number> }> = [];
    for (const { container, group, index } of containersOf(view)) {
      for (const kind of ['requests', 'limits'] as const)
        for (const resource of ['cpu', 'memory'] as const) {
          const value = getPath(container, ['resources', kind, resource]);
          if (value === undefined || value === null || parseQuantity(value) !== undefined) continue;
          unreadable.push({
            field: `${container.name ?? `#${index}`} ${kind}.${resource}`,
            value: typeof value === 'string' ? value : JSON.stringify(value),
            path: [...view.specPath, group, index, 'resources', kind, resource],
          });
        }
    }
    if (unreadable[0])
      report({
        item,
        messageId: 'unreadable',
        severity: 'warning',
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          values: joinList(unreadable.map((u) => `${u.field} "${u.value}"`)),
          assumed: `${DEFAULT_CPU_REQUEST_MILLICORES}m CPU or ${DEFAULT_MEMORY_REQUEST_MIB} MiB memory`,
        },
        path: unreadable[0].path,
        facts: { unreadable: unreadable.map((u) => ({ field: u.field, value: u.value })) },
      });
    const first = lacking[0];
    if (!first) return;
    const anyCpu = lacking.some((c) => c.cpu);
    const anyMemory = lacking.some((c) => c.memory);
    const what = anyCpu && anyMemory ? 'CPU or memory' : anyCpu ? 'CPU' : 'memory';
    const assumed = joinList([
      ...(anyCpu ? [`${DEFAULT_CPU_REQUEST_MILLICORES}m CPU`] : []),
      ...(anyMemory ? [`${DEFAULT_MEMORY_REQUEST_MIB} MiB memory`] : []),
    ]);
    report({
      item,
      messageId: 'missing',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        what,
        containers: joinList(
          lacking.map(
            (c) => `${c.name} (${[c.cpu ? 'cpu' : '', c.memory ? 'memory' : ''].filter(Boolean).join(', ')})`,
          ),
        ),
        assumed,
      },
      path: [...view.specPath, first.group, first.index],
      facts: {
        containers: lacking.map((c) => ({ name: c.name, cpuMissing: c.cpu, memoryMissing: c.memory })),
        assumedCpuMillicores: DEFAULT_CPU_REQUEST_MILLICORES,
        assumedMemoryMiB: DEFAULT_MEMORY_REQUEST_MIB,
      },
    });
  },
});
