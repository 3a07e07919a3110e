// Collect bundles: `kube2eks-bundle.json` (cluster facts) plus one NDJSON file per resource type at
// `resources/<group|core>/<version>/<resource>.ndjson`. Read from a folder here, from a `.tar.gz` in archive.ts.
import { createReadStream, type Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../model/kinds.js';
import type {
  ClusterFacts,
  InputError,
  InputNote,
  InventoryObject,
  KubeObject,
  Location,
} from '../model/types.js';
import { plainFsError } from './files.js';
import { readLimited, TooLargeError } from './read-limited.js';
import type { SourceResult } from './result.js';
import { objectProblem, toInventoryObject } from './sanitize.js';

/** The longest NDJSON line read: the API server stores objects of at most 1.5 MB. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export const BUNDLE_MARKER = 'kube2eks-bundle.json';
/** The bundle format this version writes and reads. */
export const BUNDLE_FORMAT = 1;

/** `kube2eks-bundle.json`. */
export interface BundleManifest {
  kube2eksBundle: number;
  tool?: { name: string; version: string };
  collectedAt?: string;
  serverVersion?: string;
  context?: string;
  /** Namespaces the collection was limited to (absent: all). */
  namespaces?: string[];
  nodes: ClusterFacts['nodes'];
  usage?: ClusterFacts['usage'];
  forbidden: ClusterFacts['forbidden'];
  /** Lists that failed for another reason than permissions. */
  failed?: Array<{ resource: string; reason: string }>;
  resources?: Array<{
    group: string;
    version: string;
    resource: string;
    kind: string;
    namespaced: boolean;
    count: number;
  }>;
}

/** Where a resource type's objects live inside a bundle. */
export function bundleResourceFile(group: string, version: string, resource: string): string {
  return `resources/${group || 'core'}/${version}/${resource}.ndjson`;
}

/** `resources/<group>/<version>/<resource>.ndjson`, optionally under one leading folder. */
export const BUNDLE_RESOURCE_PATTERN = /^(?:([^/]+)\/)?resources\/([^/]+)\/([^/]+)\/([^/]+)\.ndjson$/;

/** Reads the marker file: the cluster facts, or an error when it is not a bundle this version reads. */
export function parseBundleManifest(
  text: string,
): { ok: true; manifest: BundleManifest; cluster: Partial<ClusterFacts> } | { ok: false; message: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, message: `${BUNDLE_MARKER} is not valid JSON` };
  }
  if (!isRecord(doc) || typeof doc.kube2eksBundle !== 'number') {
    return { ok: false, message: `${BUNDLE_MARKER} has no "kube2eksBundle" format number` };
  }
  if (doc.kube2eksBundle > BUNDLE_FORMAT) {
    return {
      ok: false,
      message: `the bundle has format ${doc.kube2eksBundle}; this kube2eks reads format ${BUNDLE_FORMAT}. Update kube2eks.`,
    };
  }
  const records = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
  const manifest = doc as unknown as BundleManifest;
  const cluster: Partial<ClusterFacts> = {
    nodes: records(doc.nodes) as unknown as ClusterFacts['nodes'],
    forbidden: records(doc.forbidden).filter(
      (f): f is { resource: string; reason: string } =>
        typeof f.resource === 'string' && typeof f.reason === 'string',
    ),
  };
  if (typeof doc.serverVersion === 'string') cluster.serverVersion = doc.serverVersion;
  if (typeof doc.collectedAt === 'string') cluster.collectedAt = doc.collectedAt;
  if (typeof doc.context === 'string') cluster.context = doc.context;
  if (isRecord(doc.usage)) cluster.usage = doc.usage as NonNullable<ClusterFacts['usage']>;
  return { ok: true, manifest, cluster };
}

/** Notes for the lists that could not be read when the bundle was collected. */
export function bundleNotes(manifest: BundleManifest, file: string): InputNote[] {
  const notes: InputNote[] = [];
  for (const f of manifest.forbidden ?? []) {
    notes.push({
      file,
      message: `${f.resource} was not readable when the bundle was collected (forbidden: ${f.reason})`,
    });
  }
  for (const f of manifest.failed ?? []) {
    notes.push({
      file,
      message: `${f.resource} could not be read when the bundle was collected: ${f.reason}`,
    });
  }
  if (manifest.namespaces?.length) {
    notes.push({
      file,
      message: `the bundle holds only namespaces ${manifest.namespaces.join(', ')} (and cluster-scoped objects)`,
    });
  }
  return notes;
}

/**
 * Splits NDJSON text arriving in chunks into objects. Bad lines become errors naming the line only:
 * the text of a line may be a Secret, so it is never quoted.
 */
export class NdjsonReader {
  readonly objects: InventoryObject[] = [];
  readonly errors: InputError[] = [];
  /** The start of a line whose end has not arrived, in pieces (joined once: linear in the line's length). */
  #parts: string[] = [];
  #partsLength = 0;
  /** The current line passed MAX_LINE_CHARS: the rest of it is dropped. */
  #overlong = false;
  #line = 0;

  constructor(
    private readonly location: (line: number) => Location,
    private readonly apiVersion: string,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.#append(chunk.slice(start, nl));
      this.#finishLine();
      start = nl + 1;
    }
    this.#append(chunk.slice(start));
  }

  end(): void {
    if (this.#partsLength > 0 || this.#overlong) this.#finishLine();
  }

  #append(piece: string): void {
    if (this.#overlong || piece === '') return;
    if (this.#partsLength + piece.length > MAX_LINE_CHARS) {
      this.#overlong = true;
      this.#parts = [];
      this.#partsLength = 0;
      return;
    }
    this.#parts.push(piece);
    this.#partsLength += piece.length;
  }

  #finishLine(): void {
    const line = this.#parts.length === 1 ? (this.#parts[0] as string) : this.#parts.join('');
    const overlong = this.#overlong;
    this.#parts = [];
    this.#partsLength = 0;
    this.#overlong = false;
    if (overlong) {
      this.#line++;
      this.errors.push({
        ...errorPlace(this.location(this.#line)),
        message: `line ${this.#line} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MB, which no Kubernetes object is: not read`,
      });
      return;
    }
    this.#take(line);
  }

  #take(line: string): void {
    this.#line++;
    if (!line.trim()) return;
    const location = this.location(this.#line);
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      this.errors.push({ ...errorPlace(location), message: `line ${this.#line} is not valid JSON` });
      return;
    }
    if (!isRecord(doc)) {
      this.errors.push({ ...errorPlace(location), message: `line ${this.#line} is not a JSON object` });
      return;
    }
    const obj = doc as KubeObject;
    const refused = objectProblem(obj);
    if (refused) {
      this.errors.push({ ...errorPlace(location), message: `line ${this.#line}: ${refused}` });
      return;
    }
    if (!obj.apiVersion) obj.apiVersion = this.apiVersion;
    this.objects.push(toInventoryObject(obj, location, 'backup'));
  }
}

function errorPlace(location: Location): Omit<InputError, 'message'> {
  const place: Omit<InputError, 'message'> = { file: location.file ?? '' };
  if (location.line !== undefined) place.line = location.line;
  if (location.entry !== undefined) place.entry = location.entry;
  return place;
}

/** apiVersion of the objects of a bundle resource file (`core` is the core group). */
export function apiVersionOf(group: string, version: string): string {
  return group === 'core' ? version : `${group}/${version}`;
}

/** Reads a collect bundle folder (marker + NDJSON per resource type). */
export async function readBundleDir(dir: string, displayPath: string): Promise<SourceResult> {
  const markerFile = join(displayPath, BUNDLE_MARKER);
  const result: SourceResult = { objects: [], errors: [], notes: [] };
  let text: string;
  try {
    text = (await readLimited(join(dir, BUNDLE_MARKER), MAX_LINE_CHARS)).toString('utf8');
  } catch (error) {
    result.errors.push({
      file: markerFile,
      message: `cannot read the bundle marker: ${error instanceof TooLargeError ? error.message : plainFsError(error)}`,
    });
    return result;
  }
  const manifest = parseBundleManifest(text);
  if (!manifest.ok) {
    result.errors.push({ file: markerFile, message: manifest.message });
    return result;
  }
  result.cluster = manifest.cluster;
  result.notes.push(...bundleNotes(manifest.manifest, displayPath));
  const files = await ndjsonFiles(dir, result.errors, displayPath);
  for (const rel of files) {
    const match = BUNDLE_RESOURCE_PATTERN.exec(rel);
    if (!match || match[1]) continue;
    const [, , group = '', version = ''] = match;
    const file = join(displayPath, rel);
    const reader = new NdjsonReader((line) => ({ file, line }), apiVersionOf(group, version));
    try {
      for await (const chunk of createReadStream(join(dir, rel), { encoding: 'utf8' }))
        reader.push(chunk as string);
      reader.end();
    } catch (error) {
      result.errors.push({ file, message: `cannot read: ${plainFsError(error)}` });
    }
    result.objects.push(...reader.objects);
    result.errors.push(...reader.errors);
  }
  return result;
}

/** The `resources/**.ndjson` files of a bundle folder, sorted; links are not followed. */
async function ndjsonFiles(dir: string, errors: InputError[], displayPath: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        errors.push({
          file: join(displayPath, child),
          message: 'a symbolic link inside a bundle is not followed',
        });
      } else if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && entry.name.endsWith('.ndjson')) out.push(child);
    }
  };
  if ((await lstat(join(dir, 'resources')).catch(() => undefined))?.isDirectory()) await walk('resources');
  return out.sort();
}
