// manifests/SECRETS.md: the Secrets the kit does not write. Names, types and keys only, never a value.
import { isRecord } from '../model/kinds.js';
import type { InventoryObject } from '../model/types.js';
import { escapeMarkdown, code as inline } from '../report/escape.js';
import { isCoreSecret } from './leave-out.js';
import type { Artifact } from './types.js';

function keysOf(item: InventoryObject): string[] {
  const keys = new Set<string>();
  for (const field of ['data', 'stringData'] as const) {
    const values = item.object[field];
    if (isRecord(values)) for (const key of Object.keys(values)) keys.add(key);
  }
  return [...keys].sort();
}

/** Text from the input, escaped for a Markdown table cell (report/escape.ts); names are code spans. */
function cell(text: string): string {
  return escapeMarkdown(text, true);
}

export function secretsArtifact(objects: readonly InventoryObject[]): Artifact | undefined {
  const secrets = objects.filter(isCoreSecret);
  if (secrets.length === 0) return undefined;
  const rows = secrets
    .map((s) => ({
      ns: s.ref.namespace ?? 'default',
      name: s.ref.name,
      type: typeof s.object.type === 'string' ? s.object.type : 'Opaque',
      keys: keysOf(s),
      from: s.location.file
        ? `${s.location.file}${s.location.entry ? ` (${s.location.entry})` : ''}`
        : (s.location.cluster ?? s.origin),
    }))
    .sort((a, b) => a.ns.localeCompare(b.ns) || a.name.localeCompare(b.name));
  const lines = [
    '# Secrets to recreate on EKS',
    '',
    'kube2eks never writes Secret values, so these Secrets are not in `manifests/`. Recreate each one in its',
    'namespace before the workloads that use it (see RUNBOOK.md, "Secrets"): restore it with Velero from the',
    'backup of the old cluster, or keep the values in AWS Secrets Manager and sync them with the External',
    'Secrets Operator (an `ExternalSecret` per row). Image pull Secrets of registries that go away',
    '(`kubernetes.io/dockerconfigjson` for gcr.io, Artifact Registry, ACR) are not needed once the images are in ECR.',
    '',
    '| Namespace | Name | Type | Keys | Read from |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${inline(r.ns, true)} | ${inline(r.name, true)} | ${cell(r.type)} | ${r.keys.length > 0 ? r.keys.map((k) => inline(k, true)).join(', ') : '(none)'} | ${inline(r.from, true)} |`,
    ),
    '',
  ];
  return { path: 'manifests/SECRETS.md', content: lines.join('\n') };
}
