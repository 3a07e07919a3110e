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
import { countedAlone, namesController } from '../model/workloads.js';
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
import { parseBuffer, parseListPiece } from '../sources/index.js';
import type { ListPiece } from '../sources/json-list.js';
import { parseManifestText } from '../sources/manifest.js';
import type { SourceResult } from '../sources/result.js';
import {
  type ByteSite,
  ByteSites,
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
  /**
   * The rows (as in `objects`) of the objects phase 2 will check, by position in `objects`: the counted
   * workloads this thread can tell (a pod template, no controller named) and the kinds phase-2 rules name.
   * The main thread sends them on as they are rather than writing them again.
   */
  checkRows: Array<[at: number, row: string]>;
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
    if (job.piece) {
      const { piece } = job;
      const result = parseListPiece(piece, job.display, job.walked);
      // An item's site lies in the file; one before the piece's first item would be in its made-up header.
      const sites = byteSitesOf(result.objects, piece.byteStart, piece.lineOffset, false).map((site) =>
        site && site[0] >= piece.itemsStart ? site : undefined,
      );
      return this.ingest(job.chunk, [result], [sites], job.run);
    }
    if (job.range) {
      const { range } = job;
      const buf = readRange(job.file, range);
      const sites = new ByteSites(range.start, range.lineOffset, range.start === 0 && startsWithBom(buf));
      const phase1 = new Phase1(this, job.run);
      const rows = new Rows();
      // Each few documents' objects go through phase 1 as soon as they are read, and are dropped.
      const detail = parseManifestText(buf.toString('utf8'), job.display, undefined, (objects) => {
        shiftLines({ objects, errors: [], notes: [] }, range.lineOffset);
        phase1.take(objects, sites.of(objects), rows);
      });
      const { errors, notes } = shiftLines(detail, range.lineOffset);
      return phase1.chunk(job.chunk, [{ ...rows.done(), errors, notes }]);
    }
    const buf = readFileSync(job.file);
    const results = parseBuffer(buf, job.display, job.walked);
    // Pieces of a big file are wrapped to parse on their own: their offsets are not the file's.
    const sites =
      buf.length < BIG_FILE_BYTES
        ? results.map((r) => byteSitesOf(r.objects, 0, 0, startsWithBom(buf)))
        : undefined;
    return this.ingest(job.chunk, results, sites, job.run);
  }

  /** Phase 1 on parsed results: the rules that need only the object run on the whole objects, sent slim. */
  ingest(
    chunk: number,
    results: SourceResult[],
    sites: Array<Array<ByteSite | undefined>> | undefined,
    run: RunConfig,
    /** False for objects the main thread read itself (and checks itself in phase 2). */
    withCheckRows = true,
  ): ParsedChunk {
    const phase1 = new Phase1(this, run);
    const parsed = results.map((result, r): ParsedResult => {
      const rows = new Rows(withCheckRows);
      phase1.take(result.objects, sites?.[r], rows);
      const out: ParsedResult = { ...rows.done(), errors: result.errors, notes: result.notes };
      if (result.cluster) out.cluster = result.cluster;
      return out;
    });
    return phase1.chunk(chunk, parsed);
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

  /** The rules of one place (`checkPlace`) on `items`; failures with positions in `items`. */
  runChecks(
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

/**
 * Phase 1 on a chunk's objects, handed in a few at a time in chunk order: findings and failures with the
 * objects' positions in the chunk, and each object's slim row.
 */
class Phase1 {
  private readonly findings: ObjectFinding[][] = [];
  private readonly failures: RuleFailure[] = [];
  /** The kinds phase-2 rules name: their objects' rows are written apart (`Rows`). */
  private readonly checkedKinds: ReadonlySet<string>;
  /** Objects taken so far: the chunk position of the next one. */
  private taken = 0;
  constructor(
    private readonly core: ThreadCore,
    private readonly run: RunConfig,
  ) {
    this.checkedKinds = deferredKinds(registry, { disabled: new Set(run.disabled) });
  }

  /** Checks the objects and adds their rows to `rows`. */
  take(objects: InventoryObject[], sites: Array<ByteSite | undefined> | undefined, rows: Rows): void {
    const checked = this.core.runChecks(objects, this.run, 'local');
    checked.findings.forEach((list, r) => {
      const into = this.findings[r] ?? [];
      this.findings[r] = into;
      for (const f of list) {
        f.at += this.taken;
        into.push(f);
      }
    });
    for (const f of checked.failures) {
      if (f.at >= 0) f.at += this.taken;
      this.failures.push(f);
    }
    this.taken += objects.length;
    objects.forEach((o, i) => {
      const slim = slimObject(o.object);
      const site = sites?.[i] ?? null;
      // A Pod or ReplicaSet a controller made is most of a dump's bytes, and the main thread reads only its
      // head and pod facts (unless its controller is missing): the rest stays in the file.
      if (site && readsBackAlone(o) && namesController(slim)) {
        const { head, fields } = splitHead(slim);
        rows.add([head, o.ref, o.location, o.origin, site, [fields, podFactsOf(slim) ?? null]], false);
      } else {
        rows.add(
          [slim, o.ref, o.location, o.origin, site],
          countedAlone(o) === true || this.checkedKinds.has(o.ref.kind),
        );
      }
    });
  }

  chunk(chunk: number, results: ParsedResult[]): ParsedChunk {
    // A chunk with no object still has a (empty) list per rule.
    const findings = this.taken > 0 ? this.findings : this.core.runChecks([], this.run, 'local').findings;
    // As one pass over the whole chunk reports them: rule by rule, each in object order.
    if (this.failures.length > 1) {
      const order = new Map(registry.map((rule, i) => [rule.meta.id, i]));
      this.failures.sort((a, b) => (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0) || a.at - b.at);
    }
    return { chunk, results, findings, failures: this.failures };
  }
}

/**
 * One result's rows, as JSON: the array, and (`withCheckRows`) each row phase 2 will check on its own as well.
 * The other rows are written together, a run at a time: one text per row would cost more (and memory, for an
 * archive). Without check rows (objects the main thread read and checks itself) every row is written together.
 */
class Rows {
  private readonly texts: string[] = [];
  private readonly checkRows: Array<[number, string]> = [];
  /** Rows not written yet, all to be written together. */
  private pending: SlimRow[] = [];
  /** Rows written so far: the position of the next. */
  private written = 0;
  constructor(private readonly withCheckRows = true) {}

  add(row: SlimRow, checked: boolean): void {
    if (!checked || !this.withCheckRows) {
      this.pending.push(row);
      return;
    }
    this.flush();
    const text = JSON.stringify(row);
    this.checkRows.push([this.written++, text]);
    this.texts.push(text);
  }

  done(): Pick<ParsedResult, 'objects' | 'checkRows'> {
    this.flush();
    return { objects: `[${this.texts.join(',')}]`, checkRows: this.checkRows };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.texts.push(JSON.stringify(this.pending).slice(1, -1));
    this.written += this.pending.length;
    this.pending = [];
  }
}
