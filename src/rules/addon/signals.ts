// Small readers shared by the platform rules (add-ons, CNI, control plane): what a workload runs and is called.
import { containersOf, getPath, isRecord, podTemplateOf } from '../../model/kinds.js';
import type { KubeObject } from '../../model/types.js';

/** Labels that name the application a workload belongs to (not the Helm release: `instance` names a whole stack). */
export const NAME_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'] as const;

/**
 * The repository path of an image without registry host, tag or digest:
 * `quay.io/prometheus/prometheus:v2.45.0` -> `prometheus/prometheus`, `nginx` -> `nginx`.
 */
export function imageRepository(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at !== -1) ref = ref.slice(0, at);
  const parts = ref.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  const last = parts.pop() ?? '';
  const colon = last.indexOf(':');
  parts.push(colon === -1 ? last : last.slice(0, colon));
  const path = parts.join('/').toLowerCase();
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

/** Command and args of every container, as one list of strings per container. */
export function commandLinesOf(obj: KubeObject): string[][] {
  const view = podTemplateOf(obj);
  if (!view) return [];
  return containersOf(view).map(({ container }) => {
    const words: string[] = [];
    for (const key of ['command', 'args'] as const) {
      const list = container[key];
      if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') words.push(w);
    }
    return words;
  });
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

/** Annotations of the object and of its pod template, merged. */
export function annotationsOf(obj: KubeObject): Record<string, string> {
  const own = obj.metadata?.annotations ?? {};
  const template = podTemplateOf(obj)?.annotations ?? {};
  return { ...own, ...template };
}

/** The `spec` of an object as a record (empty when missing). */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const spec = getPath(obj, ['spec']);
  return isRecord(spec) ? spec : {};
}
