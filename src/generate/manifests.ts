// manifests/: the user's objects as they should be applied to EKS.
//
// A file the CLI re-read is rewritten document by document: a document no edit touches is copied byte for
// byte; an edited one goes through the `yaml` Document API, so comments, key order and quoting survive.
// Objects without source text (clusters, archives, stdin) are written fresh, one file per object.
// Every input object ends up either in a file here or in `leftOut` with the reason.

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { Document, parseDocument } from 'yaml';
import { objectNames } from '../model/inventory-index.js';
import {
  containersOf,
  describeRef,
  isRecord,
  normalizeMetadata,
  podTemplateOf,
  pointer,
} from '../model/kinds.js';
import type { Finding, InventoryObject, JsonPatchOp, KubeObject } from '../model/types.js';
import type { PlanIdentity, PlanStorageClass } from '../plan/types.js';
import { readFromServer, serverFieldRemovals } from './clean.js';
import { type ImageMove, imageMoves } from './images-map.js';
import { isCoreSecret, leaveOutReason } from './leave-out.js';
import type { Artifact, GenerateContext } from './types.js';
import { patchDocument, patchObject } from './yaml-patch.js';

/** One group of edits with where it comes from (a finding's rule, a plan entry). */
export interface Edit {
  source: string;
  why: string;
  ops: JsonPatchOp[];
}

export interface ObjectFate {
  item: InventoryObject;
  /** Kit path of the file holding the object, when written. */
  path?: string;
  /** Why the object is not in manifests/. */
  leftOut?: string;
  /** Edits applied, in order. */
  applied: Edit[];
  /** Edits that did not apply, with the reason. */
  failed: Array<{ edit: Edit; why: string }>;
}

/** The objects of one input file on disk, and how manifests/ wrote them. */
export interface FileGroup {
  file: string;
  items: InventoryObject[];
  /** Rewritten from the text the CLI re-read, which still holds what was assessed. */
  reread: boolean;
  /** Kit path of the rewritten file (none when every object was left out). */
  path?: string;
}

export interface ManifestsResult {
  artifacts: Artifact[];
  fates: ObjectFate[];
  /** Input files on disk (not archive entries, clusters or stdin), in input order. */
  groups: FileGroup[];
  /** Things the runbook must say about the rewrite (files changed since read, stdin). */
  notes: string[];
  /** manifests/ is a kustomize overlay (`--as kustomize`), applied with `kubectl kustomize`. */
  overlay?: boolean;
  /** With the overlay: rewritten copies applied after it (objects another file defines too). */
  separate?: string[];
}

const KEY_SEP = '\u0000';

function locationKey(item: { location: { file?: string; entry?: string; cluster?: string } }): string {
  return [item.location.file ?? '', item.location.entry ?? '', item.location.cluster ?? ''].join(KEY_SEP);
}

function objectKey(loc: string, ref: { kind: string; namespace?: string; name: string }): string {
  return [loc, ref.kind, ref.namespace ?? '', ref.name].join(KEY_SEP);
}

/** Findings of each inventory object (matched by where it was read and its kind, namespace and name). */
export function findingsByObject(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = objectKey(locationKey(f), f.resource);
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  }
  return map;
}

export function findingsOf(map: Map<string, Finding[]>, item: InventoryObject): Finding[] {
  return map.get(objectKey(locationKey(item), item.ref)) ?? [];
}

/** The edits generate makes itself, from the plan and the options, on the already patched object. */
function planEdits(
  obj: KubeObject,
  moves: ReadonlyMap<string, ImageMove>,
  identities: readonly PlanIdentity[],
  storageClasses: readonly PlanStorageClass[],
): Edit[] {
  const edits: Edit[] = [];
  const template = podTemplateOf(obj);
  if (template && moves.size > 0) {
    const ops: JsonPatchOp[] = [];
    const moved: string[] = [];
    for (const { container, path } of containersOf(template)) {
      const move = typeof container.image === 'string' ? moves.get(container.image) : undefined;
      if (!move) continue;
      ops.push({ op: 'replace', path: pointer([...path, 'image']), value: move.target });
      moved.push(`${container.image} -> ${move.target}`);
    }
    if (ops.length > 0) edits.push({ source: 'images', why: `image moved to ECR: ${moved.join(', ')}`, ops });
  }
  if (obj.kind === 'ServiceAccount') {
    const ns = obj.metadata?.namespace;
    const identity = identities.find((i) => i.namespace === ns && i.serviceAccount === obj.metadata?.name);
    if (identity) {
      const ops: JsonPatchOp[] = [];
      const sourceKey = identity.from.split('=')[0] ?? '';
      const annotations = obj.metadata?.annotations ?? {};
      if (sourceKey && sourceKey in annotations)
        ops.push({ op: 'remove', path: pointer(['metadata', 'annotations', sourceKey]) });
      if (identity.mechanism === 'irsa') {
        const role = `arn:aws:iam::<account>:role/${identity.roleName ?? `${ns}-${obj.metadata?.name}`}`;
        ops.push({
          op: 'add',
          path: pointer(['metadata', 'annotations', 'eks.amazonaws.com/role-arn']),
          value: role,
        });
      }
      if (ops.length > 0)
        edits.push({
          source: `plan identity ${ns}/${identity.serviceAccount}`,
          why:
            identity.mechanism === 'irsa'
              ? 'IRSA role annotation in place of the source cloud’s binding'
              : 'the source cloud’s binding removed: EKS Pod Identity associates the role (eksctl/cluster.yaml)',
          ops,
        });
    }
  }
  const swaps = new Map(
    storageClasses
      .filter((s) => s.from !== '*' && s.from !== '' && s.from !== s.to)
      .map((s) => [s.from, s.to]),
  );
  if (swaps.size > 0) {
    const ops: JsonPatchOp[] = [];
    const claimClass = (spec: unknown, path: Array<string | number>) => {
      if (!isRecord(spec) || typeof spec.storageClassName !== 'string') return;
      const to = swaps.get(spec.storageClassName);
      if (to) ops.push({ op: 'replace', path: pointer([...path, 'storageClassName']), value: to });
    };
    if (obj.kind === 'PersistentVolumeClaim') claimClass(obj.spec, ['spec']);
    const templates = isRecord(obj.spec) ? obj.spec.volumeClaimTemplates : undefined;
    if (obj.kind === 'StatefulSet' && Array.isArray(templates))
      templates.forEach((t, i) => {
        claimClass(isRecord(t) ? t.spec : undefined, ['spec', 'volumeClaimTemplates', i, 'spec']);
      });
    if (ops.length > 0) edits.push({ source: 'plan storageClasses', why: 'storage class of the plan', ops });
  }
  return edits;
}

/** Applies the edits of one object to a plain copy, keeping the ones that apply. */
function editObject(
  item: InventoryObject,
  findings: readonly Finding[],
  ctx: GenerateContext,
  moves: ReadonlyMap<string, ImageMove>,
): { object: KubeObject; applied: Edit[]; failed: ObjectFate['failed'] } {
  const edits: Edit[] = [];
  if (readFromServer(item)) {
    const ops = serverFieldRemovals(item.object);
    if (ops.length > 0) edits.push({ source: 'server fields', why: 'fields the old cluster set', ops });
  }
  for (const f of findings) {
    if (f.fix && f.fix.length > 0) edits.push({ source: f.ruleId, why: f.message, ops: f.fix });
  }
  let object = item.object;
  const applied: Edit[] = [];
  const failed: ObjectFate['failed'] = [];
  const run = (edit: Edit) => {
    const result = patchObject(object, edit.ops);
    if (result.ok) {
      object = result.value;
      applied.push(edit);
    } else failed.push({ edit, why: result.why });
  };
  for (const edit of edits) run(edit);
  for (const edit of planEdits(object, moves, ctx.plan.identities, ctx.plan.storageClasses)) run(edit);
  return { object, applied, failed };
}

// --- reading the source text again -------------------------------------------------------------

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hash of an object's content apart from apiVersion and kind (typed lists leave those out of items). */
function contentHash(obj: KubeObject): string {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

interface Entry {
  object: KubeObject;
  kind: string;
  /** Path of the object inside its document. */
  prefix: Array<string | number>;
}

function isKustomizeConfig(obj: KubeObject): boolean {
  return (
    (obj.kind === 'Kustomization' || obj.kind === 'Component') &&
    (obj.apiVersion === undefined || String(obj.apiVersion).startsWith('kustomize.config.k8s.io/'))
  );
}

/** The objects of one parsed document, as the sources read them (Lists unrolled). */
function entriesOf(value: unknown): Entry[] {
  if (value === null || value === undefined) return [];
  const out: Entry[] = [];
  const push = (v: unknown, prefix: Array<string | number>, fallbackKind?: string) => {
    if (!isRecord(v)) return;
    const obj = v as KubeObject;
    if (isKustomizeConfig(obj)) return;
    const kind = typeof obj.kind === 'string' ? obj.kind : fallbackKind;
    if (!kind) return;
    out.push({ object: obj, kind, prefix });
  };
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      push(v, [i]);
    });
    return out;
  }
  if (!isRecord(value)) return out;
  const kind = value.kind;
  if (
    typeof kind === 'string' &&
    kind.endsWith('List') &&
    Array.isArray(value.items) &&
    (kind === 'List' || value.spec === undefined)
  ) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    value.items.forEach((v, i) => {
      push(v, ['items', i], itemKind);
    });
    return out;
  }
  push(value, []);
  return out;
}

function sameObject(entry: Entry, item: InventoryObject): boolean {
  const copy = structuredClone(entry.object);
  normalizeMetadata(copy);
  const ns = copy.metadata?.namespace;
  const name = copy.metadata?.name ?? copy.metadata?.generateName ?? '';
  if (entry.kind !== item.ref.kind || (ns ?? undefined) !== item.ref.namespace || name !== item.ref.name)
    return false;
  // A Secret is compared by name only: its values are never hashed or kept.
  if (isCoreSecret(item)) return true;
  return contentHash(copy) === contentHash(item.object);
}

/** Splits YAML text at its document markers (`---` at column 0). */
function splitChunks(text: string): string[] {
  const starts: number[] = [0];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index > 0) starts.push(m.index);
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

/** Sequences written flush with their key (`key:\n- a`) stay that way when a document is re-serialized. */
function indentsSequences(text: string): boolean {
  const m = /^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.exec(text);
  return m === null;
}

// --- writing ----------------------------------------------------------------------------------

/** How edited documents are printed: no folding of long lines, `["ALL"]` as Kubernetes docs write it. */
const STRINGIFY = (indentSeq: boolean) => ({ lineWidth: 0, indentSeq, flowCollectionPadding: false });

function freshYaml(objects: KubeObject[], comment: string[]): string {
  const docs = objects.map((o, i) => {
    const doc = new Document(o);
    if (i === 0 && comment.length > 0) doc.commentBefore = comment.map((c) => ` ${c}`).join('\n');
    return doc.toString(STRINGIFY(true));
  });
  return docs.join('---\n');
}

function editNote(applied: readonly Edit[]): string | undefined {
  const sources = [...new Set(applied.map((e) => e.source))];
  if (sources.length === 0) return undefined;
  return ` kube2eks: changed for EKS (${sources.join(', ')}); see RUNBOOK.md`;
}

function safeName(text: string): string {
  // Leading dots too: a namespace `..` must not become a path segment that leaves the kit.
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length));
}

/** The folder all the given files share, so the kit mirrors the layout below it. */
function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return '';
  const split = files.map((f) => posix.dirname(f.replaceAll('\\', '/')).split('/'));
  const first = split[0]!;
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && i < parts.length && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/');
}

function relativePath(file: string, base: string): string {
  const normal = file.replaceAll('\\', '/');
  const rel = base === '' || base === '.' ? normal : posix.relative(base, normal);
  // Never above the kit folder, never absolute.
  return rel
    .split('/')
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .join('/');
}

export function generateManifests(
  ctx: GenerateContext,
  sources: ReadonlyMap<string, string>,
): ManifestsResult {
  const byObject = findingsByObject(ctx.findings);
  const moves = ctx.options.registry ? imageMoves(ctx.findings, ctx.options.registry) : new Map();
  const fates: ObjectFate[] = [];
  const groups: FileGroup[] = [];
  const notes: string[] = [];
  const artifacts: Artifact[] = [];
  const used = new Set<string>();
  const claim = (path: string): string => {
    let candidate = path;
    for (let n = 2; used.has(candidate); n++) candidate = path.replace(/(\.[a-z]+)?$/, `-${n}$1`);
    used.add(candidate);
    return candidate;
  };

  // Files read from disk keep their place; the rest is written one object per file.
  const fileItems = new Map<string, InventoryObject[]>();
  const loose: InventoryObject[] = [];
  const stdin: InventoryObject[] = [];
  for (const item of ctx.inventory.objects) {
    const file = item.location.file;
    if (item.origin === 'manifest' && file === '-') stdin.push(item);
    else if (item.origin === 'manifest' && file && !item.location.entry) {
      const list = fileItems.get(file);
      if (list) list.push(item);
      else fileItems.set(file, [item]);
    } else loose.push(item);
  }
  const base = commonFolder([...fileItems.keys()]);
  const inputNames = objectNames(ctx.inventory);

  const prepare = (item: InventoryObject) => {
    const findings = findingsOf(byObject, item);
    const leftOut = leaveOutReason(item, findings, ctx.plan, inputNames);
    const fate: ObjectFate = { item, applied: [], failed: [] };
    if (leftOut) fate.leftOut = leftOut;
    fates.push(fate);
    if (leftOut) return { fate, object: undefined };
    const edited = editObject(item, findings, ctx, moves);
    fate.applied = edited.applied;
    fate.failed = edited.failed;
    return { fate, object: edited.object };
  };

  const writeFresh = (items: InventoryObject[], path: string, comment: string[]) => {
    const kept: KubeObject[] = [];
    const keptFates: ObjectFate[] = [];
    for (const item of items) {
      const { fate, object } = prepare(item);
      if (object) {
        kept.push(object);
        keptFates.push(fate);
      }
    }
    if (kept.length === 0) return;
    const target = claim(path);
    for (const f of keptFates) f.path = target;
    artifacts.push({ path: target, content: freshYaml(kept, comment) });
  };

  for (const [file, items] of fileItems) {
    const rel = relativePath(file, base) || posix.basename(file);
    const path = `manifests/${rel}`;
    const text = sources.get(file);
    const group: FileGroup = { file, items, reread: false };
    groups.push(group);
    if (text === undefined) {
      writeFresh(items, path, [
        `Written by kube2eks from ${file} (its text was not re-read, so its comments are not kept).`,
      ]);
      continue;
    }
    const rewritten =
      /\.json$/i.test(file) || /^\s*[[{]/.test(text) ? rewriteJson(text, items) : rewriteYaml(text, items);
    if (rewritten === undefined) {
      notes.push(
        `${file} changed since kube2eks read it (or reads differently now): its objects were written as they were assessed, without its comments. Run kube2eks generate again to keep them.`,
      );
      writeFresh(items, path, [
        `Written by kube2eks from ${file} as assessed; the file changed since, so comments are not kept.`,
      ]);
      continue;
    }
    const mine: ObjectFate[] = [];
    const content = rewritten((item) => {
      const prepared = prepare(item);
      if (prepared.object) mine.push(prepared.fate);
      return prepared;
    });
    group.reread = true;
    if (content !== undefined) {
      const target = claim(path);
      for (const f of mine) f.path = target;
      group.path = target;
      artifacts.push({ path: target, content });
    }
  }

  for (const item of loose) {
    const ns = item.ref.namespace ?? '_cluster';
    writeFresh(
      [item],
      `manifests/${safeName(ns)}/${safeName(item.ref.kind)}-${safeName(item.ref.name)}.yaml`,
      [
        `Written by kube2eks from ${describeRef(item.ref)} (${item.location.entry ?? item.location.cluster ?? item.location.file ?? item.origin}).`,
      ],
    );
  }
  if (stdin.length > 0) {
    notes.push(
      'Objects read from standard input are written to manifests/stdin.yaml without their comments (stdin cannot be read twice).',
    );
    writeFresh(stdin, 'manifests/stdin.yaml', [
      'Written by kube2eks from standard input: comments are not kept.',
    ]);
  }
  artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { artifacts, fates, groups, notes };
}

type Prepare = (item: InventoryObject) => { fate: ObjectFate; object: KubeObject | undefined };

/** A YAML file rewritten document by document, or undefined when it no longer holds what was assessed. */
function rewriteYaml(
  text: string,
  items: InventoryObject[],
): ((prepare: Prepare) => string | undefined) | undefined {
  const chunks = splitChunks(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const parsed = chunks.map((chunk) => {
    const doc = parseDocument(chunk, { merge: true, uniqueKeys: false });
    const entries = doc.errors.length > 0 ? [] : entriesOf(doc.toJS({ maxAliasCount: -1 }));
    return { chunk, doc, entries, broken: doc.errors.length > 0 };
  });
  const all = parsed.flatMap((p) => p.entries);
  if (all.length !== items.length || all.some((e, i) => !sameObject(e, items[i]!))) return undefined;
  const indentSeq = indentsSequences(text);
  return (prepare) => {
    let i = 0;
    let kept = 0;
    const out: string[] = [];
    for (const { chunk, doc, entries, broken } of parsed) {
      // A document kube2eks could not read was reported by assess; it is not copied blindly.
      if (broken) continue;
      if (entries.length === 0) {
        // Comments and empty documents stay as written.
        out.push(chunk);
        continue;
      }
      let changed = false;
      const removed: Array<Array<string | number>> = [];
      const applied: Edit[] = [];
      for (const entry of entries) {
        const { fate, object } = prepare(items[i++]!);
        if (!object) {
          removed.push(entry.prefix);
          continue;
        }
        for (const edit of fate.applied) {
          patchDocument(doc, edit.ops, entry.prefix);
          applied.push(edit);
          changed = true;
        }
      }
      if (removed.length === entries.length) continue;
      kept += entries.length - removed.length;
      if (removed.length > 0) {
        for (const prefix of removed.reverse()) doc.deleteIn(prefix);
        changed = true;
      }
      if (!changed) {
        out.push(chunk);
        continue;
      }
      const note = editNote(applied);
      const contents = doc.contents;
      if (note && contents)
        contents.commentBefore = contents.commentBefore ? `${note}\n${contents.commentBefore}` : note;
      out.push(doc.toString(STRINGIFY(indentSeq)));
    }
    // A file left with nothing but comments is not worth writing.
    return kept > 0 ? out.join('') : undefined;
  };
}

/** A JSON file: objects patched as data and printed with two-space indents. */
function rewriteJson(
  text: string,
  items: InventoryObject[],
): ((prepare: Prepare) => string | undefined) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entries = entriesOf(value);
  if (entries.length !== items.length || entries.some((e, i) => !sameObject(e, items[i]!))) return undefined;
  return (prepare) => {
    const kept = items.map((item) => prepare(item).object).filter((o): o is KubeObject => o !== undefined);
    if (kept.length === 0) return undefined;
    const out =
      kept.length === 1 && entries.length === 1 ? kept[0] : { apiVersion: 'v1', kind: 'List', items: kept };
    return `${JSON.stringify(out, null, 2)}\n`;
  };
}

/** Exposed for tests. */
export const internals = { splitChunks, commonFolder, indentsSequences, entriesOf };
