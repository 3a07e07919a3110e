// loadInventory: every input form (files, folders, globs, stdin, archives, bundles, live clusters) to one
// Inventory, in the order the inputs were given, files of a folder in sorted order.
import { isUtf8 } from 'node:buffer';
import { promises as fs, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { ClusterFacts, InputError, InputNote, Inventory, InventoryObject } from '../model/types.js';
import { readTarball } from './archive.js';
import { BIG_FILE_BYTES, PIECE_BYTES, shiftLines, splitBigText } from './big.js';
import { BUNDLE_MARKER, readBundleDir } from './bundle.js';
import {
  ARCHIVE_EXTENSION,
  chartNote,
  displayPath,
  type FileEntry,
  isChartFile,
  isKustomizationFile,
  MANIFEST_EXTENSION,
  plainFsError,
  scanFolder,
} from './files.js';
import { readContext } from './live.js';
import { kustomizationNote, parseManifestText } from './manifest.js';
import type { SourceResult } from './result.js';

export interface LoadOptions {
  /** Called with progress messages on long reads (the CLI shows them on a terminal). */
  onProgress?: (message: string) => void;
  /** Standard input, for the `-` input. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
  /** Base folder relative paths in locations are computed from. @default process.cwd() */
  cwd?: string;
  /** Kubeconfig file for `context:NAME` inputs. */
  kubeconfig?: string;
  /** Namespaces to read from `context:NAME` inputs (all when absent). */
  namespaces?: string[];
  /** Files read at the same time. @default 8 */
  concurrency?: number;
}

/** An input that does not exist, cannot be read, or matches nothing. The CLI exits 2 with its message. */
export class InputPathError extends Error {
  override readonly name = 'InputPathError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

const INPUT_FORMS =
  'give a manifest file, a folder, a glob, - for standard input, a .tar.gz, a collect bundle folder or context:NAME';

/** One thing to read, in output order. */
type Unit =
  | { kind: 'file'; entry: FileEntry; explicit: boolean; pipe?: boolean }
  | { kind: 'stdin' }
  | { kind: 'source'; display: string; explicit: boolean; read: () => Promise<SourceResult> }
  | { kind: 'result'; result: SourceResult };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const BINARY_MESSAGE = 'not a text file (binary data); kube2eks reads YAML and JSON manifests';

/** Why a file's bytes are not manifest text, or undefined when they are. */
function textProblem(buf: Buffer): string | undefined {
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    return 'not a text file (gzip data); give Velero backups and bundles as .tar.gz or .tgz';
  }
  if (buf.indexOf(0) !== -1) return BINARY_MESSAGE;
  if (!isUtf8(buf)) return 'not a UTF-8 text file; kube2eks reads YAML and JSON manifests';
  return undefined;
}

const TOO_LARGE =
  'too large to read as one text (over 512 MB) and not a kubectl List or multi-document YAML that can be read in pieces; split it into smaller files';

/** The text of a file, or why it is not one. */
export function decodeText(buf: Buffer): string | { message: string } {
  if (buf.length === 0) return '';
  const problem = textProblem(buf);
  if (problem) return { message: problem };
  try {
    return buf.toString('utf8');
  } catch {
    return { message: TOO_LARGE };
  }
}

/** A file's bytes to objects: as one text, or in pieces when the file is too big for one string. */
export function parseBuffer(buf: Buffer, display: string, walked: boolean, bigFileBytes = BIG_FILE_BYTES) {
  const failed = (message: string): SourceResult[] => [
    { objects: [], errors: [{ file: display, message }], notes: [] },
  ];
  if (buf.length < bigFileBytes) {
    const text = decodeText(buf);
    return typeof text === 'string' ? [parseFile(text, display, walked)] : failed(text.message);
  }
  const problem = textProblem(buf);
  if (problem) return failed(problem);
  const parts = splitBigText(buf, Math.min(PIECE_BYTES, Math.ceil(bigFileBytes / 4)));
  if (!parts) return failed(TOO_LARGE);
  const results: SourceResult[] = [];
  try {
    for (const piece of parts)
      results.push(shiftLines(parseFile(piece.text, display, walked), piece.lineOffset));
  } catch (error) {
    // A single document or List item over 512 MB.
    const tooLong =
      (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' ||
      (error instanceof RangeError && /string length/.test(error.message));
    if (!tooLong) throw error;
    return failed(TOO_LARGE);
  }
  return results;
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A file's objects, errors and notes (kustomization and chart files become a note). */
function parseFile(text: string, display: string, walked: boolean): SourceResult {
  const detail = parseManifestText(text, display);
  // In a folder, YAML with no apiVersion and kind anywhere (values.yaml, CI configs) is not an input error.
  if (
    walked &&
    detail.objects.length === 0 &&
    detail.foreignDocuments > 0 &&
    detail.errors.length === detail.foreignDocuments
  ) {
    return {
      objects: [],
      errors: [],
      notes: [
        ...detail.notes,
        { file: display, message: 'no Kubernetes objects (no apiVersion and kind): skipped' },
      ],
    };
  }
  return { objects: detail.objects, errors: detail.errors, notes: detail.notes };
}

function skippedByName(display: string): SourceResult | undefined {
  if (isKustomizationFile(display)) {
    return { objects: [], errors: [], notes: [kustomizationNote(display, dirname(display))] };
  }
  if (isChartFile(display)) return { objects: [], errors: [], notes: [chartNote(display, dirname(display))] };
  return undefined;
}

function mergeCluster(into: ClusterFacts, part: Partial<ClusterFacts>): void {
  if (part.nodes) into.nodes.push(...part.nodes);
  if (part.forbidden) into.forbidden.push(...part.forbidden);
  if (part.serverVersion !== undefined && into.serverVersion === undefined)
    into.serverVersion = part.serverVersion;
  if (part.collectedAt !== undefined && into.collectedAt === undefined) into.collectedAt = part.collectedAt;
  if (part.context !== undefined && into.context === undefined) into.context = part.context;
  if (part.usage) into.usage = { ...into.usage, ...part.usage };
}

async function statOrUndefined(path: string): Promise<Stats | NodeJS.ErrnoException> {
  try {
    return await fs.stat(path);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Turns the inputs into units to read, checking each input exists. Throws InputPathError. */
async function plan(inputs: readonly string[], cwd: string, options: LoadOptions): Promise<Unit[]> {
  const units: Unit[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const addFile = async (abs: string, display: string, explicit: boolean, pipe = false): Promise<void> => {
    const key = await fs.realpath(abs).catch(() => abs);
    if (!once(key)) return;
    const skipped = skippedByName(display);
    if (skipped) units.push({ kind: 'result', result: skipped });
    else if (ARCHIVE_EXTENSION.test(abs)) {
      units.push({ kind: 'source', display, explicit, read: () => readTarball(abs, display) });
    } else units.push({ kind: 'file', entry: { abs, display }, explicit, ...(pipe ? { pipe } : {}) });
  };

  for (const input of inputs) {
    if (input === '-') {
      if (once('-')) units.push({ kind: 'stdin' });
      continue;
    }
    const abs = resolve(cwd, input);
    const display = displayPath(abs, cwd, input);
    const st = await statOrUndefined(abs);
    if (st instanceof Error) {
      if (input.startsWith('context:') && st.code === 'ENOENT') {
        const name = input.slice('context:'.length);
        if (name === '')
          throw new InputPathError(input, `${input}: name the kubeconfig context, e.g. context:prod`);
        if (!once(input)) continue;
        const live: Parameters<typeof readContext>[1] = {};
        if (options.kubeconfig) live.kubeconfig = options.kubeconfig;
        if (options.namespaces) live.namespaces = options.namespaces;
        if (options.onProgress) live.onProgress = options.onProgress;
        units.push({ kind: 'source', display: input, explicit: true, read: () => readContext(name, live) });
        continue;
      }
      if (st.code === 'ENOENT' && isDynamicPattern(input)) {
        const matches = (await glob(input, { cwd, absolute: true, onlyFiles: true, dot: false }))
          .filter((p) => MANIFEST_EXTENSION.test(p) || ARCHIVE_EXTENSION.test(p))
          .sort();
        if (matches.length === 0) {
          throw new InputPathError(input, `${input}: the pattern matches no YAML, JSON or .tar.gz file`);
        }
        for (const match of matches) await addFile(match, displayPath(match, cwd, match), false);
        continue;
      }
      const reason = st.code === 'ENOENT' ? 'no such file or folder' : plainFsError(st);
      throw new InputPathError(input, `${input}: ${reason}; ${INPUT_FORMS}`);
    }
    if (st.isDirectory()) {
      const key = await fs.realpath(abs).catch(() => abs);
      if (!once(key)) continue;
      const marker = await statOrUndefined(resolve(abs, BUNDLE_MARKER));
      if (!(marker instanceof Error)) {
        units.push({ kind: 'source', display, explicit: true, read: () => readBundleDir(abs, display) });
        continue;
      }
      const scan = await scanFolder(abs, display);
      if (scan.manifests.length === 0 && scan.bundles.length === 0 && scan.notes.length === 0) {
        if (scan.errors.length > 0) throw new InputPathError(input, `${input}: cannot read this folder`);
        throw new InputPathError(input, `${input}: the folder holds no YAML or JSON file`);
      }
      units.push({ kind: 'result', result: { objects: [], errors: scan.errors, notes: scan.notes } });
      for (const entry of scan.manifests) await addFile(entry.abs, entry.display, false);
      for (const bundle of scan.bundles) {
        const key = await fs.realpath(bundle.abs).catch(() => bundle.abs);
        if (!once(key)) continue;
        units.push({
          kind: 'source',
          display: bundle.display,
          explicit: false,
          read: () => readBundleDir(bundle.abs, bundle.display),
        });
      }
      continue;
    }
    await addFile(abs, display, true, st.isFIFO());
  }
  return units;
}

/** Reads every input into one inventory. Throws InputPathError for an input that cannot be used at all. */
export async function loadInventory(
  inputs: readonly string[],
  options: LoadOptions = {},
): Promise<Inventory> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const units = await plan(inputs, cwd, options);
  const objects: InventoryObject[] = [];
  const errors: InputError[] = [];
  const notes: InputNote[] = [];
  const cluster: ClusterFacts = { nodes: [], forbidden: [] };
  const add = (result: SourceResult): void => {
    for (const o of result.objects) objects.push(o);
    errors.push(...result.errors);
    notes.push(...result.notes);
    if (result.cluster) mergeCluster(cluster, result.cluster);
  };

  // Reads run ahead of parsing, a bounded number at a time; results are taken in order.
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const reads = new Map<number, Promise<Buffer | NodeJS.ErrnoException>>();
  const startRead = (i: number): void => {
    const unit = units[i];
    if (unit?.kind !== 'file' || reads.has(i)) return;
    reads.set(
      i,
      fs.readFile(unit.entry.abs).catch((error: NodeJS.ErrnoException) => error),
    );
  };
  const fileCount = units.filter((u) => u.kind === 'file').length;
  let filesDone = 0;
  let lastProgress = Date.now();
  const progress = (): void => {
    if (!options.onProgress || fileCount < 20) return;
    const now = Date.now();
    if (now - lastProgress < 250 && filesDone < fileCount) return;
    lastProgress = now;
    options.onProgress(
      `reading manifests: ${filesDone.toLocaleString('en-US')}/${fileCount.toLocaleString('en-US')} files`,
    );
  };

  let nextRead = 0;
  for (let i = 0; i < units.length; i++) {
    for (nextRead = Math.max(nextRead, i); nextRead < units.length && reads.size < concurrency; nextRead++) {
      startRead(nextRead);
    }
    const unit = units[i] as Unit;
    if (unit.kind === 'result') {
      add(unit.result);
    } else if (unit.kind === 'stdin') {
      let buf: Buffer;
      try {
        buf = await readStdin(options.stdin ?? process.stdin);
      } catch (error) {
        throw new InputPathError('-', `-: cannot read standard input: ${errorMessage(error)}`);
      }
      for (const result of parseBuffer(buf, '-', false)) add(result);
      // An empty pipe usually means the command before it failed: an empty report must not look like a pass.
      if (buf.length < 4096 && buf.toString('utf8').trim() === '') {
        notes.push({
          file: '-',
          message: 'standard input was empty: nothing to assess (did the command before the pipe fail?)',
        });
      }
    } else if (unit.kind === 'source') {
      try {
        add(await unit.read());
      } catch (error) {
        if (error instanceof InputPathError) throw error;
        if (unit.explicit) throw new InputPathError(unit.display, `${unit.display}: ${errorMessage(error)}`);
        add({ objects: [], errors: [{ file: unit.display, message: errorMessage(error) }], notes: [] });
      }
    } else {
      // A named pipe (`<(kubectl get …)` or mkfifo) gives nothing until its writer does: say so.
      if (unit.pipe) options.onProgress?.(`reading ${unit.entry.display} (a pipe): waiting for its writer`);
      startRead(i);
      const read = await (reads.get(i) as Promise<Buffer | NodeJS.ErrnoException>);
      reads.delete(i);
      const { display } = unit.entry;
      if (read instanceof Error) {
        const reason = `cannot be read: ${plainFsError(read)}`;
        if (unit.explicit) throw new InputPathError(display, `${display}: ${reason}`);
        add({ objects: [], errors: [{ file: display, message: reason }], notes: [] });
      } else {
        for (const result of parseBuffer(read, display, !unit.explicit)) add(result);
      }
      filesDone++;
      progress();
    }
  }
  return { objects, errors, notes, cluster };
}
