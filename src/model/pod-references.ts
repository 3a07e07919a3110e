// The objects a pod template names (ServiceAccount, pull Secrets, Secrets, ConfigMaps, claims,
// SecretProviderClasses), skipping those marked optional: what must exist before the pods start.
import { containersOf, getPath, isRecord, type PodTemplateView, podTemplateOf } from './kinds.js';
import type { FieldPath, InventoryObject } from './types.js';

export type RefKind =
  | 'Secret'
  | 'ConfigMap'
  | 'PersistentVolumeClaim'
  | 'ServiceAccount'
  | 'SecretProviderClass';

export interface Reference {
  kind: RefKind;
  name: string;
  path: FieldPath;
}

/** A name worth checking: not empty and not an unprocessed template parameter. */
export function isUsableName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && !name.includes('${') && !name.includes('{{');
}

/** Every object a pod template names, except those marked optional. `view`: the item's pod template, when known. */
export function podReferences(
  item: InventoryObject,
  view: PodTemplateView | undefined = podTemplateOf(item.object),
): Reference[] {
  if (!view) return [];
  const out: Reference[] = [];
  const add = (kind: RefKind, name: unknown, path: FieldPath, optional?: unknown): void => {
    if (optional === true || !isUsableName(name)) return;
    if (!out.some((r) => r.kind === kind && r.name === name)) out.push({ kind, name, path });
  };
  const sp = view.specPath;
  const sa = view.spec.serviceAccountName ?? view.spec.serviceAccount;
  add('ServiceAccount', sa, [...sp, view.spec.serviceAccountName ? 'serviceAccountName' : 'serviceAccount']);
  view.spec.imagePullSecrets?.forEach((s, i) => {
    add('Secret', s?.name, [...sp, 'imagePullSecrets', i, 'name']);
  });
  view.spec.volumes?.forEach((v, i) => {
    if (!isRecord(v)) return;
    const vp = [...sp, 'volumes', i];
    if (isRecord(v.secret))
      add('Secret', v.secret.secretName, [...vp, 'secret', 'secretName'], v.secret.optional);
    if (isRecord(v.configMap))
      add('ConfigMap', v.configMap.name, [...vp, 'configMap', 'name'], v.configMap.optional);
    if (isRecord(v.persistentVolumeClaim))
      add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, [
        ...vp,
        'persistentVolumeClaim',
        'claimName',
      ]);
    if (isRecord(v.csi)) {
      const spc = getPath(v.csi, ['volumeAttributes', 'secretProviderClass']);
      add('SecretProviderClass', spc, [...vp, 'csi', 'volumeAttributes', 'secretProviderClass']);
      add('Secret', getPath(v.csi, ['nodePublishSecretRef', 'name']), [
        ...vp,
        'csi',
        'nodePublishSecretRef',
        'name',
      ]);
    }
    const sources = getPath(v, ['projected', 'sources']);
    if (Array.isArray(sources)) {
      sources.forEach((s, j) => {
        if (!isRecord(s)) return;
        const p = [...vp, 'projected', 'sources', j];
        if (isRecord(s.secret)) add('Secret', s.secret.name, [...p, 'secret', 'name'], s.secret.optional);
        if (isRecord(s.configMap))
          add('ConfigMap', s.configMap.name, [...p, 'configMap', 'name'], s.configMap.optional);
      });
    }
  });
  for (const c of containersOf(view)) {
    c.container.env?.forEach((e, i) => {
      const from = isRecord(e) ? e.valueFrom : undefined;
      if (!isRecord(from)) return;
      const p = [...c.path, 'env', i, 'valueFrom'];
      if (isRecord(from.secretKeyRef))
        add('Secret', from.secretKeyRef.name, [...p, 'secretKeyRef', 'name'], from.secretKeyRef.optional);
      if (isRecord(from.configMapKeyRef))
        add(
          'ConfigMap',
          from.configMapKeyRef.name,
          [...p, 'configMapKeyRef', 'name'],
          from.configMapKeyRef.optional,
        );
    });
    c.container.envFrom?.forEach((e, i) => {
      if (!isRecord(e)) return;
      const p = [...c.path, 'envFrom', i];
      if (isRecord(e.secretRef))
        add('Secret', e.secretRef.name, [...p, 'secretRef', 'name'], e.secretRef.optional);
      if (isRecord(e.configMapRef))
        add('ConfigMap', e.configMapRef.name, [...p, 'configMapRef', 'name'], e.configMapRef.optional);
    });
  }
  return out;
}
