// A small model of `kustomize build` for the overlays kube2eks writes: resources (files of YAML or JSON
// documents, `*List` kinds unrolled), `patches` (JSON 6902 or a `$patch: delete`, with a target
// selector), and `images` (newName). It follows kustomize v5 where kube2eks relies on it:
// - a target's group, version and kind match exactly when given and match anything when left out;
//   its name and namespace are regular expressions anchored at both ends; a namespaced object without
//   a namespace is in `default`; a kind kustomize knows is cluster-scoped has no namespace, whatever its
//   metadata.namespace says (kustomize-scope.table.ts), for targets as for telling resources apart;
// - the images transformer rewrites every `image` of a `containers` or `initContainers` list at any depth
//   (never `ephemeralContainers`), matching the name before the tag and digest exactly;
// - empty `metadata.annotations` and `metadata.labels` maps are dropped from the output (the API server
//   reads an empty map and none alike, so comparisons ignore them);
// - two resources with the same group, version, kind, namespace and name are an error, as is an op that
//   does not apply.
// generate builds its overlay with it and compares the result with the rewritten files; the tests
// compare it with `kubectl kustomize` where kubectl is installed.
import { posix } from 'node:path';
import { isAlias, isMap, parseAllDocuments, visit } from 'yaml';
import { isRecord } from '../model/kinds.js';
import type { JsonPatchOp, KubeObject } from '../model/types.js';
import { KUSTOMIZE_CLUSTER_SCOPED } from './kustomize-scope.table.js';
import { patchObject } from './yaml-patch.js';

export interface KustomizeTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface Kustomization {
  resources?: string[];
  patches?: Array<{ target?: KustomizeTarget; patch: string }>;
  images?: Array<{ name: string; newName?: string }>;
}

export class KustomizeError extends Error {}

/** The objects of one resource file as kustomize reads them, or a KustomizeError saying why it would fail. */
export function readResourceObjects(text: string, where: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) {
    if (doc.errors.length > 0) throw new KustomizeError(`${where}: a document does not parse`);
    // Anchors and merge keys: kube2eks does not rely on kustomize resolving them the way `yaml` does.
    let alias = false;
    visit(doc, {
      Alias: () => {
        alias = true;
        return visit.BREAK;
      },
      Pair: (_, pair) => {
        if (isMap(pair.value) && String((pair.key as { value?: unknown })?.value) === '<<') alias = true;
      },
    });
    if (alias || isAlias(doc.contents)) throw new KustomizeError(`${where}: anchors or aliases`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) throw new KustomizeError(`${where}: a document is not a mapping`);
    const items =
      typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const item of items) {
      if (!isRecord(item) || typeof item.kind !== 'string' || typeof item.apiVersion !== 'string')
        throw new KustomizeError(`${where}: an object without apiVersion or kind`);
      const meta = item.metadata;
      if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '')
        throw new KustomizeError(`${where}: an object without metadata.name`);
      if (meta.namespace !== undefined && typeof meta.namespace !== 'string')
        throw new KustomizeError(`${where}: a namespace that is not a string`);
      if (
        (item.kind === 'Kustomization' || item.kind === 'Component') &&
        String(item.apiVersion).startsWith('kustomize.config.k8s.io/')
      )
        throw new KustomizeError(`${where}: a kustomization among the resources`);
      out.push(item as KubeObject);
    }
  }
  return out;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A name as a kustomize target regular expression that matches only itself. */
export function literalPattern(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function anchored(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

/** kustomize's word for the namespace of a cluster-scoped object, which no real namespace can match. */
const NOT_NAMESPACEABLE = '_non_namespaceable_';

/**
 * The namespace kustomize sees: none (its own marker) for a kind it knows is cluster-scoped, `default`
 * for a namespaced object written without one.
 */
export function effectiveNamespace(obj: KubeObject): string {
  if (KUSTOMIZE_CLUSTER_SCOPED.has(`${obj.apiVersion} ${obj.kind}`)) return NOT_NAMESPACEABLE;
  return ((obj.metadata ?? {}) as { namespace?: string }).namespace || 'default';
}

export function selects(target: KustomizeTarget, obj: KubeObject): boolean {
  const { group, version } = splitApiVersion(String(obj.apiVersion));
  if (target.group && target.group !== group) return false;
  if (target.version && target.version !== version) return false;
  if (target.kind && target.kind !== obj.kind) return false;
  const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  if (target.name && !anchored(target.name, meta.name ?? '')) return false;
  if (target.namespace && !anchored(target.namespace, effectiveNamespace(obj))) return false;
  return true;
}

/** `name[:tag][@digest]` split as kustomize's image package does. */
export function splitImage(image: string): { name: string; rest: string } {
  const at = image.indexOf('@');
  const beforeDigest = at < 0 ? image : image.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const end = colon > beforeDigest.lastIndexOf('/') ? colon : beforeDigest.length;
  return { name: image.slice(0, end), rest: image.slice(end) };
}

/** Each `image` kustomize's images transformer would see in an object, with its JSON Pointer. */
export function imageFields(obj: unknown): Array<{ pointer: string; image: string }> {
  const out: Array<{ pointer: string; image: string }> = [];
  const esc = (k: string) => k.replaceAll('~', '~0').replaceAll('/', '~1');
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, `${path}/${i}`);
      });
      return;
    }
    if (!isRecord(v)) return;
    for (const [key, child] of Object.entries(v)) {
      const here = `${path}/${esc(key)}`;
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(child))
        child.forEach((c, i) => {
          if (isRecord(c) && typeof c.image === 'string')
            out.push({ pointer: `${here}/${i}/image`, image: c.image });
        });
      walk(child, here);
    }
  };
  walk(obj, '');
  return out;
}

/** A copy without empty `metadata.annotations` / `metadata.labels`, as kustomize prints objects. */
export function withoutEmptyMetadataMaps(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  if (!isRecord(meta)) return obj;
  const empty = (v: unknown) => isRecord(v) && Object.keys(v).length === 0;
  if (!empty(meta.annotations) && !empty(meta.labels)) return obj;
  const { annotations, labels, ...rest } = meta;
  return {
    ...obj,
    metadata: {
      ...rest,
      ...(empty(annotations) || annotations === undefined ? {} : { annotations }),
      ...(empty(labels) || labels === undefined ? {} : { labels }),
    },
  } as KubeObject;
}

function idOf(obj: KubeObject): string {
  const meta = (obj.metadata ?? {}) as { name?: string };
  return [obj.apiVersion, obj.kind, effectiveNamespace(obj), meta.name ?? ''].join(' ');
}

export interface BuiltObject {
  object: KubeObject;
  /** The resource file it came from (normalized path). */
  resource: string;
  /** Indexes of the patches that selected it. */
  patches: number[];
  /** Image names of `images` that rewrote one of its containers. */
  images: string[];
}

/**
 * Builds the kustomization at `dir` (a `/`-separated path) as kustomize would. `read` returns the text of
 * a file by its normalized path, or undefined when there is none. Throws a KustomizeError where kustomize
 * would fail.
 */
export function buildKustomization(dir: string, read: (path: string) => string | undefined): BuiltObject[] {
  const own = posix.join(dir, 'kustomization.yaml');
  const text = read(own);
  if (text === undefined) throw new KustomizeError(`${own}: missing`);
  const k = readKustomization(text);
  const built: BuiltObject[] = [];
  const ids = new Set<string>();
  for (const resource of k.resources ?? []) {
    const path = posix.normalize(posix.join(dir, resource));
    const content = read(path);
    if (content === undefined) throw new KustomizeError(`${path}: missing`);
    for (const object of readResourceObjects(content, path)) {
      const id = idOf(object);
      if (ids.has(id)) throw new KustomizeError(`${path}: ${id} is there twice`);
      ids.add(id);
      built.push({ object, resource: path, patches: [], images: [] });
    }
  }
  (k.patches ?? []).forEach((entry, index) => {
    const patch = parsePatch(entry.patch);
    const target = entry.target ?? {};
    for (let i = built.length - 1; i >= 0; i--) {
      const b = built[i]!;
      if (!selects(target, b.object)) continue;
      b.patches.push(index);
      if (patch === 'delete') {
        built.splice(i, 1);
        continue;
      }
      const result = patchObject(b.object, patch);
      if (!result.ok) throw new KustomizeError(`patch ${index} on ${idOf(b.object)}: ${result.why}`);
      b.object = result.value;
    }
  });
  for (const image of k.images ?? []) {
    if (!image.newName) continue;
    for (const b of built) {
      const ops: JsonPatchOp[] = [];
      for (const field of imageFields(b.object)) {
        const { name, rest } = splitImage(field.image);
        if (name === image.name)
          ops.push({ op: 'replace', path: field.pointer, value: `${image.newName}${rest}` });
      }
      if (ops.length === 0) continue;
      const result = patchObject(b.object, ops);
      if (!result.ok) throw new KustomizeError(result.why);
      b.object = result.value;
      b.images.push(image.name);
    }
  }
  for (const b of built) b.object = withoutEmptyMetadataMaps(b.object);
  return built;
}

function readKustomization(text: string): Kustomization {
  const docs = parseAllDocuments(text);
  const value: unknown = docs[0]?.toJS();
  if (docs.length !== 1 || docs[0]!.errors.length > 0 || !isRecord(value))
    throw new KustomizeError('kustomization.yaml: not one YAML mapping');
  return value as Kustomization;
}

function parsePatch(text: string): JsonPatchOp[] | 'delete' {
  const docs = parseAllDocuments(text);
  const value: unknown = docs[0]?.toJS();
  if (Array.isArray(value)) return value as JsonPatchOp[];
  if (isRecord(value) && value.$patch === 'delete') return 'delete';
  throw new KustomizeError('a patch kube2eks does not model');
}
