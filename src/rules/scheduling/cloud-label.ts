// scheduling/cloud-label: pods that select nodes by labels or taints only another platform sets
// (GKE node pools, AKS agent pools, other clouds' machine types and zones, deprecated beta labels).

import {
  type CloudLabel,
  cloudLabelByKey,
  foreignInstanceType,
  foreignZone,
  gkeAcceleratorOnEks,
  INSTANCE_TYPE_KEYS,
  ZONE_KEYS,
} from '../../model/cloud-labels.table.js';
import { getPath, isRecord, type PodSpec, type PodTemplateView } from '../../model/kinds.js';
import { nodeRequirementsOf } from '../../model/node-requirements.js';
import type { FieldPath, Severity } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

interface Use {
  key: string;
  values: string[];
  /** Where: nodeSelector, required node affinity, toleration, … */
  where: string;
  /** Whether the pod stays Pending when no node matches. */
  hard: boolean;
  path: FieldPath;
}

interface Hit {
  label: CloudLabel;
  shown: string;
  wheres: Set<string>;
  severity: Severity;
  path: FieldPath;
}

const ZONE_EKS = 'topology.kubernetes.io/zone with an AWS Availability Zone name (for example us-east-1a)';
const INSTANCE_EKS =
  'node.kubernetes.io/instance-type with an EC2 instance type (for example m6i.xlarge), or karpenter.k8s.aws/instance-family';

/** The cloud-specific meaning of one key (and values), if any. */
function classify(key: string, values: string[]): { label: CloudLabel; shown: string } | undefined {
  if (INSTANCE_TYPE_KEYS.has(key)) {
    const foreign = values.filter((v) => foreignInstanceType(v));
    const first = foreign[0];
    if (first) {
      const platform = foreignInstanceType(first) ?? 'another cloud';
      return {
        label: { platform, meaning: `${platform} machine types`, eks: INSTANCE_EKS },
        shown: `${key}: ${joinList(foreign)}`,
      };
    }
  }
  if (ZONE_KEYS.has(key)) {
    const foreign = values.filter((v) => foreignZone(v));
    const first = foreign[0];
    if (first) {
      const platform = foreignZone(first) ?? 'another cloud';
      return {
        label: { platform, meaning: `${platform} zones or regions`, eks: ZONE_EKS },
        shown: `${key}: ${joinList(foreign)}`,
      };
    }
  }
  const label = cloudLabelByKey(key);
  if (!label) return undefined;
  const shown = values.length > 0 ? `${key}: ${joinList(values)}` : key;
  if (key === 'cloud.google.com/gke-accelerator') {
    const gpu = values.map(gkeAcceleratorOnEks).find((g) => g !== undefined);
    if (gpu) return { label: { ...label, ...gpu }, shown };
  }
  return { label, shown };
}

/** nodeSelector and node affinity (model/node-requirements.ts): where the pod names node labels. */
function nodeLabelUses(view: PodTemplateView): Use[] {
  const req = nodeRequirementsOf(view);
  const uses: Use[] = req.nodeSelector.map(({ key, value, path }) => ({
    key,
    values: [value],
    where: 'nodeSelector',
    hard: true,
    path,
  }));
  for (const term of req.required) {
    for (const r of term.requirements) {
      // NotIn / DoesNotExist keep pods away from such nodes: harmless when no node has the label.
      const negative = r.operator === 'NotIn' || r.operator === 'DoesNotExist';
      uses.push({
        key: r.key,
        values: r.values,
        where: 'required node affinity',
        hard: !negative,
        path: r.path,
      });
    }
  }
  for (const term of req.preferred) {
    for (const r of term.requirements)
      uses.push({
        key: r.key,
        values: r.values,
        where: 'preferred node affinity',
        hard: false,
        path: r.path,
      });
  }
  return uses;
}

/** Required and preferred pod (anti-)affinity terms: their topology keys are node labels. */
function podAffinityUses(spec: PodSpec, specPath: FieldPath): Use[] {
  const uses: Use[] = [];
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const block = getPath(spec, ['affinity', kind]);
    if (!isRecord(block)) continue;
    const base = [...specPath, 'affinity', kind];
    const required = block.requiredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(required)) {
      required.forEach((term, i) => {
        if (isRecord(term) && typeof term.topologyKey === 'string') {
          uses.push({
            key: term.topologyKey,
            values: [],
            where: `${kind} topologyKey`,
            // Nodes without the key fail required pod affinity, but satisfy anti-affinity (which then spreads nothing).
            hard: kind === 'podAffinity',
            path: [...base, 'requiredDuringSchedulingIgnoredDuringExecution', i, 'topologyKey'],
          });
        }
      });
    }
    const preferred = block.preferredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(preferred)) {
      preferred.forEach((p, i) => {
        const key = getPath(p, ['podAffinityTerm', 'topologyKey']);
        if (typeof key === 'string') {
          uses.push({
            key,
            values: [],
            where: `${kind} topologyKey`,
            hard: false,
            path: [
              ...base,
              'preferredDuringSchedulingIgnoredDuringExecution',
              i,
              'podAffinityTerm',
              'topologyKey',
            ],
          });
        }
      });
    }
  }
  return uses;
}

/** Topology spread constraints and tolerations: topology keys and taint keys. */
function spreadAndTolerationUses(spec: PodSpec, specPath: FieldPath): Use[] {
  const uses: Use[] = [];
  const spread = spec.topologySpreadConstraints;
  if (Array.isArray(spread)) {
    spread.forEach((c, i) => {
      if (isRecord(c) && typeof c.topologyKey === 'string') {
        uses.push({
          key: c.topologyKey,
          values: [],
          where: 'topologySpreadConstraints',
          hard: c.whenUnsatisfiable !== 'ScheduleAnyway',
          path: [...specPath, 'topologySpreadConstraints', i, 'topologyKey'],
        });
      }
    });
  }
  const tolerations = spec.tolerations;
  if (Array.isArray(tolerations)) {
    tolerations.forEach((t, i) => {
      if (isRecord(t) && typeof t.key === 'string' && t.key !== '') {
        uses.push({
          key: t.key,
          values: typeof t.value === 'string' && t.value !== '' ? [t.value] : [],
          where: 'toleration',
          hard: false,
          path: [...specPath, 'tolerations', i, 'key'],
        });
      }
    });
  }
  return uses;
}

/** Every place a pod template names node labels, taints or topology keys. */
function usesOf(view: PodTemplateView): Use[] {
  return [
    ...nodeLabelUses(view),
    ...podAffinityUses(view.spec, view.specPath),
    ...spreadAndTolerationUses(view.spec, view.specPath),
  ];
}

export default defineRule({
  meta: {
    id: 'scheduling/cloud-label',
    targets: ['workload'],
    category: 'node-affinity-cloud-label',
    severity: 'warning',
    description:
      'nodeSelector, affinity, topology spread and tolerations on labels or taints that only another platform sets, with the EKS counterpart.',
    fixable: false,
    severityNote: 'info for preferences, tolerations and deprecated labels',
    messages: {
      cloud: {
        message:
          '{{kind}} {{name}} selects nodes by {{shown}} ({{where}}), {{meaning}} that EKS nodes do not carry.',
        explanation:
          '{{platform}} sets this on its nodes; EKS nodes carry their own labels (eks.amazonaws.com/nodegroup, eks.amazonaws.com/capacityType, node.kubernetes.io/instance-type with EC2 types, topology.kubernetes.io/zone with AWS zones). {{impact}}',
        remediation: 'Use {{eks}} on EKS, or remove the constraint if the workload may run on any node.',
      },
      deprecated: {
        message: '{{kind}} {{name}} uses the deprecated label {{shown}} ({{where}}).',
        explanation:
          'It selects {{meaning}}. Kubernetes replaced it with a GA label; tools such as Karpenter only act on the GA labels, so constraints on the old one may not steer pods as intended on EKS.',
        remediation: 'Use {{eks}} instead.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    const hits = new Map<string, Hit>();
    for (const use of usesOf(view)) {
      const found = classify(use.key, use.values);
      if (!found) continue;
      // Role labels only matter where they are required: tolerating a control-plane taint is harmless.
      if (use.key.startsWith('node-role.kubernetes.io/') && !(use.hard && use.where !== 'toleration'))
        continue;
      const severity: Severity = found.label.deprecatedOnly || !use.hard ? 'info' : 'warning';
      const hit = hits.get(use.key);
      if (hit?.label.deprecatedOnly && !found.label.deprecatedOnly) {
        // A cloud value under a deprecated key (failure-domain.beta.kubernetes.io/zone: us-central1-a) is the bigger problem.
        hits.set(use.key, {
          ...found,
          wheres: new Set([...hit.wheres, use.where]),
          severity,
          path: use.path,
        });
      } else if (hit) {
        hit.wheres.add(use.where);
        if (severity === 'warning') hit.severity = 'warning';
      } else {
        hits.set(use.key, { ...found, wheres: new Set([use.where]), severity, path: use.path });
      }
    }
    for (const hit of hits.values()) {
      const impact =
        hit.severity === 'warning'
          ? 'As written, these pods stay Pending on EKS because no node matches.'
          : 'On EKS the constraint matches no node, so it silently stops steering these pods.';
      report({
        item,
        messageId: hit.label.deprecatedOnly ? 'deprecated' : 'cloud',
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          shown: hit.shown,
          where: joinList([...hit.wheres]),
          meaning: hit.label.meaning,
          platform: hit.label.platform,
          eks: hit.label.eks,
          impact,
        },
        path: hit.path,
        severity: hit.severity,
        facts: { platform: hit.label.platform, eksLabel: hit.label.eks },
      });
    }
  },
});
