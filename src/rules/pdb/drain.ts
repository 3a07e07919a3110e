// pdb/drain: every PodDisruptionBudget gates node drains on EKS (managed node group updates, Karpenter
// consolidation, Spot interruptions); one that allows no disruption at all blocks them.

import { LabelIndex } from '../../model/inventory-index.js';
import { describeRef, getPath, isRecord, replicasOf } from '../../model/kinds.js';
import { operatorPodLabels } from '../../model/operator-pods.js';
import { selectorMatches } from '../../model/selector.js';
import type { InventoryObject } from '../../model/types.js';
import { countedWorkloads } from '../../model/workloads.js';
import { defineRule, joinList } from '../define.js';

const EXPLANATION =
  'On EKS every voluntary eviction honours PodDisruptionBudgets: managed node group version updates and AMI rollouts drain nodes one batch at a time, Karpenter consolidation and drift replace nodes, and Spot interruption handling (Karpenter or the AWS Node Termination Handler) drains a Spot node within its two-minute notice.';

export default defineRule({
  meta: {
    id: 'pdb/drain',
    targets: ['PodDisruptionBudget', 'workload'],
    category: 'pdb',
    severity: 'info',
    description:
      'PodDisruptionBudgets, which gate node drains on EKS; one that allows no disruption blocks node group updates (warning).',
    fixable: false,
    severityNote: 'warning when the budget blocks drains',
    messages: {
      gates: {
        message: 'PodDisruptionBudget {{name}} ({{budget}}) gates node drains on EKS for {{selected}}.',
        explanation: `${EXPLANATION} This budget allows {{allowed}}.`,
        remediation:
          'Keep it, and keep enough replicas for the budget to allow at least one eviction; size node group updates (updateConfig maxUnavailable) and Karpenter disruption budgets with it in mind.',
      },
      blocks: {
        message:
          'PodDisruptionBudget {{name}} ({{budget}}) allows no voluntary disruption of {{selected}}: it blocks node drains on EKS.',
        explanation: `${EXPLANATION} With no disruption allowed, a managed node group update fails with PodEvictionFailure after 15 minutes (unless forced), Karpenter cannot consolidate the node, and a Spot interruption kills the pods without a graceful drain.`,
        remediation:
          'Allow at least one disruption: set maxUnavailable: 1 (or minAvailable below the replica count) and run enough replicas to survive one eviction; if the workload truly must not be evicted, keep it on an on-demand node group that you update by hand.',
      },
    },
  },
  checkInventory(inventory, _ctx, report) {
    // Workloads by namespace, with their pod template labels.
    const workloads = new Map<string, Array<{ item: InventoryObject; labels: Record<string, string> }>>();
    for (const { item, pod: view } of countedWorkloads(inventory)) {
      // Jobs and CronJobs run to completion: their pods are not replicas a budget keeps up, even when they
      // share a StatefulSet's labels (a backup CronJob labelled like its database).
      if (item.ref.kind === 'Job' || item.ref.kind === 'CronJob') continue;
      const ns = item.ref.namespace ?? '';
      const list = workloads.get(ns) ?? [];
      list.push({ item, labels: view.labels });
      workloads.set(ns, list);
    }
    // Bucketed by label, so each budget tests only the workloads that carry one of its labels.
    const byLabel = new Map([...workloads].map(([ns, list]) => [ns, LabelIndex.of(list, (w) => w.labels)]));
    // Custom resources whose operator creates the pods (Prometheus, Alertmanager, ECK, …), with their pod labels.
    const operated = new Map<string, Array<{ item: InventoryObject; labels: Record<string, string>[] }>>();
    for (const item of inventory.objects) {
      const labels = operatorPodLabels(item);
      if (labels.length === 0) continue;
      const ns = item.ref.namespace ?? '';
      const list = operated.get(ns) ?? [];
      list.push({ item, labels });
      operated.set(ns, list);
    }
    for (const item of inventory.objects) {
      if (item.ref.kind !== 'PodDisruptionBudget') continue;
      const spec = isRecord(item.object.spec) ? item.object.spec : {};
      const selector = spec.selector;
      // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod of the namespace".
      const emptyMatchesNothing =
        item.ref.apiVersion === 'policy/v1beta1' && isRecord(selector) && Object.keys(selector).length === 0;
      const selected: InventoryObject[] = emptyMatchesNothing
        ? []
        : (byLabel.get(item.ref.namespace ?? '')?.candidates(selector) ?? [])
            .filter((w) => selectorMatches(selector, w.labels))
            .map((w) => w.item);
      const fromOperators =
        selected.length > 0 || emptyMatchesNothing
          ? []
          : (operated.get(item.ref.namespace ?? '') ?? [])
              .filter((o) => o.labels.some((l) => selectorMatches(selector, l)))
              .map((o) => o.item);
      const crReplicas = fromOperators.map((o) => getPath(o.object, ['spec', 'replicas']));
      const replicas =
        selected.reduce((sum, w) => sum + replicasOf(w.object), 0) +
        crReplicas.reduce<number>((sum, r) => sum + (typeof r === 'number' ? r : 0), 0);
      const countable =
        (selected.length > 0 && selected.every((w) => w.ref.kind !== 'DaemonSet')) ||
        (fromOperators.length > 0 && crReplicas.every((r) => typeof r === 'number'));
      const verdict = judge(spec, countable ? replicas : undefined);
      const count = countable ? ` (${replicas} replica${replicas === 1 ? '' : 's'})` : '';
      const selectedText =
        selected.length > 0
          ? `${joinList(selected.map((w) => describeRef(w.ref)))}${count}`
          : fromOperators.length > 0
            ? `the pods its operator creates for ${joinList(fromOperators.map((o) => `${o.ref.kind} ${o.ref.name}`))}${count}`
            : 'pods matching its selector (no workload in the input matches it)';
      report({
        item,
        messageId: verdict.blocks ? 'blocks' : 'gates',
        severity: verdict.blocks ? 'warning' : 'info',
        data: {
          name: item.ref.name,
          budget: verdict.budget,
          selected: selectedText,
          allowed: verdict.allowed,
        },
        path: verdict.path,
        facts: {
          blocksDrain: verdict.blocks,
          selected: [...selected, ...fromOperators].map((w) => `${w.ref.kind}/${w.ref.name}`),
          replicas: countable ? replicas : undefined,
        },
      });
    }
  },
});

interface Verdict {
  blocks: boolean;
  budget: string;
  allowed: string;
  path: string[];
}

/** Kubernetes rounds percentages up for both fields. */
function scaled(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const pct = /^(\d+)%$/.exec(value.trim());
    if (pct) return Math.ceil((Number(pct[1]) * replicas) / 100 - 1e-9);
    if (/^\d+$/.test(value.trim())) return Number(value);
  }
  return undefined;
}

function judge(spec: Record<string, unknown>, replicas: number | undefined): Verdict {
  const maxU = spec.maxUnavailable;
  const minA = spec.minAvailable;
  if (maxU !== undefined) {
    const budget = `maxUnavailable: ${String(maxU)}`;
    const path = ['spec', 'maxUnavailable'];
    const zero = maxU === 0 || (typeof maxU === 'string' && /^0+%?$/.test(maxU.trim()));
    if (zero) return { blocks: true, budget, allowed: 'no eviction at all', path };
    const n = replicas === undefined ? undefined : scaled(maxU, replicas);
    return {
      blocks: false,
      budget,
      allowed:
        n === undefined
          ? `${String(maxU)} ${maxU === 1 || maxU === '1' ? 'pod' : 'pods'} down at a time`
          : `${n} pod${n === 1 ? '' : 's'} down at a time`,
      path,
    };
  }
  if (minA !== undefined) {
    const budget = `minAvailable: ${String(minA)}`;
    const path = ['spec', 'minAvailable'];
    if (typeof minA === 'string' && minA.trim() === '100%')
      return { blocks: true, budget, allowed: 'no eviction at all', path };
    if (replicas !== undefined && replicas > 0) {
      const need = scaled(minA, replicas);
      if (need !== undefined && need >= replicas) {
        return {
          blocks: true,
          budget,
          allowed: `no eviction at all (${need} of ${replicas} pods must stay up)`,
          path,
        };
      }
      if (need !== undefined) {
        const n = replicas - need;
        return { blocks: false, budget, allowed: `${n} pod${n === 1 ? '' : 's'} down at a time`, path };
      }
    }
    return {
      blocks: false,
      budget,
      allowed: `evictions while at least ${String(minA)} ${minA === 1 || minA === '1' ? 'pod stays' : 'pods stay'} available`,
      path,
    };
  }
  return {
    blocks: false,
    budget: 'no minAvailable or maxUnavailable',
    allowed: 'evictions as the API server defaults them',
    path: ['spec'],
  };
}
