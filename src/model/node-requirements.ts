// What a pod template asks of the node it runs on: its nodeSelector and node affinity, read once with
// Kubernetes' semantics. nodeSelector pairs and the required affinity must all hold; the required
// affinity's terms are ORed and the expressions inside one term are ANDed; preferred terms only weigh.
import { getPath, isRecord, type PodTemplateView } from './kinds.js';
import type { FieldPath } from './types.js';

/** One `matchExpressions` (node labels) or `matchFields` (node fields, e.g. metadata.name) entry. */
export interface NodeSelectorRequirement {
  key: string;
  /** In, NotIn, Exists, DoesNotExist, Gt, Lt (as written; unknown operators never match). */
  operator: string;
  values: string[];
  field: 'matchExpressions' | 'matchFields';
  /** Path of the requirement's `key`. */
  path: FieldPath;
}

export interface NodeSelectorTerm {
  /** ANDed. */
  requirements: NodeSelectorRequirement[];
  path: FieldPath;
}

export interface NodeRequirements {
  /** `nodeSelector` pairs, each required. */
  nodeSelector: Array<{ key: string; value: string; path: FieldPath }>;
  /** Required node affinity terms, ORed; empty when the pod sets none. */
  required: NodeSelectorTerm[];
  /** Path of `requiredDuringSchedulingIgnoredDuringExecution`, where findings about the terms point. */
  requiredPath: FieldPath;
  /** Preferred node affinity terms: the scheduler weighs them, never waits for them. */
  preferred: Array<NodeSelectorTerm & { weight: number }>;
}

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

function requirementsOf(
  term: unknown,
  termPath: FieldPath,
  fields: readonly NodeSelectorRequirement['field'][],
) {
  const out: NodeSelectorRequirement[] = [];
  for (const field of fields) {
    const list = isRecord(term) ? term[field] : undefined;
    if (!Array.isArray(list)) continue;
    list.forEach((e, i) => {
      // The API server requires a key: an entry without one says nothing readable.
      if (!isRecord(e) || typeof e.key !== 'string') return;
      out.push({
        key: e.key,
        operator: String(e.operator ?? ''),
        values: Array.isArray(e.values) ? e.values.map(String) : [],
        field,
        path: [...termPath, field, i, 'key'],
      });
    });
  }
  return out;
}

/** The node requirements of a pod template. */
export function nodeRequirementsOf(view: PodTemplateView): NodeRequirements {
  const { spec, specPath } = view;
  const affinityPath: FieldPath = [...specPath, 'affinity', 'nodeAffinity'];
  const result: NodeRequirements = {
    nodeSelector: [],
    required: [],
    requiredPath: [...affinityPath, REQUIRED],
    preferred: [],
  };
  if (isRecord(spec.nodeSelector)) {
    for (const [key, value] of Object.entries(spec.nodeSelector))
      result.nodeSelector.push({ key, value: String(value), path: [...specPath, 'nodeSelector', key] });
  }
  const nodeAffinity = getPath(spec, ['affinity', 'nodeAffinity']);
  if (!isRecord(nodeAffinity)) return result;
  const terms = getPath(nodeAffinity, [REQUIRED, 'nodeSelectorTerms']);
  if (Array.isArray(terms)) {
    terms.forEach((term, t) => {
      const path: FieldPath = [...affinityPath, REQUIRED, 'nodeSelectorTerms', t];
      result.required.push({
        requirements: requirementsOf(term, path, ['matchExpressions', 'matchFields']),
        path,
      });
    });
  }
  const preferred = nodeAffinity[PREFERRED];
  if (Array.isArray(preferred)) {
    preferred.forEach((p, t) => {
      const path: FieldPath = [...affinityPath, PREFERRED, t, 'preference'];
      const weight = isRecord(p) && typeof p.weight === 'number' ? p.weight : 0;
      const requirements = requirementsOf(getPath(p, ['preference']), path, ['matchExpressions']);
      result.preferred.push({ requirements, path, weight });
    });
  }
  return result;
}

/** Whether a node with these labels meets one requirement (matchFields compare `metadata.name`). */
export function requirementMet(
  r: NodeSelectorRequirement,
  labels: Readonly<Record<string, string>>,
  nodeName?: string,
): boolean {
  const value =
    r.field === 'matchFields' ? (r.key === 'metadata.name' ? nodeName : undefined) : labels[r.key];
  switch (r.operator) {
    case 'In':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const have = Number(value);
      const want = Number(r.values[0]);
      if (value === undefined || !Number.isInteger(have) || !Number.isInteger(want)) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/**
 * Whether a term is met. `met` decides one requirement (default: against `labels`); a term without
 * requirements matches no node, as in Kubernetes.
 */
export function termMet(term: NodeSelectorTerm, met: (r: NodeSelectorRequirement) => boolean): boolean {
  return term.requirements.length > 0 && term.requirements.every(met);
}

/** Whether a node with these labels may run the pod: every nodeSelector pair, and one required term. */
export function nodeMeetsRequirements(
  req: NodeRequirements,
  labels: Readonly<Record<string, string>>,
  nodeName?: string,
): boolean {
  if (!req.nodeSelector.every(({ key, value }) => labels[key] === value)) return false;
  if (req.required.length === 0) return true;
  return req.required.some((term) => termMet(term, (r) => requirementMet(r, labels, nodeName)));
}
