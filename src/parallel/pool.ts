// The main thread's side of the parallel pipeline (docs/architecture.md, "Parallel assess"): hands files
// and document ranges to worker threads (or to an in-thread ThreadCore for small inputs) and keeps the slim
// objects they send back; then stops them, and has fresh threads run the per-object rules that need the whole
// inventory on the slim objects those rules look at.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { givePodFacts } from '../model/pod-facts.js';
import type { FieldLocator, Inventory } from '../model/types.js';
import { deferredKinds, type ObjectChecksInput, type ObjectFinding } from '../rules/engine.js';
import { registry } from '../rules/index.js';
import { documentRanges } from '../sources/big.js';
import { type FileProgress, type ListPieceParser, textProblem } from '../sources/index.js';
import type { SourceResult } from '../sources/result.js';
import { forgetReadTexts, headOnlyObject, SlimItem } from '../sources/slim.js';
import {
  type CheckedRows,
  type CheckJob,
  type CheckRow,
  type CheckSetup,
  type ChunkFindings,
  type ParsedChunk,
  type ParsedResult,
  type ParseJob,
  type RuleFailure,
  type RunConfig,
  type SlimRow,
  ThreadCore,
} from './core.js';

export interface PoolOptions {
  /** Worker threads; 0 runs everything in this thread. @default the CPUs available, at most 4 */
  threads?: number;
  /** Inputs smaller than this (in all) are parsed in this thread: starting a worker costs more. @default 8 MiB */
  minThreadBytes?: number;
  /**
   * A named multi-document YAML file from this size on is cut into document ranges, and a JSON List into
   * pieces of items. @default 4 MiB
   */
  splitBytes?: number;
  /**
   * About how big a document range or a piece of a JSON List is.
   * @default an eighth of the file per thread, 1 to 4 MiB (a range); 8 MiB (a piece)
   */
  pieceBytes?: number;
}

interface Thread {
  worker: Worker;
  /** Bytes handed to it so far: the next file goes to the least loaded. */
  bytes: number;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const LOCAL = -1;
const WORKER_URL = new URL('./worker.js', import.meta.url);
const MIB = 1024 * 1024;
/**
 * The young generation of a parsing thread holds a document range's parsed objects: they die young instead
 * of filling the old generation between its collections. A phase-2 thread's batches are small, and its
 * young generation is memory the run's peak would pay for.
 */
const PARSE_YOUNG_MB = 96;
const PHASE_TWO_YOUNG_MB = 16;
/**
 * About how many bytes of a big JSON List each piece a thread parses holds (read in this thread, a piece holds
 * json-list.ts's LIST_PIECE_BYTES), and how many are in flight.
 */
const THREAD_PIECE_BYTES = 8 * MIB;
const LIST_PIECES_IN_FLIGHT = 4;
/** About how many bytes of rows one phase-2 message carries. */
const BATCH_BYTES = MIB;

export class Pool {
  private readonly local = new ThreadCore();
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Each chunk's slim objects (in order) and its phase-1 findings. */
  private readonly chunks = new Map<number, { items: SlimItem[]; found: ChunkFindings }>();
  /** Whether the objects were parsed in worker threads: phase 2 then runs in worker threads too. */
  private threaded = false;
  private readonly produced = new WeakSet<SourceResult>();
  /** The rows a thread wrote of the objects phase 2 will check (`ParsedResult.checkRows`), until sent. */
  private readonly checkRows = new WeakMap<SlimItem, string>();
  /** One copy of each repeated name (`shareNames`). */
  private readonly names = new Map<string, string>();
  private nextChunk = 0;
  private nextId = 0;
  private seenBytes = 0;
  private readonly maxThreads: number;
  private readonly minThreadBytes: number;
  private readonly splitBytes: number;
  private readonly pieceBytes: number | undefined;

  constructor(
    private readonly run: RunConfig,
    options: PoolOptions = {},
  ) {
    // Run from the TypeScript sources (tests), there is no compiled worker to start: everything stays here.
    const compiled = existsSync(fileURLToPath(WORKER_URL));
    this.maxThreads = compiled ? (options.threads ?? Math.min(4, availableParallelism())) : 0;
    this.minThreadBytes = options.minThreadBytes ?? 8 * MIB;
    this.splitBytes = options.splitBytes ?? 4 * MIB;
    this.pieceBytes = options.pieceBytes;
    this.parseListPiece.pieceBytes = options.pieceBytes ?? THREAD_PIECE_BYTES;
    forgetReadTexts();
  }

  /** `LoadOptions.parseFile`: a file's bytes to slim results, parsed by a thread (phase 1 runs there). */
  readonly parseFile = (
    buf: Buffer,
    file: { abs: string; display: string; walked: boolean; progress?: FileProgress | undefined },
  ): Promise<SourceResult[]> => {
    // Not async, and `buf` is not used past this call: the bytes are let go while the threads parse.
    const bytes = buf.length;
    this.seenBytes += bytes;
    // A thread takes about half a second to load its modules: they start now, while this one cuts the file.
    const threaded = this.useThreads();
    const ranges =
      threaded && !file.walked && buf.length >= this.splitBytes && textProblem(buf) === undefined
        ? documentRanges(
            buf,
            this.pieceBytes ?? Math.max(MIB, Math.min(4 * MIB, Math.ceil(bytes / (8 * this.maxThreads)))),
          )
        : undefined;
    const base = { file: file.abs, display: file.display, walked: file.walked, run: this.run };
    const jobs: ParseJob[] = ranges
      ? ranges.map((range) => ({ ...base, chunk: this.nextChunk++, range }))
      : [{ ...base, chunk: this.nextChunk++ }];
    const done = { bytes: 0, objects: 0 };
    const parts = jobs.map((job) => {
      const thread = threaded ? this.pickThread(job.range ? job.range.end - job.range.start : bytes) : LOCAL;
      return this.call<ParsedChunk>(thread, 'parse', job).then((parsed) => {
        const results = this.toResults(parsed, file.abs);
        // Ranges finish out of order: what is done so far, in bytes and objects.
        done.bytes += job.range ? job.range.end - job.range.start : bytes;
        for (const r of results) done.objects += r.objects.length;
        file.progress?.(done.bytes, done.objects);
        return results;
      });
    });
    return Promise.all(parts).then((results) => results.flat());
  };

  /**
   * `LoadOptions.parseListPiece`: the pieces of a kubectl JSON List read item by item go to the threads as
   * text, a few at a time; their objects come back slim and located in the file, as a YAML range's do.
   */
  readonly parseListPiece: ListPieceParser = {
    inFlight: LIST_PIECES_IN_FLIGHT,
    parse: (piece, file) => {
      const bytes = piece.body.byteLength;
      this.seenBytes += bytes;
      const thread = this.useThreads() ? this.pickThread(bytes) : LOCAL;
      const { abs, display, walked } = file;
      const job: ParseJob = { file: abs, display, walked, chunk: this.nextChunk++, run: this.run, piece };
      // The piece's bytes move to the thread (not copied): this thread has no more use for them.
      return this.call<ParsedChunk>(thread, 'parse', job, undefined, [piece.body.buffer as ArrayBuffer]).then(
        (parsed) => this.toResults(parsed, abs)[0] as SourceResult,
      );
    },
  };

  /**
   * `LoadOptions.bigJsonBytes`: a JSON List from this size on is read in pieces the threads parse (below it,
   * a file too small to cut goes whole to one thread, or stays in this one).
   */
  get bigJsonBytes(): number {
    return Math.max(this.splitBytes, this.minThreadBytes);
  }

  /**
   * `LoadOptions.adopt`: objects read in this thread (standard input, archives, bundles) go through phase 1
   * in this thread and are replaced by slim copies, as a worker's are, that locate through their originals.
   */
  readonly adopt = (result: SourceResult): SourceResult => {
    // A big JSON List's pieces come back from the threads slim, merged into one result of the file.
    if (this.produced.has(result) || result.objects.every((o) => o instanceof SlimItem)) return result;
    const chunk = this.nextChunk++;
    const parsed = this.local.ingest(chunk, [result], undefined, this.run, false);
    const [slim] = this.toResults(parsed, undefined);
    const items = (slim as SourceResult).objects.map((o, i) =>
      SlimItem.of(result.objects[i] as SourceResult['objects'][number], o.object),
    );
    (this.chunks.get(chunk) as { items: SlimItem[] }).items = items;
    return { ...result, objects: items };
  };

  /**
   * Between the phases: stops the threads that parsed (their heaps grew with every document range they
   * parsed; a thread's memory goes back only when it ends) and starts fresh ones for phase 2, which load
   * their modules while this thread builds the rules' indexes. One fewer than parsed: this thread runs the
   * cross-object rules, the source guess and the namespace facts meanwhile, about as much work as phase 2
   * (with as many threads as cores, the three shared two cores on the benchmark machine and this thread,
   * whose work comes last, finished later).
   */
  async restartThreads(): Promise<void> {
    await this.close();
    if (!this.threaded) return;
    for (let i = 0; i < Math.max(1, this.maxThreads - 1); i++) this.startThread(PHASE_TWO_YOUNG_MB);
  }

  /**
   * Every per-object rule's findings (per active rule, each with its object's inventory position): phase 1's,
   * and phase 2's, run on the objects phase-2 rules look at (counted workloads and the kinds they name) with
   * the indexes and counted workloads built from the whole inventory. A rule that throws is reported through
   * `onRuleError` with this thread's object.
   */
  async check(
    inventory: Inventory,
    input: ObjectChecksInput,
    ruleCount: number,
    onRuleError?: (ruleId: string, item: SlimItem | undefined, error: Error) => void,
  ): Promise<ObjectFinding[][]> {
    const objects = inventory.objects as SlimItem[];
    const out: ObjectFinding[][] = Array.from({ length: ruleCount }, () => []);
    const fail = (f: RuleFailure, item: SlimItem | undefined) => {
      const error = Object.assign(new Error(f.message), { name: f.name });
      if (f.stack) error.stack = f.stack;
      onRuleError?.(f.ruleId, item, error);
    };
    const positions = new Map<unknown, number>();
    for (const [i, o] of objects.entries()) positions.set(o, i);
    for (const { items, found } of this.chunks.values()) {
      found.findings.forEach((list, r) => {
        for (const { at, finding } of list)
          out[r]?.push(this.shareTexts({ at: positions.get(items[at]) ?? -1, finding }));
      });
      for (const f of found.failures) fail(f, items[f.at]);
    }

    // Phase 2's objects, as rows in batches of about a megabyte: a thread holds one batch parsed at a time.
    // Those read from a file go to the worker threads (batches in file order, to each thread in turn),
    // those that locate through an original this thread keeps are checked here. Every batch is posted now:
    // this thread is about to run the cross-object rules, and cannot answer a thread that asks for more.
    const kinds = deferredKinds(registry, { disabled: new Set(this.run.disabled) });
    const files: string[] = [];
    const fileIndex = new Map<string, number>();
    const shared: number[] = [];
    const here: number[] = [];
    for (const [at, item] of objects.entries()) {
      if (input.counted[at] !== 1 && !kinds.has(item.ref.kind)) continue;
      const onFile = item.file !== undefined && item.site !== undefined;
      if (onFile && !fileIndex.has(item.file as string))
        fileIndex.set(item.file as string, files.push(item.file as string) - 1);
      (onFile && this.threads.length > 0 ? shared : here).push(at);
    }
    const setup: CheckSetup = { run: this.run, indexes: input.indexes, skipped: [...input.skipped], files };
    const locators = (at: number): FieldLocator | undefined => {
      const item = objects[at];
      // An object read from no file locates through the original this thread keeps.
      return item && !(item.file && item.site) ? (path) => item.locate(path) : undefined;
    };
    const replies: Array<Promise<CheckedRows>> = [];
    const setUp = (thread: number) =>
      replies.push(
        this.call<CheckedRows>(thread, 'setup', setup).then(() => ({ findings: [], failures: [] })),
      );
    // Batches go to the threads in turn: the cost of an object differs along a file, halves would not.
    const send = (list: number[], threads: number[]) => {
      if (list.length === 0) return;
      for (const thread of threads) setUp(thread);
      let batch: string[] = [];
      let bytes = 0;
      let posted = 0;
      const post = () => {
        const thread = threads[posted++ % threads.length] as number;
        replies.push(this.call<CheckedRows>(thread, 'check', { rows: `[${batch.join(',')}]` }, locators));
        batch = [];
        bytes = 0;
      };
      for (const at of list) {
        const item = objects[at] as SlimItem;
        const counted = input.counted[at] === 1 ? 1 : 0;
        const file = item.file === undefined ? -1 : (fileIndex.get(item.file) ?? -1);
        // The row the parsing thread wrote, with the rest of a check row after it; or written here.
        const written = this.checkRows.get(item);
        this.checkRows.delete(item);
        const text =
          written !== undefined
            ? `${written.slice(0, -1)},${at},${counted},${file}]`
            : JSON.stringify([
                item.object,
                item.ref,
                item.location,
                item.origin,
                item.site ?? null,
                at,
                counted,
                file,
              ] satisfies CheckRow);
        batch.push(text);
        bytes += text.length;
        if (bytes >= BATCH_BYTES) post();
      }
      if (batch.length > 0) post();
    };
    send(here, [LOCAL]);
    send(
      shared,
      this.threads.map((_, t) => t),
    );
    for (const { findings, failures } of await Promise.all(replies)) {
      for (const [r, list] of findings.entries()) for (const f of list) out[r]?.push(this.shareTexts(f));
      for (const f of failures) fail(f, objects[f.at]);
    }
    return out;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads.length = 0;
  }

  private toResults(parsed: ParsedChunk, file: string | undefined): SourceResult[] {
    // Only the findings stay: the results' JSON texts (as big as the slim objects) die once parsed here.
    const chunk = {
      items: [] as SlimItem[],
      found: { chunk: parsed.chunk, findings: parsed.findings, failures: parsed.failures },
    };
    this.chunks.set(parsed.chunk, chunk);
    return parsed.results.map((r: ParsedResult) => {
      const rows = JSON.parse(r.objects) as SlimRow[];
      const objects = rows.map(([object, ref, location, origin, site, headOnly]) => {
        this.shareNames(object, ref, location);
        if (!site || !file) return new SlimItem(object, ref, location, origin);
        if (!headOnly) return new SlimItem(object, ref, location, origin, file, site);
        const [fields, facts] = headOnly;
        const kept = headOnlyObject(object, fields, file, location.file ?? file, site);
        givePodFacts(kept, facts);
        return new SlimItem(kept, ref, location, origin, file, site);
      });
      chunk.items.push(...objects);
      for (const [at, row] of r.checkRows) this.checkRows.set(objects[at] as SlimItem, row);
      const result: SourceResult = { objects, errors: r.errors, notes: r.notes };
      if (r.cluster) result.cluster = r.cluster;
      this.produced.add(result);
      return result;
    });
  }

  /** One copy of a string many objects or findings repeat (`names`). */
  private one(value: string): string {
    const seen = this.names.get(value);
    if (seen !== undefined) return seen;
    this.names.set(value, value);
    return value;
  }

  /**
   * Makes the strings every object repeats (its file, API version, kind and namespace) one string each:
   * `JSON.parse` makes a new one every time, and 100,000 objects hold several of them.
   */
  private shareNames(object: SlimRow[0], ref: SlimRow[1], location: SlimRow[2]): void {
    const one = (value: string) => this.one(value);
    ref.apiVersion = one(ref.apiVersion);
    ref.kind = one(ref.kind);
    if (ref.namespace !== undefined) ref.namespace = one(ref.namespace);
    if (location.file !== undefined) location.file = one(location.file);
    if (object.apiVersion === ref.apiVersion) object.apiVersion = ref.apiVersion;
    if (object.kind === ref.kind) object.kind = ref.kind;
    const meta = object.metadata;
    if (meta && ref.namespace !== undefined && meta.namespace === ref.namespace)
      meta.namespace = ref.namespace;
  }

  /**
   * A finding from a thread comes with its own copies of its rule's texts (a copied message shares no
   * strings): a big run's findings repeat a few thousand explanations and remediations tens of thousands
   * of times.
   */
  private shareTexts(found: ObjectFinding): ObjectFinding {
    const f = found.finding;
    f.ruleId = this.one(f.ruleId);
    f.explanation = this.one(f.explanation);
    f.remediation = this.one(f.remediation);
    f.docsUrl = this.one(f.docsUrl);
    if (f.location.file !== undefined) f.location.file = this.one(f.location.file);
    return found;
  }

  /**
   * Whether what is read now goes to a worker thread: once threads run, or once the input read so far
   * (`seenBytes`, this file or piece included) is worth starting them for; then all of them are started.
   */
  private useThreads(): boolean {
    if (this.maxThreads === 0 || (this.threads.length === 0 && this.seenBytes < this.minThreadBytes))
      return false;
    while (this.threads.length < this.maxThreads) this.startThread();
    return true;
  }

  private startThread(youngMb = PARSE_YOUNG_MB): void {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
    worker.on('message', (reply: { id: number; value?: unknown; error?: Error }) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), reply.error));
      else pending.resolve(reply.value);
    });
    worker.on('error', (error) => this.failAll(error));
    this.threads.push({ worker, bytes: 0 });
    this.threaded = true;
  }

  private pickThread(bytes: number): number {
    let best = 0;
    for (let i = 1; i < this.threads.length; i++)
      if ((this.threads[i] as Thread).bytes < (this.threads[best] as Thread).bytes) best = i;
    (this.threads[best] as Thread).bytes += bytes;
    return best;
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  private call<T>(
    thread: number,
    type: 'parse' | 'setup' | 'check',
    job: unknown,
    locators?: (at: number) => FieldLocator | undefined,
    transfer?: ArrayBuffer[],
  ): Promise<T> {
    if (thread === LOCAL) {
      // Copied both ways as a thread's messages are, so the in-thread path gives what a worker gives.
      return new Promise<T>((resolve, reject) =>
        setImmediate(() => {
          try {
            const copy = structuredClone(job);
            const value =
              type === 'parse'
                ? this.local.parse(copy as ParseJob)
                : type === 'setup'
                  ? this.local.setupCheck(copy as CheckSetup)
                  : this.local.check(copy as CheckJob, locators);
            resolve(structuredClone(value) as T);
          } catch (error) {
            reject(error as Error);
          }
        }),
      );
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      (this.threads[thread] as Thread).worker.postMessage({ id, type, job }, transfer ?? []);
    });
  }
}
