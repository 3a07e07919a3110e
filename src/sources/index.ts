// loadInventory: every input form (files, folders, globs, stdin, archives, bundles, live clusters) to one
// Inventory, in the order the inputs were given, files of a folder in sorted order.
import { isUtf8 } from 'node:buffer';
import { createReadStream, promises as fs, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { ClusterFacts, InputError, InputNote, Inventory, InventoryObject } from '../model/types.js';
import { isVeleroDir, readTarball, readVeleroDir } from './archive.js';
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
import {
  jsonListPieces,
  kindInTail,
  type ListPiece,
  NotAList,
  NotText,
  pieceText,
  renumberItems,
} from './json-list.js';
import { readContext } from './live.js';
import { kustomizationNote, type ParseProgress, parseManifestText } from './manifest.js';
import { formatBytes, readStreamLimited, TooLargeError } from './read-limited.js';
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
  /**
   * Parses a file's bytes in place of `parseBuffer` (the parallel pipeline, src/parallel/, hands them to
   * worker threads). Called as soon as the file is read, ahead of the files before it being taken.
   */
  parseFile?: (
    buf: Buffer,
    file: { abs: string; display: string; walked: boolean; progress?: FileProgress | undefined },
  ) => Promise<SourceResult[]>;
  /** Parses the pieces of a big kubectl JSON List (read item by item) in place of this thread. */
  parseListPiece?: ListPieceParser;
  /** A JSON file from this size on is read item by item, when it is a List. @default 256 MiB */
  bigJsonBytes?: number;
  /** Sees every result before it joins the inventory, and may replace its objects (the pipeline's slim copies). */
  adopt?: (result: SourceResult) => SourceResult;
  /** Milliseconds clock that throttles progress messages (tests). @default Date.now */
  clock?: () => number;
}

/** Progress messages at most this often. */
const PROGRESS_MS = 250;
/** A file from this size on says it is being parsed before the first document is done. */
const SAY_PARSING_BYTES = 16 * 1024 * 1024;

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

/** One thing to read, in output order. `folder` names the folder INPUT it was found in. */
type Unit =
  | { kind: 'file'; entry: FileEntry; explicit: boolean; stream?: boolean; folder?: string }
  | { kind: 'stdin' }
  | {
      kind: 'source';
      display: string;
      explicit: boolean;
      read: () => Promise<SourceResult>;
      folder?: string;
    }
  | { kind: 'result'; result: SourceResult; folder?: string };

/** Standard input and pipes named on the command line are read up to this size (a regular file has its own). */
export const MAX_STREAM_BYTES = 2 * 1024 ** 3 - 1;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const BINARY_MESSAGE = 'not a text file (binary data); kube2eks reads YAML and JSON manifests';

/** Why a file's bytes are not manifest text, or undefined when they are. */
export function textProblem(buf: Buffer): string | undefined {
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
/** How far into one file the parse is, in bytes, and the objects it gave so far. */
export type FileProgress = (bytesDone: number, objects: number) => void;

export function parseBuffer(
  buf: Buffer,
  display: string,
  walked: boolean,
  bigFileBytes = BIG_FILE_BYTES,
  onProgress?: FileProgress,
) {
  const failed = (message: string): SourceResult[] => [
    { objects: [], errors: [{ file: display, message }], notes: [] },
  ];
  /** A piece's document offsets as bytes of the file (the piece's share of it, scaled). */
  const within =
    (startBytes: number, pieceBytes: number, objectsBefore: number): ParseProgress | undefined =>
    (done, length, objects) =>
      onProgress?.(
        startBytes + Math.round((done / Math.max(1, length)) * pieceBytes),
        objectsBefore + objects,
      );
  if (buf.length < bigFileBytes) {
    const text = decodeText(buf);
    return typeof text === 'string'
      ? [parseText(text, display, walked, onProgress ? within(0, buf.length, 0) : undefined)]
      : failed(text.message);
  }
  const problem = textProblem(buf);
  if (problem) return failed(problem);
  const parts = splitBigText(buf, Math.min(PIECE_BYTES, Math.ceil(bigFileBytes / 4)));
  if (!parts) return failed(TOO_LARGE);
  const results: SourceResult[] = [];
  let bytesDone = 0;
  let objects = 0;
  try {
    for (const piece of parts) {
      const pieceBytes = onProgress ? Buffer.byteLength(piece.text) : 0;
      const progress = onProgress ? within(bytesDone, pieceBytes, objects) : undefined;
      const result = shiftLines(parseText(piece.text, display, walked, progress), piece.lineOffset);
      results.push(result);
      bytesDone = Math.min(buf.length, bytesDone + pieceBytes);
      objects += result.objects.length;
      onProgress?.(bytesDone, objects);
    }
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

/**
 * A JSON file over BIG_FILE_BYTES: a kubectl List read from the file item by item (./json-list.ts), never
 * held whole; anything else is read at once as before.
 */
export async function readBigJsonFile(
  abs: string,
  display: string,
  walked: boolean,
  pieceBytes?: number,
  parsePiece?: ListPieceParser,
): Promise<SourceResult> {
  const results: Array<SourceResult | Promise<SourceResult>> = [];
  let settled = 0;
  try {
    const file = await fs.open(abs);
    let tail: string;
    try {
      const { size } = await file.stat();
      const length = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(length);
      await file.read(buf, 0, length, size - length);
      tail = buf.toString('latin1');
    } finally {
      await file.close();
    }
    const chunks = createReadStream(abs, { highWaterMark: 4 * 1024 * 1024 });
    const options = { kindAfterItems: kindInTail(tail), ...(pieceBytes ? { pieceBytes } : {}) };
    try {
      for await (const piece of jsonListPieces(chunks, options)) {
        if (piece.cut) results.push({ objects: [], errors: [{ file: display, ...piece.cut }], notes: [] });
        else if (parsePiece) {
          // A few pieces in flight: the threads stay busy, and the file's text is not all in memory at once.
          if (results.length - settled >= parsePiece.inFlight) await results[settled++];
          const parsed = parsePiece.parse(piece, { abs, display, walked });
          // Awaited below: a failure before then must not count as unhandled.
          parsed.catch(() => undefined);
          results.push(parsed);
        } else results.push(parseListPiece(piece, display, walked));
      }
      await Promise.all(results);
    } finally {
      chunks.destroy();
    }
  } catch (error) {
    if (error instanceof NotText)
      return { objects: [], errors: [{ file: display, message: error.message }], notes: [] };
    if (!(error instanceof NotAList))
      throw new Error(`cannot be read: ${plainFsError(error as NodeJS.ErrnoException)}`);
    // Not a List: read whole, as any other file.
    let buf: Buffer;
    try {
      buf = await fs.readFile(abs);
    } catch (readError) {
      throw new Error(`cannot be read: ${plainFsError(readError as NodeJS.ErrnoException)}`);
    }
    results.push(...parseBuffer(buf, display, walked));
  }
  const read = await Promise.all(results);
  const merged: SourceResult = {
    objects: read.flatMap((r) => r.objects),
    errors: read.flatMap((r) => r.errors),
    notes: read.flatMap((r) => r.notes),
  };
  if (!walked && merged.objects.length + merged.errors.length + merged.notes.length === 0) {
    merged.errors.push({
      file: display,
      message: 'the file holds no Kubernetes object (only comments or empty documents)',
    });
  }
  return merged;
}

/** A piece of a big JSON List to objects: its items, numbered and on the lines of the whole file. */
export function parseListPiece(piece: ListPiece, display: string, walked: boolean): SourceResult {
  return renumberItems(
    shiftLines(parseText(pieceText(piece), display, walked), piece.lineOffset),
    piece.itemsBefore,
  );
}

/** Parses the pieces of a big JSON List elsewhere (the parallel pipeline's threads), a few at a time. */
export interface ListPieceParser {
  parse: (piece: ListPiece, file: { abs: string; display: string; walked: boolean }) => Promise<SourceResult>;
  /** Pieces handed on and not yet parsed, at most. */
  inFlight: number;
  /** About how many bytes of the file each piece holds. */
  pieceBytes?: number;
}

/** A JSON file big enough to be read item by item: named .json, or named on the command line and opening with { or [. */
async function isBigJson(abs: string, explicit: boolean, bigBytes = BIG_FILE_BYTES): Promise<boolean> {
  const named = /\.json$/i.test(abs);
  if (!named && !explicit) return false;
  const st = await statOrUndefined(abs);
  if (st instanceof Error || !st.isFile() || st.size < bigBytes) return false;
  if (named) return true;
  const file = await fs.open(abs).catch(() => undefined);
  if (!file) return false;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return /^\s*[[{]/.test(head.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, ''));
  } finally {
    await file.close();
  }
}

/**
 * One file's text to its objects, errors and notes, as the reader of its kind reads it (kustomization and
 * chart files, and a folder's foreign YAML, become a note).
 */
export function parseText(
  text: string,
  display: string,
  walked: boolean,
  onProgress?: ParseProgress,
): SourceResult {
  const detail = parseManifestText(text, display, onProgress);
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

async function isRegularFile(path: string): Promise<boolean> {
  const st = await statOrUndefined(path);
  return !(st instanceof Error) && st.isFile();
}

const NOT_REGULAR =
  'skipped: not a regular file (a named pipe, socket or device); name it on the command line to read it';

/** Turns the inputs into units to read, in order, each file once. Throws InputPathError. */
class ReadPlanner {
  readonly units: Unit[] = [];
  readonly #seen = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly options: LoadOptions,
  ) {}

  #once(key: string): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    return true;
  }

  async #onceReal(abs: string): Promise<boolean> {
    return this.#once(await fs.realpath(abs).catch(() => abs));
  }

  /** One INPUT: `-`, `context:NAME`, a glob, a folder or a file. */
  async add(input: string): Promise<void> {
    if (input === '-') {
      if (this.#once('-')) this.units.push({ kind: 'stdin' });
      return;
    }
    const abs = resolve(this.cwd, input);
    const display = displayPath(abs, this.cwd, input);
    const st = await statOrUndefined(abs);
    if (st instanceof Error) {
      if (input.startsWith('context:') && st.code === 'ENOENT') return this.#addContext(input);
      if (st.code === 'ENOENT' && isDynamicPattern(input)) return this.#addGlob(input);
      const reason = st.code === 'ENOENT' ? 'no such file or folder' : plainFsError(st);
      throw new InputPathError(input, `${input}: ${reason}; ${INPUT_FORMS}`);
    }
    if (st.isDirectory()) return this.#addFolder(input, abs, display);
    // A pipe or device named here is what the user meant (`<(kubectl get …)`): it is streamed.
    await this.#addFile(abs, display, { explicit: true, stream: !st.isFile() });
  }

  #addContext(input: string): void {
    const name = input.slice('context:'.length);
    if (name === '')
      throw new InputPathError(input, `${input}: name the kubeconfig context, e.g. context:prod`);
    if (!this.#once(input)) return;
    const live: Parameters<typeof readContext>[1] = {};
    if (this.options.kubeconfig) live.kubeconfig = this.options.kubeconfig;
    if (this.options.namespaces) live.namespaces = this.options.namespaces;
    if (this.options.onProgress) live.onProgress = this.options.onProgress;
    this.units.push({ kind: 'source', display: input, explicit: true, read: () => readContext(name, live) });
  }

  /** A glob: the regular YAML, JSON and .tar.gz files it matches, in sorted order. */
  async #addGlob(input: string): Promise<void> {
    const matches = (await glob(input, { cwd: this.cwd, absolute: true, onlyFiles: true, dot: false }))
      .filter((p) => MANIFEST_EXTENSION.test(p) || ARCHIVE_EXTENSION.test(p))
      .sort();
    if (matches.length === 0) {
      throw new InputPathError(input, `${input}: the pattern matches no YAML, JSON or .tar.gz file`);
    }
    const skipped: InputNote[] = [];
    for (const match of matches) {
      const display = displayPath(match, this.cwd, match);
      // A link to /dev/zero or a FIFO would never end: a pattern reads regular files only.
      if (await isRegularFile(match)) await this.#addFile(match, display, { explicit: false });
      else skipped.push({ file: display, message: NOT_REGULAR });
    }
    if (skipped.length)
      this.units.push({ kind: 'result', result: { objects: [], errors: [], notes: skipped } });
  }

  /** A folder: a collect bundle, an extracted Velero backup, or manifests found by walking it. */
  async #addFolder(input: string, abs: string, display: string): Promise<void> {
    if (!(await this.#onceReal(abs))) return;
    if (await isRegularFile(resolve(abs, BUNDLE_MARKER))) {
      this.units.push({ kind: 'source', display, explicit: true, read: () => readBundleDir(abs, display) });
      return;
    }
    if (await isVeleroDir(abs)) {
      this.units.push({ kind: 'source', display, explicit: true, read: () => readVeleroDir(abs, display) });
      return;
    }
    const scan = await scanFolder(abs, display);
    if (scan.manifests.length === 0 && scan.bundles.length === 0 && scan.notes.length === 0) {
      if (scan.errors.length > 0) throw new InputPathError(input, `${input}: cannot read this folder`);
      throw new InputPathError(input, `${input}: the folder holds no YAML or JSON file`);
    }
    const folder = input;
    this.units.push({
      kind: 'result',
      result: { objects: [], errors: scan.errors, notes: scan.notes },
      folder,
    });
    for (const entry of scan.manifests)
      await this.#addFile(entry.abs, entry.display, { explicit: false, folder });
    for (const found of scan.bundles) {
      if (!(await this.#onceReal(found.abs))) continue;
      const read = found.velero
        ? () => readVeleroDir(found.abs, found.display)
        : () => readBundleDir(found.abs, found.display);
      this.units.push({ kind: 'source', display: found.display, explicit: false, read, folder });
    }
  }

  async #addFile(
    abs: string,
    display: string,
    how: { explicit: boolean; stream?: boolean; folder?: string },
  ): Promise<void> {
    if (!(await this.#onceReal(abs))) return;
    const folder = how.folder !== undefined ? { folder: how.folder } : {};
    const skipped = skippedByName(display);
    if (skipped) this.units.push({ kind: 'result', result: skipped, ...folder });
    else if (ARCHIVE_EXTENSION.test(abs)) {
      this.units.push({
        kind: 'source',
        display,
        explicit: how.explicit,
        read: () => readTarball(abs, display),
        ...folder,
      });
    } else if (!how.stream && (await isBigJson(abs, how.explicit, this.options.bigJsonBytes))) {
      const pieces = this.options.parseListPiece;
      this.units.push({
        kind: 'source',
        display,
        explicit: how.explicit,
        read: () => readBigJsonFile(abs, display, !how.explicit, pieces?.pieceBytes, pieces),
        ...folder,
      });
    } else {
      this.units.push({
        kind: 'file',
        entry: { abs, display },
        explicit: how.explicit,
        ...(how.stream ? { stream: true } : {}),
        ...folder,
      });
    }
  }
}

/** Plans the reads of every input, in the order given. */
async function planReads(inputs: readonly string[], cwd: string, options: LoadOptions): Promise<Unit[]> {
  const planner = new ReadPlanner(cwd, options);
  for (const input of inputs) await planner.add(input);
  return planner.units;
}

const STDIN_EMPTY = '-: standard input was empty: nothing to assess (did the command before the pipe fail?)';

/** Why the first bytes of a stream show it is not text, to stop reading `/dev/zero` at once. */
function streamProblem(first: Buffer): string | undefined {
  if (first[0] === 0x1f && first[1] === 0x8b) return textProblem(first);
  return first.indexOf(0) !== -1 ? BINARY_MESSAGE : undefined;
}

/** Reads a stream (stdin, a pipe or device named on the command line) to one result list. */
async function readStream(stream: NodeJS.ReadableStream, display: string): Promise<SourceResult[] | Buffer> {
  try {
    const read = await readStreamLimited(stream, MAX_STREAM_BYTES, streamProblem);
    if (!Buffer.isBuffer(read))
      return [{ objects: [], errors: [{ file: display, message: read.stopped }], notes: [] }];
    return read;
  } catch (error) {
    if (error instanceof TooLargeError) {
      return [
        {
          objects: [],
          errors: [
            { file: display, message: `more than ${formatBytes(error.maxBytes)}: not read; split the input` },
          ],
          notes: [],
        },
      ];
    }
    throw error;
  }
}

/** A file handed to `LoadOptions.parseFile`: its size, and its results once parsed. */
interface ParsedFile {
  bytes: number;
  results: Promise<{ results: SourceResult[] } | { error: unknown }>;
}

/** A file named on the command line that holds nothing to assess is an error, not a pass. */
function explicitNothing(bytes: number, results: SourceResult[], display: string): InputError | undefined {
  if (results.some((r) => r.objects.length || r.errors.length || r.notes.length)) return undefined;
  return {
    file: display,
    message:
      bytes === 0
        ? 'the file is empty: nothing to assess'
        : 'the file holds no Kubernetes object (only comments or empty documents)',
  };
}

/** Reads every input into one inventory. Throws InputPathError for an input that cannot be used at all. */
export async function loadInventory(
  inputs: readonly string[],
  options: LoadOptions = {},
): Promise<Inventory> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const units = await planReads(inputs, cwd, options);
  const objects: InventoryObject[] = [];
  const errors: InputError[] = [];
  const notes: InputNote[] = [];
  const cluster: ClusterFacts = { nodes: [], forbidden: [] };
  /** What each folder INPUT gave: a folder with no object and no error at all is an input that read nothing. */
  const folders = new Map<string, { objects: number; errors: number; notes: InputNote[] }>();
  const add = (read: SourceResult, folder?: string): void => {
    const result = options.adopt ? options.adopt(read) : read;
    for (const o of result.objects) objects.push(o);
    errors.push(...result.errors);
    notes.push(...result.notes);
    if (result.cluster) mergeCluster(cluster, result.cluster);
    if (folder === undefined) return;
    const tally = folders.get(folder) ?? { objects: 0, errors: 0, notes: [] };
    tally.objects += result.objects.length;
    tally.errors += result.errors.length;
    tally.notes.push(...result.notes);
    folders.set(folder, tally);
  };

  // Reads run ahead of parsing, a bounded number at a time; results are taken in order.
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const reads = new Map<number, Promise<Buffer | NodeJS.ErrnoException | ParsedFile>>();
  const startRead = (i: number): void => {
    const unit = units[i];
    if (unit?.kind !== 'file' || unit.stream || reads.has(i)) return;
    const { parseFile } = options;
    const read = fs.readFile(unit.entry.abs).catch((error: NodeJS.ErrnoException) => error);
    reads.set(
      i,
      parseFile
        ? read.then((buf) =>
            buf instanceof Error
              ? buf
              : {
                  bytes: buf.length,
                  // Caught here and rethrown when the file's turn comes, like a parse on the spot.
                  results: parseFile(buf, {
                    abs: unit.entry.abs,
                    display: unit.entry.display,
                    walked: !unit.explicit,
                    progress: inFile(unit.entry.display, buf.length),
                  }).then(
                    (results) => ({ results }),
                    (error: unknown) => ({ error }),
                  ),
                },
          )
        : read,
    );
  };
  const fileCount = units.filter((u) => u.kind === 'file').length;
  let filesDone = 0;
  const clock = options.clock ?? Date.now;
  const started = clock();
  let lastProgress = started;
  const progress = (): void => {
    if (!options.onProgress || fileCount < 20) return;
    const now = clock();
    if (now - lastProgress < 250 && filesDone < fileCount) return;
    lastProgress = now;
    // A count and a rate, once there is a second to measure it over.
    const seconds = (now - started) / 1000;
    const rate = seconds >= 1 ? `, ${Math.round(objects.length / seconds).toLocaleString('en-US')}/s` : '';
    options.onProgress(
      `reading manifests: ${filesDone.toLocaleString('en-US')}/${fileCount.toLocaleString('en-US')} files, ${objects.length.toLocaleString('en-US')} objects${rate}`,
    );
  };

  let nextRead = 0;
  for (let i = 0; i < units.length; i++) {
    for (nextRead = Math.max(nextRead, i); nextRead < units.length && reads.size < concurrency; nextRead++) {
      startRead(nextRead);
    }
    const unit = units[i] as Unit;
    if (unit.kind === 'result') {
      add(unit.result, unit.folder);
    } else if (unit.kind === 'stdin') {
      let read: SourceResult[] | Buffer;
      try {
        read = await readStream(options.stdin ?? process.stdin, '-');
      } catch (error) {
        throw new InputPathError('-', `-: cannot read standard input: ${errorMessage(error)}`);
      }
      // An empty pipe usually means the command before it failed: an empty report must not look like a pass.
      if (
        Buffer.isBuffer(read) &&
        read.toString('utf8', 0, Math.min(read.length, 4096)).trim() === '' &&
        read.length < 4096
      ) {
        throw new InputPathError('-', STDIN_EMPTY);
      }
      for (const result of Buffer.isBuffer(read) ? parseBuffer(read, '-', false) : read) add(result);
    } else if (unit.kind === 'source') {
      try {
        add(await unit.read(), unit.folder);
      } catch (error) {
        if (error instanceof InputPathError) throw error;
        if (unit.explicit) throw new InputPathError(unit.display, `${unit.display}: ${errorMessage(error)}`);
        add(
          { objects: [], errors: [{ file: unit.display, message: errorMessage(error) }], notes: [] },
          unit.folder,
        );
      }
    } else {
      for (const result of await readFileUnit(unit, i)) add(result, unit.folder);
      filesDone++;
      progress();
    }
  }

  for (const [folder, tally] of folders) {
    if (tally.objects > 0 || tally.errors > 0) continue;
    const why = tally.notes.slice(0, 2).map((n) => `${n.file}: ${n.message}`);
    throw new InputPathError(
      folder,
      `${folder}: the folder holds no Kubernetes object${why.length ? ` (${why.join('; ')}${tally.notes.length > 2 ? '; …' : ''})` : ''}`,
    );
  }
  return { objects, errors, notes, cluster };

  /**
   * Progress inside one file (a 200 MB dump is one file): bytes parsed and objects, throttled. The parse
   * holds the event loop, so the CLI's spinner draws these from its update call.
   */
  function inFile(display: string, totalBytes: number): FileProgress | undefined {
    const say = options.onProgress;
    if (!say) return undefined;
    const before = objects.length;
    let last = clock();
    if (totalBytes >= SAY_PARSING_BYTES) say(`reading ${display}: parsing ${formatBytes(totalBytes)}`);
    return (bytesDone, fileObjects) => {
      const now = clock();
      if (now - last < PROGRESS_MS) return;
      last = now;
      const percent = Math.min(100, Math.floor((bytesDone / Math.max(1, totalBytes)) * 100));
      say(
        `reading ${display}: ${percent}% of ${formatBytes(totalBytes)}, ${(before + fileObjects).toLocaleString('en-US')} objects`,
      );
    };
  }

  async function readFileUnit(unit: Extract<Unit, { kind: 'file' }>, i: number): Promise<SourceResult[]> {
    const { display } = unit.entry;
    let read: Buffer | NodeJS.ErrnoException | SourceResult[] | ParsedFile;
    if (unit.stream) {
      // A named pipe (`<(kubectl get …)` or mkfifo) gives nothing until its writer does: say so.
      options.onProgress?.(`reading ${display} (a pipe or device): waiting for its writer`);
      try {
        read = await readStream(createReadStream(unit.entry.abs), display);
      } catch (error) {
        read = error as NodeJS.ErrnoException;
      }
    } else {
      startRead(i);
      read = await (reads.get(i) as Promise<Buffer | NodeJS.ErrnoException | ParsedFile>);
      reads.delete(i);
    }
    if (read instanceof Error) {
      const reason = `cannot be read: ${plainFsError(read)}`;
      if (unit.explicit) throw new InputPathError(display, `${display}: ${reason}`);
      return [{ objects: [], errors: [{ file: display, message: reason }], notes: [] }];
    }
    if (Array.isArray(read)) return read;
    let results: SourceResult[];
    if (Buffer.isBuffer(read))
      results = parseBuffer(read, display, !unit.explicit, undefined, inFile(display, read.length));
    else {
      const parsed = await read.results;
      if ('error' in parsed) throw parsed.error;
      results = parsed.results;
    }
    const nothing = unit.explicit
      ? explicitNothing(Buffer.isBuffer(read) ? read.length : read.bytes, results, display)
      : undefined;
    return nothing ? [...results, { objects: [], errors: [nothing], notes: [] }] : results;
  }
}
