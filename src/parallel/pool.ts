// The main thread's side of the parallel pipeline (docs/architecture.md, "Parallel assess"): hands files
// and document ranges to worker threads (or to an in-thread ThreadCore for small inputs), keeps the slim
// objects they send back, and later asks the same threads to run the per-object rules on what they kept.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Inventory } from '../model/types.js';
import type { ObjectChecksInput, ObjectFinding } from '../rules/engine.js';
import { documentRanges } from '../sources/big.js';
import { type FileProgress, textProblem } from '../sources/index.js';
import type { SourceResult } from '../sources/result.js';
import { SlimItem } from '../sources/slim.js';
import {
  type CheckJob,
  type ChunkFindings,
  type ParsedChunk,
  type ParsedResult,
  type ParseJob,
  type RunConfig,
  type SlimRow,
  ThreadCore,
} from './core.js';

export interface PoolOptions {
  /** Worker threads; 0 runs everything in this thread. @default the CPUs available, at most 4 */
  threads?: number;
  /** Inputs smaller than this (in all) are parsed in this thread: starting a worker costs more. @default 8 MiB */
  minThreadBytes?: number;
  /** A named multi-document YAML file from this size on is cut into document ranges. @default 4 MiB */
  splitBytes?: number;
  /** About how big a document range is. @default an eighth of the file per thread, 1 to 32 MiB */
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

export class Pool {
  private readonly local = new ThreadCore();
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Each chunk's thread, the slim objects it sent (in order), and its findings so far. */
  private readonly chunks = new Map<number, { thread: number; items: SlimItem[]; found: ChunkFindings[] }>();
  private readonly produced = new WeakSet<SourceResult>();
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
  }

  /** `LoadOptions.parseFile`: a file's bytes to slim results, parsed by a thread that keeps the objects. */
  readonly parseFile = (
    buf: Buffer,
    file: { abs: string; display: string; walked: boolean; progress?: FileProgress | undefined },
  ): Promise<SourceResult[]> => {
    // Not async, and `buf` is not used past this call: the bytes are let go while the threads parse.
    const bytes = buf.length;
    this.seenBytes += bytes;
    const threaded =
      this.maxThreads > 0 &&
      (this.threads.length > 0 || buf.length >= this.minThreadBytes || this.seenBytes >= this.minThreadBytes);
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
      this.chunks.set(job.chunk, { thread, items: [], found: [] });
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

  /** `LoadOptions.adopt`: objects read in this thread (standard input, archives, bundles) are kept whole by
   * the in-thread core and replaced by slim copies, as a worker's are. */
  readonly adopt = (result: SourceResult): SourceResult => {
    if (this.produced.has(result) || result.objects.length === 0) return result;
    const chunk = this.nextChunk++;
    this.chunks.set(chunk, { thread: LOCAL, items: [], found: [] });
    const parsed = this.local.ingest(chunk, undefined, [result], undefined, this.run);
    const [slim] = this.toResults(parsed, undefined);
    const items = (slim as SourceResult).objects.map((o, i) =>
      SlimItem.of(result.objects[i] as SourceResult['objects'][number], o.object),
    );
    (this.chunks.get(chunk) as { items: SlimItem[] }).items = items;
    return { ...result, objects: items };
  };

  /**
   * Runs every per-object rule where the objects are kept, with the indexes and counted workloads built
   * from the whole inventory. Findings per active rule, with each object's inventory position; a rule
   * that throws is reported through `onRuleError` with the main thread's object.
   */
  async check(
    inventory: Inventory,
    input: ObjectChecksInput,
    ruleCount: number,
    onRuleError?: (ruleId: string, item: SlimItem | undefined, error: Error) => void,
  ): Promise<ObjectFinding[][]> {
    const positions = new Map<unknown, number>();
    for (const [i, o] of inventory.objects.entries()) positions.set(o, i);
    const byThread = new Map<number, CheckJob['chunks']>();
    for (const [chunk, { thread, items }] of this.chunks) {
      if (items.length === 0) continue;
      const counted = new Uint8Array(items.length);
      for (const [i, item] of items.entries()) counted[i] = input.counted[positions.get(item) ?? -1] ?? 0;
      const list = byThread.get(thread) ?? [];
      list.push({ chunk, counted });
      byThread.set(thread, list);
    }
    const common = { run: this.run, indexes: input.indexes, skipped: [...input.skipped] };
    const replies = await Promise.all(
      [...byThread].map(([thread, chunks]) =>
        this.call<ChunkFindings[]>(thread, 'check', { ...common, chunks }),
      ),
    );
    for (const found of replies.flat()) this.chunks.get(found.chunk)?.found.push(found);
    const out: ObjectFinding[][] = Array.from({ length: ruleCount }, () => []);
    for (const { items, found } of this.chunks.values()) {
      for (const { findings, failures } of found) {
        findings.forEach((list, r) => {
          for (const { at, finding } of list) out[r]?.push({ at: positions.get(items[at]) ?? -1, finding });
        });
        for (const f of failures) {
          const error = Object.assign(new Error(f.message), { name: f.name });
          if (f.stack) error.stack = f.stack;
          onRuleError?.(f.ruleId, items[f.at], error);
        }
      }
    }
    return out;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads.length = 0;
  }

  private toResults(parsed: ParsedChunk, file: string | undefined): SourceResult[] {
    const chunk = this.chunks.get(parsed.chunk);
    chunk?.found.push(parsed);
    return parsed.results.map((r: ParsedResult) => {
      const rows = JSON.parse(r.objects) as SlimRow[];
      const objects = rows.map(
        ([object, ref, location, origin, site]) =>
          new SlimItem(object, ref, location, origin, site ? file : undefined, site ?? undefined),
      );
      chunk?.items.push(...objects);
      const result: SourceResult = { objects, errors: r.errors, notes: r.notes };
      if (r.cluster) result.cluster = r.cluster;
      this.produced.add(result);
      return result;
    });
  }

  private pickThread(bytes: number): number {
    if (this.threads.length < this.maxThreads) {
      // A young generation that holds a document range's parsed objects: they die young, instead of
      // filling the old generation between its collections.
      const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 96 } });
      worker.on('message', (reply: { id: number; value?: unknown; error?: Error }) => {
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id);
        if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), reply.error));
        else pending.resolve(reply.value);
      });
      worker.on('error', (error) => this.failAll(error));
      this.threads.push({ worker, bytes: 0 });
    }
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

  private call<T>(thread: number, type: 'parse' | 'check', job: unknown): Promise<T> {
    if (thread === LOCAL) {
      // Copied both ways as a thread's messages are, so the in-thread path gives what a worker gives.
      return new Promise<T>((resolve, reject) =>
        setImmediate(() => {
          try {
            const copy = structuredClone(job);
            const value =
              type === 'parse' ? this.local.parse(copy as ParseJob) : this.local.check(copy as CheckJob);
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
      (this.threads[thread] as Thread).worker.postMessage({ id, type, job });
    });
  }
}
