// What a parsing thread does (docs/architecture.md, "Parallel assess"). Phase 1: parse a file or a byte
// range of one, run the per-object rules that need nothing but the object on the whole objects, and keep
// each object slim, as JSON text; the main thread gets the same slim objects. Phase 2: run the per-object
// rules that need the whole inventory (indexes, counted workloads) on the kept objects, with what the main
// thread built. The same code runs in worker threads (./worker.ts) and in the main thread for small inputs
// (./pool.ts), behind messages copied the same way, so both give the same results.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { type Catalog, type LoadCatalogOptions, loadCatalog } from '../catalog/index.js';
import type { FieldLocator, InventoryObject, Severity } from '../model/types.js';
import type { RuleContext } from '../rules/define.js';
import {
  deferredKinds,
  type ObjectChecksInput,
  type ObjectFinding,
  type RunOptions,
  runObjectChecks,
} from '../rules/engine.js';
import { registry } from '../rules/index.js';
import { BIG_FILE_BYTES, type ByteRange, shiftLines } from '../sources/big.js';
import { parseBuffer } from '../sources/index.js';
import { parseManifestText } from '../sources/manifest.js';
import type { SourceResult } from '../sources/result.js';
import { type ByteSite, byteSitesOf, SlimItem, slimObject } from '../sources/slim.js';
import { collectIfGrown } from './gc.js';

/** The run the rules are part of. */
export interface RunConfig {
  targetVersion: string;
  /** The run's clock, as epoch milliseconds. */
  now: number;
  catalog: LoadCatalogOptions;
  disabled: string[];
  severityOverrides: Array<[string, Severity]>;
}

export interface ParseJob {
  chunk: number;
  /** Absolute path of the file (its bytes are read here, so the main thread need not keep them). */
  file: string;
  display: string;
  walked: boolean;
  /** A byte range of multi-document YAML; the whole file (as `parseBuffer` reads it) when absent. */
  range?: ByteRange;
  run: RunConfig;
}

/** One source result of a chunk, its objects as a JSON array of `SlimRow`s. */
export interface ParsedResult {
  objects: string;
  errors: SourceResult['errors'];
  notes: SourceResult['notes'];
  cluster?: SourceResult['cluster'];
}

export type SlimRow = [
  object: InventoryObject['object'],
  ref: InventoryObject['ref'],
  location: InventoryObject['location'],
  origin: InventoryObject['origin'],
  site: ByteSite | null,
];

export interface RuleFailure {
  ruleId: string;
  chunk: number;
  /** Position of the object in its chunk, -1 for none. */
  at: number;
  name: string;
  message: string;
  stack?: string;
}

/** Findings per active rule (registry order), with the object's position in its chunk. */
export interface ChunkFindings {
  chunk: number;
  findings: ObjectFinding[][];
  failures: RuleFailure[];
}

export interface ParsedChunk extends ChunkFindings {
  results: ParsedResult[];
}

export interface CheckJob {
  run: RunConfig;
  indexes: Map<string, unknown>;
  skipped: string[];
  /** The chunks to check, each with its counted-workload flags (by position in the chunk). */
  chunks: Array<{ chunk: number; counted: Uint8Array }>;
}

const BOM = [0xef, 0xbb, 0xbf];

function startsWithBom(buf: Buffer): boolean {
  return BOM.every((b, i) => buf[i] === b);
}

function readRange(file: string, range: ByteRange): Buffer {
  const buf = Buffer.allocUnsafe(range.end - range.start);
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, range.start + read);
      if (n === 0) throw new Error(`${file} is shorter than when it was first read`);
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf;
}

interface Kept {
  /** The file whose bytes the sites point into. */
  file: string | undefined;
  rows: string[];
  kinds: string[];
  /** Locators of objects read in this thread without a file (standard input, archives). */
  locators?: Array<FieldLocator | undefined>;
}

export class ThreadCore {
  /** Each chunk's objects, slim, as JSON text (a third of the memory of the parsed objects). */
  private readonly kept = new Map<number, Kept>();
  private readonly catalogs = new Map<string, Catalog>();

  parse(job: ParseJob): ParsedChunk {
    let results: SourceResult[];
    let sites: Array<Array<ByteSite | undefined>>;
    if (job.range) {
      const buf = readRange(job.file, job.range);
      const detail = parseManifestText(buf.toString('utf8'), job.display);
      results = [shiftLines(detail, job.range.lineOffset)];
      const bom = job.range.start === 0 && startsWithBom(buf);
      sites = [byteSitesOf(detail.objects, job.range.start, job.range.lineOffset, bom)];
    } else {
      const buf = readFileSync(job.file);
      results = parseBuffer(buf, job.display, job.walked);
      // Pieces of a big file are wrapped to parse on their own: their offsets are not the file's.
      sites =
        buf.length < BIG_FILE_BYTES
          ? results.map((r) => byteSitesOf(r.objects, 0, 0, startsWithBom(buf)))
          : results.map((r) => r.objects.map(() => undefined));
    }
    return this.ingest(job.chunk, job.file, results, sites, job.run);
  }

  /**
   * Phase 1 on parsed results: the rules that need only the object run on the whole objects, which are
   * then kept slim. Results with no sites (read in this thread from no file) keep their locators.
   */
  ingest(
    chunk: number,
    file: string | undefined,
    results: SourceResult[],
    sites: Array<Array<ByteSite | undefined>> | undefined,
    run: RunConfig,
  ): ParsedChunk {
    const items = results.flatMap((r) => r.objects);
    const { findings, failures } = this.runChecks(chunk, items, run, 'local');
    const kept: Kept = { file, rows: [], kinds: [] };
    if (!sites) kept.locators = items.map((o) => o.locate);
    this.kept.set(chunk, kept);
    const parsed = results.map((result, r): ParsedResult => {
      const start = kept.rows.length;
      for (const [i, o] of result.objects.entries()) {
        const row: SlimRow = [slimObject(o.object), o.ref, o.location, o.origin, sites?.[r]?.[i] ?? null];
        kept.rows.push(JSON.stringify(row));
        kept.kinds.push(o.ref.kind);
      }
      const out: ParsedResult = {
        objects: `[${kept.rows.slice(start).join(',')}]`,
        errors: result.errors,
        notes: result.notes,
      };
      if (result.cluster) out.cluster = result.cluster;
      return out;
    });
    return { chunk, results: parsed, findings, failures };
  }

  /** Phase 2: the rules that need the whole inventory, on the kept objects; then they are let go. */
  check(job: CheckJob): ChunkFindings[] {
    const kinds = deferredKinds(registry, { disabled: new Set(job.run.disabled) });
    return job.chunks.map(({ chunk, counted }) => {
      const kept = this.kept.get(chunk);
      this.kept.delete(chunk);
      // Only the objects a deferred rule looks at are rebuilt: counted workloads and the kinds it names
      // (most Pods and ReplicaSets of a dump are copies their controller speaks for).
      const chosen: number[] = [];
      for (let i = 0; i < (kept?.rows.length ?? 0); i++)
        if (counted[i] === 1 || kinds.has(kept?.kinds[i] as string)) chosen.push(i);
      const items = chosen.map((i) => {
        const [object, ref, location, origin, site] = JSON.parse(kept?.rows[i] as string) as SlimRow;
        const locator = kept?.locators?.[i];
        if (locator) return SlimItem.of({ object, ref, location, origin, locate: locator }, object);
        return new SlimItem(object, ref, location, origin, site ? kept?.file : undefined, site ?? undefined);
      });
      const input: ObjectChecksInput = {
        indexes: job.indexes,
        skipped: new Set(job.skipped),
        counted: Uint8Array.from(chosen, (i) => counted[i] ?? 0),
      };
      const { findings, failures } = this.runChecks(chunk, items, job.run, 'deferred', input);
      for (const list of findings) for (const f of list) f.at = chosen[f.at] as number;
      for (const f of failures) if (f.at >= 0) f.at = chosen[f.at] as number;
      collectIfGrown();
      return { chunk, findings, failures };
    });
  }

  private runChecks(
    chunk: number,
    items: InventoryObject[],
    run: RunConfig,
    which: 'local' | 'deferred',
    input: ObjectChecksInput = { indexes: new Map(), skipped: new Set(), counted: new Uint8Array(0) },
  ): { findings: ObjectFinding[][]; failures: RuleFailure[] } {
    const failures: RuleFailure[] = [];
    const position = new Map(items.map((o, i) => [o, i]));
    const options: RunOptions = {
      disabled: new Set(run.disabled),
      severityOverrides: new Map(run.severityOverrides),
      onRuleError: (ruleId, item, error) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const failure: RuleFailure = {
          ruleId,
          chunk,
          at: item ? (position.get(item) ?? -1) : -1,
          name: e.name,
          message: e.message,
        };
        if (e.stack) failure.stack = e.stack;
        failures.push(failure);
      },
    };
    const findings = runObjectChecks(registry, items, this.context(run), input, 0, options, which);
    return { findings, failures };
  }

  private context(run: RunConfig): RuleContext {
    const key = JSON.stringify(run.catalog);
    let catalog = this.catalogs.get(key);
    if (!catalog) {
      catalog = loadCatalog(run.catalog);
      this.catalogs.set(key, catalog);
    }
    return { targetVersion: run.targetVersion, catalog, now: new Date(run.now) };
  }
}
