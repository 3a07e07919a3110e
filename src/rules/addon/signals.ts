// Small readers shared by the platform rules (add-ons, CNI, control plane): what a workload runs and is called.
import { containersOf, isRecord, podTemplateOf } from '../../model/kinds.js';
import type { KubeObject } from '../../model/types.js';
import { parseImageReference } from '../image/reference.js';

/** Labels that name the application a workload belongs to (not the Helm release: `instance` names a whole stack). */
export const NAME_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'] as const;

/**
 * The repository path of an image without registry host, tag or digest:
 * `quay.io/prometheus/prometheus:v2.45.0` -> `prometheus/prometheus`, `nginx` -> `nginx`.
 */
export function imageRepository(image: string): string {
  const ref = parseImageReference(image);
  const path = (ref ? ref.repository : image.trim()).toLowerCase();
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}

/** True when `repository` (from imageRepository) is `suffix` or ends with `/suffix`. */
export function repositoryMatches(repository: string, suffix: string): boolean {
  return repository === suffix || repository.endsWith(`/${suffix}`);
}

/** Every image a workload runs (init, regular and ephemeral containers). */
export function imagesOf(obj: KubeObject): string[] {
  const view = podTemplateOf(obj);
  if (!view) return [];
  return containersOf(view)
    .map((c) => c.container.image)
    .filter((i): i is string => typeof i === 'string' && i.trim() !== '');
}

/** Values of the naming labels on the object and on its pod template. */
export function nameLabelValues(obj: KubeObject): string[] {
  const out = new Set<string>();
  const sources = [obj.metadata?.labels, podTemplateOf(obj)?.labels];
  for (const labels of sources) {
    if (!isRecord(labels)) continue;
    for (const key of NAME_LABELS) {
      const value = labels[key];
      if (typeof value === 'string' && value !== '') out.add(value.toLowerCase());
    }
  }
  return [...out];
}

/**
 * A Pod created by a controller (ReplicaSet, DaemonSet, Job, …): its controller carries the finding.
 * Mirror pods of static pods name their Node as controller; they are the workload itself.
 */
export function isControlledPod(obj: KubeObject): boolean {
  if (obj.kind !== 'Pod') return false;
  const owners = obj.metadata?.ownerReferences;
  return (
    Array.isArray(owners) && owners.some((o) => isRecord(o) && o.controller === true && o.kind !== 'Node')
  );
}

/** The value of a `--flag=value` or `--flag value` option in a command line. */
export function flagValue(words: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    // Shell-wrapped commands ("sh -c '... --flag=x ...'") hold several options in one word.
    const inline = new RegExp(`(?:^|\\s)${flag.replace(/[-]/g, '\\-')}=(\\S+)`).exec(word);
    if (inline) return inline[1]?.replace(/^['"]|['"]$/g, '');
    if (word === flag) return words[i + 1];
  }
  return undefined;
}
