// `--as kustomize`: manifests/ as a kustomize overlay over the user's own files instead of rewritten copies.
//
// manifests/kustomization.yaml lists each input file as a resource (a path relative to the kit, so the
// files stay where they are, unchanged) and carries the same edits as the rewrite: one JSON 6902 patch per
// changed object, with a target that names it (group, version, kind, name, namespace; an apiVersion change
// is an op of the patch, which kustomize applies), a `$patch: delete` per object the kit leaves out
// (Secrets, the old platform's objects), and `images:` entries for the move to --registry. What kustomize
// cannot point at (objects of a bundle, backup, cluster or stdin; files changed since they were read) stays
// a rewritten copy beside the kustomization, listed among its resources.
//
// The overlay is built with a model of kustomize (kustomize-model.ts) and must give exactly the objects of
// the rewritten files; a file whose objects differ becomes a rewritten copy, and an image whose `images:`
// entry would reach further than the rewrite goes back into the patches. If the overlay still differs,
// manifests/ is written as rewritten copies, and the runbook says why.
import { posix } from 'node:path';
import { Document, isMap, isSeq, parseAllDocuments } from 'yaml';
import { describeRef, isRecord } from '../model/kinds.js';
import type { InventoryObject, JsonPatchOp, KubeObject } from '../model/types.js';
import {
  type BuiltObject,
  buildKustomization,
  effectiveNamespace,
  KustomizeError,
  type KustomizeTarget,
  literalPattern,
  readResourceObjects,
  splitApiVersion,
  splitImage,
  withoutEmptyMetadataMaps,
} from './kustomize-model.js';
import type { FileGroup, ManifestsResult, ObjectFate } from './manifests.js';
import { commentText } from './shell.js';
import type { Artifact } from './types.js';
import { patchObject } from './yaml-patch.js';

export const KUSTOMIZATION = 'manifests/kustomization.yaml';

export interface KustomizeResult {
  artifacts: Artifact[];
  notes: string[];
  /** Rewritten copies outside the overlay (they define an object another file defines too), in order. */
  separate: string[];
  /** False when the overlay could not be made: manifests/ is the rewritten copies. */
  overlay: boolean;
}

interface Source {
  group: FileGroup;
  /** The file as the kustomization names it, relative to manifests/. */
  resource: string;
  /** The raw objects kustomize reads from it, one per item. */
  raw: KubeObject[];
}

interface PatchEntry {
  target: KustomizeTarget;
  patch: string;
  comment: string;
  owner: string;
  /** Position of its object among the inputs, so patches follow the files. */
  order: number;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function valueAt(obj: unknown, pointer: string): unknown {
  let node = obj;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    node = Array.isArray(node) ? node[Number(key)] : isRecord(node) ? node[key] : undefined;
  }
  return node;
}

/** The `newName` that turns image `before` into `after` (tag and digest kept), if there is one. */
function imageRename(before: string, after: unknown): string | undefined {
  if (typeof after !== 'string') return undefined;
  const { name, rest } = splitImage(before);
  if (!after.endsWith(rest)) return undefined;
  const newName = after.slice(0, after.length - rest.length);
  // The new name must read back as a name (no tag of its own), and differ.
  return newName !== name && splitImage(newName).rest === '' && newName !== '' ? newName : undefined;
}

/** Objects of the overlay by apiVersion, kind and name, whatever their namespace. */
function nameKey(obj: KubeObject): string {
  return [obj.apiVersion, obj.kind, (obj.metadata as { name?: string }).name ?? ''].join(' ');
}

/**
 * The target of one object. The namespace is written only where another object of the overlay shares
 * the kind and name, and never for a kind kustomize knows is cluster-scoped: it ignores their namespace
 * (a ClusterRole written with one would no longer match).
 */
function targetOf(obj: KubeObject, shared: ReadonlySet<string>): KustomizeTarget {
  const { group, version } = splitApiVersion(String(obj.apiVersion));
  const meta = obj.metadata as { name: string; namespace?: string };
  return {
    ...(group ? { group } : {}),
    version,
    kind: String(obj.kind),
    name: literalPattern(meta.name),
    ...(meta.namespace && shared.has(nameKey(obj)) && effectiveNamespace(obj) === meta.namespace
      ? { namespace: literalPattern(meta.namespace) }
      : {}),
  };
}

function yamlText(value: unknown): string {
  return new Document(value).toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The patches and images of the overlay for the files kept as resources. */
function overlayEdits(
  sources: readonly Source[],
  fateOf: ReadonlyMap<InventoryObject, ObjectFate>,
  noImages: ReadonlySet<string>,
  shared: ReadonlySet<string>,
): { patches: PatchEntry[]; images: Map<string, string> } {
  const patches: PatchEntry[] = [];
  const images = new Map<string, string>();
  // An image name whose targets disagree anywhere is never lifted.
  const clash = new Set<string>();
  const plans: Array<{
    source: Source;
    raw: KubeObject;
    fate: ObjectFate;
    ops: JsonPatchOp[];
    order: number;
  }> = [];
  let order = 0;
  for (const source of sources) {
    source.group.items.forEach((item, i) => {
      order++;
      const raw = source.raw[i]!;
      const fate = fateOf.get(item)!;
      if (fate.leftOut) {
        const meta = raw.metadata as { name: string; namespace?: string };
        patches.push({
          target: targetOf(raw, shared),
          patch: yamlText({
            $patch: 'delete',
            apiVersion: raw.apiVersion,
            kind: raw.kind,
            metadata: { name: meta.name, ...(meta.namespace ? { namespace: meta.namespace } : {}) },
          }),
          comment: `${describeRef(item.ref)} (${source.group.file}) left out: ${fate.leftOut}`,
          owner: source.group.file,
          order,
        });
        return;
      }
      let current: unknown = raw;
      const ops: JsonPatchOp[] = [];
      for (const edit of fate.applied) {
        for (const op of edit.ops) {
          if (edit.source === 'images' && op.op === 'replace') {
            const before = valueAt(current, op.path);
            if (typeof before === 'string') {
              const { name } = splitImage(before);
              const newName = imageRename(before, op.value);
              if (newName && !noImages.has(name)) {
                if ((images.get(name) ?? newName) !== newName) clash.add(name);
                else images.set(name, newName);
              } else clash.add(name);
            }
          }
          ops.push(op);
          const next = patchObject(current, [op]);
          if (next.ok) current = next.value;
        }
      }
      plans.push({ source, raw, fate, ops, order });
    });
  }
  for (const name of clash) images.delete(name);
  for (const { source, raw, fate, ops, order: at } of plans) {
    // Image ops that an `images:` entry carries leave the patch.
    let current: unknown = raw;
    const kept: JsonPatchOp[] = [];
    for (const op of ops) {
      const before = op.op === 'replace' ? valueAt(current, op.path) : undefined;
      const renamed =
        op.op === 'replace' && typeof before === 'string' ? imageRename(before, op.value) : undefined;
      const lifted =
        typeof before === 'string' &&
        op.path.endsWith('/image') &&
        renamed !== undefined &&
        images.get(splitImage(before).name) === renamed;
      if (!lifted) kept.push(op);
      const next = patchObject(current, [op]);
      if (next.ok) current = next.value;
    }
    if (kept.length === 0) continue;
    const from = [...new Set(fate.applied.map((e) => e.source))].join(', ');
    patches.push({
      target: targetOf(raw, shared),
      patch: yamlText(kept),
      comment: `${describeRef(fate.item.ref)} (${source.group.file}): ${from}`,
      owner: source.group.file,
      order: at,
    });
  }
  patches.sort((a, b) => a.order - b.order);
  return { patches, images };
}

function kustomizationText(
  resources: readonly string[],
  patches: readonly PatchEntry[],
  images: ReadonlyMap<string, string>,
  copies: number,
): string {
  const value: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...resources],
  };
  if (patches.length > 0) value.patches = patches.map((p) => ({ target: p.target, patch: p.patch }));
  if (images.size > 0)
    value.images = [...images.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, newName]) => ({ name, newName }));
  const doc = new Document(value);
  doc.commentBefore = [
    ' kube2eks: manifests/ as a kustomize overlay for EKS. The resources are your own files, unchanged;',
    ' the fixes of the assessment and the plan are the patches below, each naming its rules and plan entries',
    ' (RUNBOOK.md says why). Objects the kit leaves out are `$patch: delete` patches; --registry is `images:`.',
    ...(copies > 0
      ? [
          ' Files kustomize cannot point at (bundles, clusters, stdin, changed files) are rewritten copies here.',
        ]
      : []),
    ' The resources are outside this folder, which kustomize allows only when told; from the kit folder:',
    '   kubectl kustomize --load-restrictor LoadRestrictionsNone manifests | kubectl apply -f -',
    ' The paths are relative to the kit: keep the kit beside the inputs it was generated from.',
  ].join('\n');
  const seq = isMap(doc.contents) ? doc.contents.get('patches', true) : undefined;
  if (isSeq(seq))
    seq.items.forEach((node, i) => {
      (node as { commentBefore?: string }).commentBefore = ` ${commentText(patches[i]!.comment)}`;
    });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * A rewritten copy kustomize can read: typed lists (`ConfigMapList` items carry no kind, which kustomize
 * refuses) become one document per object with its apiVersion and kind. Undefined when it still cannot.
 */
function readableCopy(artifact: Artifact): Artifact | undefined {
  try {
    readResourceObjects(artifact.content, artifact.path);
    return artifact;
  } catch (error) {
    if (!(error instanceof KustomizeError)) throw error;
  }
  const objects: unknown[] = [];
  for (const doc of parseAllDocuments(artifact.content)) {
    const value: unknown = doc.toJS();
    if (!isRecord(value)) continue;
    const kind = typeof value.kind === 'string' ? value.kind : '';
    if (!kind.endsWith('List') || !Array.isArray(value.items)) {
      objects.push(value);
      continue;
    }
    for (const item of value.items) {
      if (!isRecord(item)) continue;
      const { apiVersion, kind: itemKind, ...rest } = item;
      objects.push({
        apiVersion: apiVersion ?? value.apiVersion,
        kind: itemKind ?? (kind === 'List' ? undefined : kind.slice(0, -'List'.length)),
        ...rest,
      });
    }
  }
  const content = objects
    .map((o, i) => {
      const doc = new Document(o);
      if (i === 0)
        doc.commentBefore =
          ' Rewritten by kube2eks for EKS, one document per object (kustomize reads no typed list).';
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    })
    .join('---\n');
  const copy = { path: artifact.path, content };
  try {
    readResourceObjects(copy.content, copy.path);
    return copy;
  } catch (error) {
    if (!(error instanceof KustomizeError)) throw error;
    return undefined;
  }
}

/** The objects manifests/ holds as rewritten files, by their canonical text (a multiset). */
function expectedObjects(artifacts: readonly Artifact[]): Map<string, { count: number; path: string }> {
  const out = new Map<string, { count: number; path: string }>();
  for (const a of artifacts) {
    if (!/\.(ya?ml|json)$/i.test(a.path)) continue;
    for (const object of readResourceObjects(a.content, a.path)) {
      const key = canonical(withoutEmptyMetadataMaps(object));
      const entry = out.get(key);
      if (entry) entry.count++;
      else out.set(key, { count: 1, path: a.path });
    }
  }
  return out;
}

/**
 * The overlay for `manifests` (the rewrite of --as files), or the rewrite itself with a note when kustomize
 * cannot carry it. `fromKit` maps an input file to its path relative to the kit folder.
 */
export function kustomizeManifests(
  manifests: ManifestsResult,
  sources: ReadonlyMap<string, string>,
  fromKit: ReadonlyMap<string, string>,
): KustomizeResult {
  const notes: string[] = [];
  const fallback = (why: string): KustomizeResult => ({
    artifacts: manifests.artifacts,
    notes: [`--as kustomize: ${why}; manifests/ holds rewritten copies instead (as with --as files).`],
    overlay: false,
    separate: [],
  });
  // Copies kustomize reads as they are, or once typed lists are unrolled.
  const rewrites: Artifact[] = [];
  for (const a of manifests.artifacts) {
    if (!a.path.startsWith('manifests/') || !/\.(ya?ml|json)$/i.test(a.path)) {
      rewrites.push(a);
      continue;
    }
    const readable = readableCopy(a);
    if (!readable) return fallback(`kustomize would not read ${a.path} (an object without a kind or a name)`);
    rewrites.push(readable);
  }
  const expected = expectedObjects(rewrites);
  const fateOf = new Map(manifests.fates.map((f) => [f.item, f]));
  const candidates: Source[] = [];
  for (const group of manifests.groups) {
    const text = sources.get(group.file);
    const rel = fromKit.get(group.file);
    if (!group.reread || text === undefined || rel === undefined || posix.isAbsolute(rel)) continue;
    try {
      const raw = readResourceObjects(text, group.file);
      if (raw.length !== group.items.length) throw new KustomizeError(`${group.file}: objects differ`);
      candidates.push({ group, resource: posix.join('..', rel), raw });
    } catch (error) {
      if (!(error instanceof KustomizeError)) throw error;
      notes.push(
        `${group.file}: kustomize cannot read it as it is (${error.message.slice(group.file.length + 2)}), so manifests/ holds a rewritten copy of it.`,
      );
    }
  }
  const loose = manifests.fates.filter(
    (f) => f.path && !manifests.groups.some((g) => g.items.includes(f.item)),
  );
  if (loose.length > 0)
    notes.push(
      `${loose.length} object${loose.length === 1 ? '' : 's'} read from a bundle, backup, cluster or standard input ${loose.length === 1 ? 'has' : 'have'} no file kustomize can point at: manifests/ holds rewritten copies of them, listed as resources of the overlay.`,
    );

  const demoted = new Set<string>();
  // Files demoted because they define an object again: the note about their copy says so.
  const twice = new Set<string>();
  const noImages = new Set<string>();
  const byFile = new Map(candidates.map((c) => [c.group.file, c]));
  const rewriteByPath = new Map(rewrites.map((a) => [a.path, a]));
  const groupOfPath = new Map(manifests.groups.filter((g) => g.path).map((g) => [g.path!, g.file] as const));
  // Each round demotes a file or stops an image entry, or ends: the sets only grow.
  for (;;) {
    const kept = candidates.filter((c) => !demoted.has(c.group.file));
    const keptPaths = new Set(kept.map((c) => c.group.path).filter((p): p is string => p !== undefined));
    // kustomize holds each object once: a file that defines one again is a copy outside the overlay,
    // applied after it (the later file wins, as with kubectl apply of the rewritten files).
    // An input counts as its objects as read and as patched (a patch may change the apiVersion, and kustomize
    // refuses a clash either way).
    const seen = new Set<string>();
    const fresh = (objects: readonly KubeObject[], patched: readonly KubeObject[] = []) => {
      const ids = objects.map(resourceId);
      if (ids.some((id, i) => ids.indexOf(id) !== i)) return false;
      const all = new Set([...ids, ...patched.map(resourceId)]);
      if ([...all].some((id) => seen.has(id))) return false;
      for (const id of all) seen.add(id);
      return true;
    };
    const patchedOf = (c: Source) => {
      const copy = c.group.path ? rewriteByPath.get(c.group.path) : undefined;
      return copy ? readResourceObjects(copy.content, copy.path) : [];
    };
    let clashed = false;
    for (const c of kept)
      if (!fresh(c.raw, patchedOf(c))) {
        demoted.add(c.group.file);
        twice.add(c.group.file);
        clashed = true;
      }
    if (clashed) continue;
    const separate = new Set<string>();
    const copies = rewrites.filter((a) => {
      if (!a.path.startsWith('manifests/') || !/\.(ya?ml|json)$/i.test(a.path) || keptPaths.has(a.path))
        return false;
      if (fresh(readResourceObjects(a.content, a.path))) return true;
      separate.add(a.path);
      return false;
    });
    const counts = new Map<string, number>();
    for (const o of [
      ...kept.flatMap((c) => c.raw),
      ...copies.flatMap((a) => readResourceObjects(a.content, a.path)),
    ])
      counts.set(nameKey(o), (counts.get(nameKey(o)) ?? 0) + 1);
    const shared = new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k));
    const { patches, images } = overlayEdits(kept, fateOf, noImages, shared);
    const resources = [
      ...kept.map((c) => c.resource),
      ...copies.map((a) => posix.relative('manifests', a.path)),
    ];
    const kustomization = kustomizationText(resources, patches, images, copies.length);
    const files = new Map<string, string>([[KUSTOMIZATION, kustomization]]);
    for (const a of copies) files.set(a.path, a.content);
    const inputs = new Map(kept.map((c) => [posix.normalize(posix.join('manifests', c.resource)), c]));
    let built: BuiltObject[];
    try {
      built = buildKustomization('manifests', (path) => {
        const own = files.get(path);
        if (own !== undefined) return own;
        const input = inputs.get(path);
        return input ? sources.get(input.group.file) : undefined;
      });
    } catch (error) {
      if (!(error instanceof KustomizeError)) throw error;
      return fallback(`kustomize would stop on ${error.message}`);
    }
    // Compare with the rewrite, object by object (the separate copies are applied on their own).
    const left = new Map([...expected].map(([k, v]) => [k, v.count]));
    for (const a of rewrites)
      if (separate.has(a.path))
        for (const o of readResourceObjects(a.content, a.path)) {
          const key = canonical(withoutEmptyMetadataMaps(o));
          left.set(key, (left.get(key) ?? 1) - 1);
        }
    const extra: BuiltObject[] = [];
    for (const b of built) {
      const key = canonical(b.object);
      const n = left.get(key) ?? 0;
      if (n > 0) left.set(key, n - 1);
      else extra.push(b);
    }
    const missing = [...left].filter(([, n]) => n > 0).map(([k]) => expected.get(k)!.path);
    if (extra.length === 0 && missing.length === 0) {
      for (const c of kept)
        for (const item of c.group.items) {
          const fate = fateOf.get(item)!;
          if (!fate.leftOut) fate.path = KUSTOMIZATION;
        }
      const artifacts = [
        ...rewrites.filter((a) => !a.path.startsWith('manifests/') || !keptPaths.has(a.path)),
        { path: KUSTOMIZATION, content: kustomization },
      ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const file of [...demoted].sort().filter((f) => !twice.has(f)))
        notes.push(
          `${file}: the overlay would not give the rewritten objects, so manifests/ holds a rewritten copy of it.`,
        );
      for (const path of separate)
        notes.push(
          `${path} defines an object another input file defines too, which one kustomization cannot hold: it is a rewritten copy outside the overlay, applied after it (the later file wins, as with kubectl apply).`,
        );
      for (const name of [...noImages].sort())
        notes.push(
          `Image ${name}: an images: entry would also change containers the rewrite leaves alone, so its move is in the patches.`,
        );
      return { artifacts, notes, overlay: true, separate: [...separate] };
    }
    // What went wrong: an image entry that reached too far, or a file whose patches do not give the rewrite.
    let changed = false;
    for (const b of extra)
      for (const name of b.images)
        if (!noImages.has(name)) {
          noImages.add(name);
          changed = true;
        }
    if (!changed) {
      const owners = new Set<string>();
      for (const b of extra) {
        for (const i of b.patches) owners.add(patches[i]!.owner);
        const input = inputs.get(b.resource);
        if (input) owners.add(input.group.file);
      }
      for (const path of missing) {
        const file = groupOfPath.get(path);
        if (file) owners.add(file);
      }
      for (const file of owners)
        if (byFile.has(file) && !demoted.has(file)) {
          demoted.add(file);
          changed = true;
        }
    }
    if (!changed) return fallback('the overlay would not give the same objects as the rewrite');
  }
}

/** An object's identity as kustomize keys resources (no namespace for its cluster-scoped kinds). */
function resourceId(obj: KubeObject): string {
  const meta = (obj.metadata ?? {}) as { name?: string };
  return [obj.apiVersion, obj.kind, effectiveNamespace(obj), meta.name ?? ''].join(' ');
}
