// `.tar.gz` inputs: a Velero backup or a collect bundle, told apart by content (the bundle marker), or else
// an archive of plain manifest files (`tar czf k8s.tar.gz k8s/`), read as manifests.
// Read as one stream through node-tar's parser: nothing is extracted, nothing is written.
import { createReadStream, type Dirent, type ReadStream } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { isRecord } from '../model/kinds.js';
import type { InputError, InputNote, InventoryObject, KubeObject, Location } from '../model/types.js';
import {
  apiVersionOf,
  BUNDLE_MARKER,
  BUNDLE_RESOURCE_PATTERN,
  type BundleManifest,
  bundleNotes,
  NdjsonReader,
  parseBundleManifest,
} from './bundle.js';
import { nodeFactOf } from './cluster/facts.js';
import { chartNote, isChartFile, isKustomizationFile, plainFsError } from './files.js';
import { kustomizationNote, parseManifestText } from './manifest.js';
import { formatBytes, readLimited, TooLargeError } from './read-limited.js';
import type { SourceResult } from './result.js';
import { objectProblem, toInventoryObject } from './sanitize.js';

/** Velero's copy of one object; a `<version>-preferredversion/` copy beats the classic one, which beats other versions. */
interface VeleroCopy {
  rank: number;
  entry: string;
  object: KubeObject;
  where: Location;
}

const PREFERRED_SUFFIX = '-preferredversion';

/**
 * Parses `resources/<resource>[.<group>]/[<version>[-preferredversion]/](namespaces/<ns>|cluster)/<name>.json`.
 * Returns the object key (the same for every version copy) and the copy's rank.
 */
export function veleroEntry(path: string): { key: string; rank: number } | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'resources' || parts.length < 4 || !parts[1]) return undefined;
  const resource = parts[1];
  let rest = parts.slice(2);
  let rank = 2;
  if (rest[0] !== 'namespaces' && rest[0] !== 'cluster') {
    rank = rest[0]?.endsWith(PREFERRED_SUFFIX) ? 3 : 1;
    rest = rest.slice(1);
  }
  const file = rest.at(-1);
  if (!file?.endsWith('.json') || file === '.json') return undefined;
  const name = file.slice(0, -'.json'.length);
  if (rest[0] === 'namespaces' && rest.length === 3 && rest[1])
    return { key: `${resource}|${rest[1]}|${name}`, rank };
  if (rest[0] === 'cluster' && rest.length === 2) return { key: `${resource}||${name}`, rank };
  return undefined;
}

/** Why an archive entry is refused (never read), or undefined when it is a plain entry. */
export function unsafeEntry(entry: Pick<ReadEntry, 'path' | 'type'>): string | undefined {
  const path = entry.path;
  if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
    return `refused: the archive entry ${path} is a ${entry.type === 'Link' ? 'hard' : 'symbolic'} link`;
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
    return `refused: the archive entry ${path} has an absolute path`;
  }
  if (path.split('/').includes('..'))
    return `refused: the archive entry ${path} points outside the archive (..)`;
  return undefined;
}

/** The largest object file read from a backup or line read from a bundle; the API server stores at most 1.5 MB. */
export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;
const tooBig = (maxBytes: number) =>
  `larger than ${formatBytes(maxBytes)}, which no Kubernetes object is: not read`;

/**
 * An entry's text, or why it was not read. Settles when the archive stream ends even if the entry never
 * does (a truncated archive), so what was read before the damage is kept.
 */
function readText(
  entry: ReadEntry,
  closed: Promise<void>,
  maxBytes: number,
): Promise<string | { problem: string }> {
  return new Promise((resolve) => {
    if (entry.size > maxBytes) {
      entry.resume();
      resolve({ problem: tooBig(maxBytes) });
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    entry.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
    });
    entry.on('end', () =>
      resolve(total > maxBytes ? { problem: tooBig(maxBytes) } : Buffer.concat(chunks).toString('utf8')),
    );
    entry.on('error', () => resolve({ problem: 'the entry could not be read' }));
    void closed.then(() => resolve({ problem: 'the entry is cut short (the archive ends inside it)' }));
  });
}

/** `resources/…` of a Velero backup re-packed under one top-level folder (`backup-1/resources/…`). */
const UNDER_ONE_FOLDER = /^[^/]+\/(?=resources\/|metadata\/version$)/;

/** Velero's copies of each object, kept as read; the best copy of each wins. */
class VeleroCopies {
  readonly copies = new Map<string, VeleroCopy>();
  readonly errors: InputError[] = [];
  format: string | undefined;

  /** The text of one `resources/…/<name>.json` file; `where` says where errors point. */
  add(
    text: string | { problem: string },
    copy: { key: string; rank: number },
    where: Location,
    entry: string,
  ): void {
    const previous = this.copies.get(copy.key);
    if (previous && previous.rank >= copy.rank) return;
    if (typeof text !== 'string') {
      this.errors.push({ ...errorPlace(where), message: text.problem });
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      // Never quote the text: it may be a Secret.
      this.errors.push({ ...errorPlace(where), message: 'not valid JSON' });
      return;
    }
    if (!isRecord(doc) || typeof doc.kind !== 'string') {
      this.errors.push({ ...errorPlace(where), message: 'not a Kubernetes object (no kind)' });
      return;
    }
    const refused = objectProblem(doc as KubeObject);
    if (refused) {
      this.errors.push({ ...errorPlace(where), message: refused });
      return;
    }
    this.copies.set(copy.key, { rank: copy.rank, entry, object: doc as KubeObject, where });
  }

  get empty(): boolean {
    return this.copies.size === 0 && this.errors.length === 0;
  }

  result(file: string, errors: InputError[], notes: InputNote[]): SourceResult {
    const objects: InventoryObject[] = [];
    const nodes: KubeObject[] = [];
    for (const copy of this.copies.values()) {
      const item = toInventoryObject(copy.object, copy.where, 'backup');
      objects.push(item);
      if (item.ref.kind === 'Node') nodes.push(item.object);
    }
    if (this.format) notes.push({ file, message: `Velero backup, format version ${this.format}` });
    return { objects, errors: [...errors, ...this.errors], notes, cluster: { nodes: nodes.map(nodeFactOf) } };
  }
}

function errorPlace(location: Location): Omit<InputError, 'message'> {
  const place: Omit<InputError, 'message'> = { file: location.file ?? '' };
  if (location.entry !== undefined) place.entry = location.entry;
  return place;
}

/** Reads a `.tar.gz` (Velero backup or collect bundle, told apart by content) without extracting it. */
export async function readTarball(
  path: string,
  displayPath: string,
  maxObjectBytes = MAX_OBJECT_BYTES,
): Promise<SourceResult> {
  const errors: InputError[] = [];
  const notes: InputNote[] = [];
  const velero = new VeleroCopies();
  const ndjson: Array<{ prefix: string; reader: NdjsonReader }> = [];
  const markers: Array<{ prefix: string; text: string | { problem: string } }> = [];
  const pending: Array<Promise<void>> = [];
  let close = (): void => {};
  const closed = new Promise<void>((resolve) => {
    close = resolve;
  });

  const plain: Array<{ name: string; text: string | { problem: string } }> = [];
  let entriesSeen = 0;
  const onEntry = (entry: ReadEntry) => {
    entriesSeen++;
    const name = entry.path.replace(/^(\.\/)+/, '');
    const refused = unsafeEntry(entry);
    if (refused) {
      errors.push({ file: displayPath, entry: entry.path, message: refused });
      entry.resume();
      return;
    }
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
      entry.resume();
      return;
    }
    const markerMatch = /^(?:([^/]+)\/)?kube2eks-bundle\.json$/.exec(name);
    if (markerMatch) {
      pending.push(
        readText(entry, closed, maxObjectBytes).then(
          (text) => void markers.push({ prefix: markerMatch[1] ?? '', text }),
        ),
      );
      return;
    }
    const bundleMatch = BUNDLE_RESOURCE_PATTERN.exec(name);
    if (bundleMatch) {
      const [, prefix = '', group = '', version = ''] = bundleMatch;
      const entryPath = prefix ? name.slice(prefix.length + 1) : name;
      const reader = new NdjsonReader(
        (line) => ({ file: displayPath, entry: entryPath, line }),
        apiVersionOf(group, version),
      );
      ndjson.push({ prefix, reader });
      const decoder = new TextDecoder();
      entry.on('data', (chunk: Buffer) => reader.push(decoder.decode(chunk, { stream: true })));
      pending.push(
        new Promise((resolve) => {
          const done = () => {
            reader.push(decoder.decode());
            resolve(reader.end());
          };
          entry.on('end', done);
          void closed.then(done);
        }),
      );
      return;
    }
    const veleroName = name.replace(UNDER_ONE_FOLDER, '');
    if (veleroName === 'metadata/version') {
      pending.push(
        readText(entry, closed, maxObjectBytes).then((text) => {
          if (typeof text === 'string') velero.format = text.trim().slice(0, 40);
        }),
      );
      return;
    }
    const copy = veleroEntry(veleroName);
    if (!copy) {
      // Kept in case the archive is neither a backup nor a bundle: then its YAML and JSON are manifests.
      if (MANIFEST_ENTRY.test(name) && !name.split('/').some((part) => part.startsWith('.'))) {
        pending.push(readText(entry, closed, maxObjectBytes).then((text) => void plain.push({ name, text })));
        return;
      }
      entry.resume();
      return;
    }
    pending.push(
      readText(entry, closed, maxObjectBytes).then((text) =>
        velero.add(text, copy, { file: displayPath, entry: name }, name),
      ),
    );
  };

  const parser = new Parser({
    onReadEntry: onEntry,
    onwarn: (code: string, message: string | Error) => {
      const text = typeof message === 'string' ? message : message.message;
      if (code === 'TAR_ENTRY_INFO') return;
      errors.push({ file: displayPath, message: `damaged archive: ${text}` });
    },
  });
  let damage: string | undefined;
  try {
    const [file, gunzip] = await archiveStreams(path);
    const sink = parser as unknown as NodeJS.WritableStream;
    await (gunzip ? pipeline(file, gunzip, sink) : pipeline(file, sink));
  } catch (error) {
    damage = plainArchiveError(error);
  }
  close();
  await Promise.all(pending);
  if (damage) {
    // What was read before the damage is still assessed.
    errors.push({
      file: displayPath,
      message:
        entriesSeen > 0
          ? `cannot read the rest of the archive (after ${entriesSeen} entries): ${damage}; what was read before is assessed`
          : `cannot read the archive: ${damage}`,
    });
  }

  const marker = markers[0];
  if (marker) {
    const parsed =
      typeof marker.text === 'string'
        ? parseBundleManifest(marker.text)
        : { ok: false as const, message: `${BUNDLE_MARKER}: ${marker.text.problem}` };
    if (!parsed.ok) {
      errors.push({ file: displayPath, entry: BUNDLE_MARKER, message: parsed.message });
      return { objects: [], errors, notes };
    }
    const readers = ndjson.filter((n) => n.prefix === marker.prefix).map((n) => n.reader);
    return {
      objects: readers.flatMap((r) => r.objects),
      errors: [...errors, ...readers.flatMap((r) => r.errors)],
      notes: [...notes, ...bundleNotes(parsed.manifest as BundleManifest, displayPath)],
      cluster: parsed.cluster,
    };
  }

  if (velero.empty && plain.length > 0) return plainManifests(plain, displayPath, errors, notes);
  if (velero.empty) {
    if (damage === undefined) {
      errors.push({
        file: displayPath,
        message: `neither a Velero backup (no resources/<type>/…/<name>.json entries) nor a kube2eks bundle (no ${BUNDLE_MARKER}), and no .yaml, .yml or .json manifest in it`,
      });
    }
    return { objects: [], errors, notes };
  }
  return velero.result(displayPath, errors, notes);
}

/** Archive entries read as manifests when the archive is neither a Velero backup nor a collect bundle. */
const MANIFEST_ENTRY = /\.(ya?ml|json)$/i;

/**
 * The entries of an archive of plain manifests, in path order, as a folder walk reads them: objects and
 * errors point at the archive and the entry; kustomizations, charts and YAML without Kubernetes objects
 * become notes.
 */
function plainManifests(
  entries: ReadonlyArray<{ name: string; text: string | { problem: string } }>,
  displayPath: string,
  errors: InputError[],
  notes: InputNote[],
): SourceResult {
  const objects: InventoryObject[] = [];
  const inArchive = (name: string) => `${displayPath} (${name})`;
  for (const { name, text } of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (isKustomizationFile(name)) {
      notes.push(kustomizationNote(inArchive(name), name.replace(/\/?[^/]*$/, '') || '.'));
      continue;
    }
    if (isChartFile(name)) {
      notes.push(chartNote(inArchive(name), name.replace(/\/?[^/]*$/, '') || '.'));
      continue;
    }
    if (typeof text !== 'string') {
      errors.push({ file: displayPath, entry: name, message: text.problem });
      continue;
    }
    const detail = parseManifestText(text, displayPath);
    const foreignOnly =
      detail.objects.length === 0 &&
      detail.foreignDocuments > 0 &&
      detail.errors.length === detail.foreignDocuments;
    if (foreignOnly) {
      notes.push({
        file: inArchive(name),
        message: 'no Kubernetes objects (no apiVersion and kind): skipped',
      });
      continue;
    }
    for (const o of detail.objects) {
      o.location = { ...o.location, file: displayPath, entry: name };
      objects.push(o);
    }
    for (const e of detail.errors) errors.push({ ...e, file: displayPath, entry: name });
    for (const n of detail.notes) notes.push({ ...n, file: displayPath });
  }
  return { objects, errors, notes };
}

/** Past this many bytes, an archive may expand to at most 1,000 times its compressed size. */
const BOMB_FLOOR_BYTES = 256 * 1024 * 1024;

/**
 * The file, gunzipped when it is gzip (told by its first bytes). Decompressed here rather than inside the tar
 * parser, so that everything before a damaged or garbage-trailed end reaches the parser and is kept.
 */
async function archiveStreams(path: string): Promise<[ReadStream, Gunzip?]> {
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const file = createReadStream(path);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return [file];
  let compressed = 0;
  let expanded = 0;
  file.on('data', (chunk: string | Buffer) => {
    compressed += chunk.length;
  });
  const gunzip = createGunzip();
  gunzip.on('data', (chunk: Buffer) => {
    expanded += chunk.length;
    if (expanded > BOMB_FLOOR_BYTES && expanded > 1000 * compressed) {
      gunzip.destroy(new Error('decompression ratio above 1000'));
    }
  });
  return [file, gunzip];
}

/** zlib and tar errors in words, without their stack. */
function plainArchiveError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message ?? ''))
    return 'it ends too early (truncated)';
  if (e.code === 'Z_DATA_ERROR') return 'the gzip data is damaged';
  if (/decompression ratio/.test(e.message ?? '')) {
    return 'it expands to more than 1,000 times its size (a compression bomb?)';
  }
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  return e.code ?? 'damaged';
}

/** A folder holding an extracted Velero backup: `metadata/version` and `resources/`. */
export async function isVeleroDir(dir: string): Promise<boolean> {
  const [version, resources] = await Promise.all([
    lstat(join(dir, 'metadata', 'version')).catch(() => undefined),
    lstat(join(dir, 'resources')).catch(() => undefined),
  ]);
  return version?.isFile() === true && resources?.isDirectory() === true;
}

/** Reads an extracted Velero backup folder: each object once, as from its tarball; links are not followed. */
export async function readVeleroDir(dir: string, displayPath: string): Promise<SourceResult> {
  const errors: InputError[] = [];
  const velero = new VeleroCopies();
  try {
    velero.format = (await readLimited(join(dir, 'metadata', 'version'), 1024)).toString('utf8').trim();
  } catch {
    // The format note is optional.
  }
  const walk = async (rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch (error) {
      errors.push({
        file: join(displayPath, rel),
        message: `cannot read this folder: ${plainFsError(error)}`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        const copy = veleroEntry(child);
        if (!copy) continue;
        let text: string | { problem: string };
        try {
          text = (await readLimited(join(dir, child), MAX_OBJECT_BYTES)).toString('utf8');
        } catch (error) {
          text = {
            problem:
              error instanceof TooLargeError
                ? tooBig(MAX_OBJECT_BYTES)
                : `cannot be read: ${plainFsError(error)}`,
          };
        }
        velero.add(text, copy, { file: join(displayPath, child) }, child);
      }
    }
  };
  await walk('resources');
  return velero.result(displayPath, errors, []);
}
