// What a thread of the pipeline does (docs/architecture.md, "Parallel assess"). Phase 1: parse a file or a
// byte range of one, run the per-object rules that need nothing but the object on the whole objects, and send
// each object slim, as JSON text, to the main thread, keeping nothing. Phase 2: run the per-object rules that
// need the whole inventory (indexes, counted workloads) on the slim objects the main thread sends back, with
// what it built. The same code runs in worker threads (./worker.ts) and in the main thread for small inputs
// (./pool.ts), behind messages copied the same way, so both give the same results.
import { readFileSync } from 'node:fs';
import { type Catalog, type LoadCatalogOptions, loadCatalog } from '../catalog/index.js';
import { type PodFacts, podFactsOf } from '../model/pod-facts.js';
import type { FieldLocator, InventoryObject, Severity } from '../model/types.js';
import { namesController } from '../model/workloads.js';
import type { RuleContext } from '../rules/define.js';
import {
  type ObjectChecksInput,
  type ObjectFinding,
  type RunOptions,
  runObjectChecks,
} from '../rules/engine.js';
import { registry } from '../rules/index.js';
import { BIG_FILE_BYTES, type ByteRange, shiftLines } from '../sources/big.js';
import { parseBuffer, parseListPiece } from '../sources/index.js';
import type { ListPiece } from '../sources/json-list.js';
import { parseManifestText } from '../sources/manifest.js';
import type { SourceResult } from '../sources/result.js';
import {
  type ByteSite,
  byteSitesOf,
  forgetReadTexts,
  readAhead,
  readFileBytes,
  readsBackAlone,
  SlimItem,
  slimObject,
  splitHead,
} from '../sources/slim.js';

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
  /** A piece of a big JSON List (`readBigJsonFile`), its text sent along: read in place of the file. */
  piece?: ListPiece;
  run: RunConfig;
}

/** One source result of a chunk, its objects as a JSON array of `SlimRow`s. */
export interface ParsedResult {
  objects: string;
  errors: SourceResult['errors'];
  notes: SourceResult['notes'];
  cluster?: SourceResult['cluster'];
}

/** An object as rows carry it between the threads. */
type ObjectRow = [
  object: InventoryObject['object'],
  ref: InventoryObject['ref'],
  location: InventoryObject['location'],
  origin: InventoryObject['origin'],
  site: ByteSite | null,
];

export type SlimRow = [
  ...ObjectRow,
  /** Set for a controlled copy sent as its head (`object`): the rest is read again from `site` if needed. */
  headOnly?: [fields: string[], facts: PodFacts | null],
];

export interface RuleFailure {
  ruleId: string;
  /** Position of the object in its chunk (phase 1) or in the inventory (phase 2), -1 for none. */
  at: number;
  name: string;
  message: string;
  stack?: string;
}

/** Per-object findings per active rule (registry order), each with its object's position. */
export interface CheckedRows {
  findings: ObjectFinding[][];
  failures: RuleFailure[];
}

/** Phase 1's findings of a chunk: positions in the chunk. */
export interface ChunkFindings extends CheckedRows {
  chunk: number;
}

export interface ParsedChunk extends ChunkFindings {
  results: ParsedResult[];
}

/** A slim object to check in phase 2: its inventory position, whether it is a counted workload, its file. */
export type CheckRow = [...ObjectRow, at: number, counted: 0 | 1, file: number];

/** What phase 2 needs besides the objects: sent once to each thread, before its batches of rows. */
export interface CheckSetup {
  run: RunConfig;
  indexes: Map<string, unknown>;
  skipped: string[];
  /** The files the rows' sites point into (a row names its file by its place here, -1 for none). */
  files: string[];
}

/** A batch of phase 2's objects: a JSON array of `CheckRow`s. */
export interface CheckJob {
  rows: string;
}

const BOM = [0xef, 0xbb, 0xbf];
/** The most of a file a phase-2 batch reads ahead for locating its findings. */
const READ_AHEAD_BYTES = 16 * 1024 * 1024;

function startsWithBom(buf: Buffer): boolean {
  return BOM.every((b, i) => buf[i] === b);
}

function readRange(file: string, range: ByteRange): Buffer {
  const buf = readFileBytes(file, range.start, range.end);
  if (buf.length < range.end - range.start) throw new Error(`${file} is shorter than when it was first read`);
  return buf;
}

export class ThreadCore {
  private readonly catalogs = new Map<string, Catalog>();
  private setup: CheckSetup | undefined;

  parse(job: ParseJob): ParsedChunk {
    let results: SourceResult[];
    let sites: Array<Array<ByteSite | undefined>>;
    if (job.piece) {
      const { piece } = job;
      results = [parseListPiece(piece, job.display, job.walked)];
      // An item's site lies in the file; one before the piece's first item would be in its made-up header.
      const pieceSites = byteSitesOf(
        (results[0] as SourceResult).objects,
        piece.byteStart,
        piece.lineOffset,
        false,
      );
      sites = [pieceSites.map((site) => (site && site[0] >= piece.itemsStart ? site : undefined))];
    } else if (job.range) {
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
    return this.ingest(job.chunk, results, sites, job.run);
  }

  /** Phase 1 on parsed results: the rules that need only the object run on the whole objects, sent slim. */
  ingest(
    chunk: number,
    results: SourceResult[],
    sites: Array<Array<ByteSite | undefined>> | undefined,
    run: RunConfig,
  ): ParsedChunk {
    const items = results.flatMap((r) => r.objects);
    const { findings, failures } = this.runChecks(items, run, 'local');
    const parsed = results.map((result, r): ParsedResult => {
      const rows = result.objects.map((o, i): SlimRow => {
        const slim = slimObject(o.object);
        const site = sites?.[r]?.[i] ?? null;
        // A Pod or ReplicaSet a controller made is most of a dump's bytes, and the main thread reads only its
        // head and pod facts (unless its controller is missing): the rest stays in the file.
        if (!site || !readsBackAlone(o) || !namesController(slim))
          return [slim, o.ref, o.location, o.origin, site];
        const { head, fields } = splitHead(slim);
        return [head, o.ref, o.location, o.origin, site, [fields, podFactsOf(slim) ?? null]];
      });
      const out: ParsedResult = {
        objects: JSON.stringify(rows),
        errors: result.errors,
        notes: result.notes,
      };
      if (result.cluster) out.cluster = result.cluster;
      return out;
    });
    return { chunk, results: parsed, findings, failures };
  }

  /** Phase 2's indexes, counted workloads and files, for the batches that follow. */
  setupCheck(setup: CheckSetup): void {
    this.setup = setup;
    // The files may have been rewritten since an earlier run in this thread read them.
    forgetReadTexts();
  }

  /**
   * Phase 2 on a batch: the rules that need the whole inventory, on the slim objects sent back. `locators`
   * gives the locator of an object read from no file (in the main thread only: functions do not cross threads).
   */
  check(job: CheckJob, locators?: (at: number) => FieldLocator | undefined): CheckedRows {
    const setup = this.setup;
    if (!setup) throw new Error('phase 2 was not set up in this thread');
    const rows = JSON.parse(job.rows) as CheckRow[];
    const positions: number[] = [];
    const items = rows.map(([object, ref, location, origin, site, at, , file]) => {
      positions.push(at);
      const locator = locators?.(at);
      if (locator) return SlimItem.of({ object, ref, location, origin, locate: locator }, object);
      const path = site ? setup.files[file] : undefined;
      return new SlimItem(object, ref, location, origin, path, path ? (site ?? undefined) : undefined);
    });
    // The batch's objects are in file order: their bytes are read once, for the findings to locate.
    const span = new Map<number, [number, number]>();
    for (const [, , , , site, , , file] of rows) {
      if (!site) continue;
      const [from, to] = span.get(file) ?? [site[0], site[1]];
      span.set(file, [Math.min(from, site[0]), Math.max(to, site[1])]);
    }
    if (span.size === 1)
      for (const [file, [from, to]] of span)
        if (to - from <= READ_AHEAD_BYTES) readAhead(setup.files[file] as string, from, to);
    const input: ObjectChecksInput = {
      indexes: setup.indexes,
      skipped: new Set(setup.skipped),
      counted: Uint8Array.from(rows, (row) => row[6]),
    };
    const { findings, failures } = this.runChecks(items, setup.run, 'deferred', input);
    for (const list of findings) for (const f of list) f.at = positions[f.at] as number;
    for (const f of failures) if (f.at >= 0) f.at = positions[f.at] as number;
    return { findings, failures };
  }

  private runChecks(
    items: InventoryObject[],
    run: RunConfig,
    which: 'local' | 'deferred',
    input: ObjectChecksInput = { indexes: new Map(), skipped: new Set(), counted: new Uint8Array(0) },
  ): CheckedRows {
    const failures: RuleFailure[] = [];
    const position = new Map(items.map((o, i) => [o, i]));
    const options: RunOptions = {
      disabled: new Set(run.disabled),
      severityOverrides: new Map(run.severityOverrides),
      onRuleError: (ruleId, item, error) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const failure: RuleFailure = {
          ruleId,
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
