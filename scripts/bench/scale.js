// End to end at 1,000, 10,000 and 100,000 objects: `kube2eks assess INPUT --format json --output FILE` as a
// user runs it, against the parse floor of the same bytes, for each input form: one multi-document YAML
// file, a folder of YAML files, one kubectl JSON List, and a Velero backup tarball. Each floor is the least
// any reader of that form must do, in a process of its own: js-yaml 4 `loadAll` (YAML), `JSON.parse` (the
// List), tar extraction + `JSON.parse` of every entry (the tarball). Both sides are whole processes (start,
// read, parse; assess also runs every rule and writes its report), timed interleaved; the table gives the
// median wall time of each, their ratio, objects per second, and each process's peak RSS
// (`process.resourceUsage().maxRSS`, read at its exit). A kubectl JSON List over V8's 512 MiB string limit
// (`--big-objects`, default 135,000) is assessed too, against JSON.parse of its items one by one. Last, the
// start: `kube2eks --help` and `kube2eks rules` against a bare `node -e ''`, medians of interleaved runs.
//
// The dump is the deterministic cluster of scripts/bench/assess.js (the same seed gives the same bytes).
// The bench reports; it asserts only that every object was read (it never fails on time).
//
// Options: --sizes 1000,10000,100000 · --runs N (per measure; default 3 below 50,000 objects, else 1) ·
// --big-objects N (0 leaves the big List out) · --start-runs N (default 21) · --keep (leave the dumps).
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { option } from './shared.mjs';

export const title = 'scale: assess end to end against the parse floor of each input form; start time';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..');
const cli = join(root, 'bin', 'kube2eks.js');
const CHILD = '--scale-child';

// ---------------------------------------------------------------------------------------------------------
// Inputs. Each dump is generated in a fresh process, so the generator's seed starts over for every size.

/** Velero's folder name of a resource: lower-case plural, `.group` for non-core groups. */
function veleroResource(apiVersion, kind) {
  const lower = kind.toLowerCase();
  const plural = lower.endsWith('s')
    ? `${lower}es`
    : lower.endsWith('y')
      ? `${lower.slice(0, -1)}ies`
      : `${lower}s`;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group
    ? `${plural === 'endpointses' ? 'endpoints' : plural}.${group}`
    : plural === 'endpointses'
      ? 'endpoints'
      : plural;
}

/** A Velero backup's tar, written as objects come (node-tar's header encoder), gzipped at the end. */
async function veleroWriter(path) {
  const { Header } = await import('tar');
  const tarPath = `${path}.tar`;
  const fd = openSync(tarPath, 'w');
  const mtime = new Date('2025-10-01T00:00:00Z');
  const seen = new Set();
  const entry = (name, body) => {
    const header = new Header({
      path: name,
      mode: 0o644,
      size: body.length,
      mtime,
      type: 'File',
      uid: 0,
      gid: 0,
    });
    const block = Buffer.alloc(512);
    header.encode(block);
    writeSync(fd, Buffer.concat([block, body, Buffer.alloc((512 - (body.length % 512)) % 512)]));
  };
  entry('metadata/version', Buffer.from('1\n'));
  return {
    add(obj) {
      const ns = obj.metadata.namespace;
      const name = `resources/${veleroResource(obj.apiVersion, obj.kind)}/${ns ? `namespaces/${ns}` : 'cluster'}/${obj.metadata.name}.json`;
      if (seen.has(name)) return;
      seen.add(name);
      entry(name, Buffer.from(JSON.stringify(obj)));
    },
    async close() {
      writeSync(fd, Buffer.alloc(1024));
      closeSync(fd);
      await pipeline(createReadStream(tarPath), createGzip({ level: 1 }), createWriteStream(path));
      rmSync(tarPath);
      return seen.size;
    },
  };
}

/** Writes the dump of `total` objects into `dir` in every form (`json-only`: just the JSON List). */
async function generateChild(dir, total, jsonOnly) {
  const { writeDump } = await import('./assess.js');
  const velero = jsonOnly ? undefined : await veleroWriter(join(dir, 'backup.tar.gz'));
  const dump = writeDump(dir, total, undefined, {
    yaml: !jsonOnly,
    onObjects: velero ? (list) => list.forEach(velero.add) : undefined,
  });
  const veleroCount = velero ? await velero.close() : 0;
  let yamlFile;
  if (!jsonOnly) {
    // The folder's files as one multi-document file, as `kubectl get -A -o yaml` per namespace, concatenated.
    yamlFile = join(dir, 'cluster.yaml');
    const fd = openSync(yamlFile, 'w');
    for (const f of readdirSync(dump.yamlDir).sort()) {
      writeSync(fd, readFileSync(join(dump.yamlDir, f)));
      writeSync(fd, '---\n');
    }
    closeSync(fd);
  }
  process.stdout.write(`${JSON.stringify({ ...dump, veleroCount, yamlFile })}\n`);
}

function generate(dir, total, jsonOnly = false) {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', here, CHILD, 'generate', dir, String(total), jsonOnly ? 'json-only' : ''],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`generating ${total} objects failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

// ---------------------------------------------------------------------------------------------------------
// Floors, each in a process of its own.

async function floorChild(kind, path) {
  let objects = 0;
  const kept = [];
  if (kind === 'yaml-file' || kind === 'yaml-folder') {
    const { default: jsyaml } = await import('js-yaml');
    const files =
      kind === 'yaml-file'
        ? [path]
        : readdirSync(path)
            .sort()
            .map((f) => join(path, f));
    for (const file of files) {
      const docs = jsyaml.loadAll(readFileSync(file, 'utf8'), null, { schema: jsyaml.CORE_SCHEMA });
      objects += docs.filter((d) => d !== null && d !== undefined).length;
      kept.push(docs);
    }
  } else if (kind === 'json-list') {
    const list = JSON.parse(readFileSync(path, 'utf8'));
    objects = list.items.length;
    kept.push(list);
  } else if (kind === 'json-items') {
    // Over 512 MiB the List cannot be one string: JSON.parse each item's bytes, found by kubectl's layout
    // (an item opens with `        {` on its own line and closes with `        }`).
    const buf = readFileSync(path);
    const open = Buffer.from('\n        {\n');
    const close = Buffer.from('\n        }');
    for (let at = buf.indexOf(open); at !== -1; at = buf.indexOf(open, at + 1)) {
      const end = buf.indexOf(close, at + 1);
      kept.push(JSON.parse(buf.toString('utf8', at + 1, end + close.length)));
      objects++;
    }
  } else if (kind === 'velero') {
    const tar = await import('tar');
    await tar.t({
      file: path,
      onReadEntry: (entry) => {
        const chunks = [];
        entry.on('data', (c) => chunks.push(c));
        entry.on('end', () => {
          if (entry.path.startsWith('resources/') && entry.path.endsWith('.json')) {
            kept.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            objects++;
          }
        });
      },
    });
  }
  process.stdout.write(`${JSON.stringify({ objects })}\n`);
}

/** Runs a node process; its wall time, CPU time and peak RSS (read by a preload at its exit). */
function timed(args) {
  const usage = join(tmpdir(), `kube2eks-scale-usage-${process.pid}.json`);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', '--import', join(dirname(here), 'scale-usage.mjs'), ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, KUBE2EKS_SCALE_USAGE: usage, NO_COLOR: '1' },
    },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const r = JSON.parse(readFileSync(usage, 'utf8'));
  rmSync(usage, { force: true });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    wallMs,
    cpuMs: r.cpuMs,
    rssMb: r.maxRssKb / 1024,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `runs` interleaved pairs of (floor, assess); medians of each. */
function compare(form, floorKind, floorPath, input, expected, runs, workDir) {
  const floors = [];
  const assesses = [];
  const report = join(workDir, 'report.json');
  for (let i = 0; i < runs; i++) {
    const f = timed([here, CHILD, 'floor', floorKind, floorPath]);
    if (f.status !== 0) throw new Error(`${form}: the floor failed: ${f.stderr}`);
    const read = JSON.parse(f.stdout.trim().split('\n').at(-1)).objects;
    if (read !== expected) throw new Error(`${form}: the floor read ${read} of ${expected} objects`);
    floors.push(f);
    const a = timed([cli, 'assess', input, '--format', 'json', '--output', report, '--fail-on', 'never']);
    if (a.status !== 0) throw new Error(`${form}: assess exited ${a.status}: ${a.stderr}`);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    if (json.summary.objects !== expected || json.summary.errors !== 0) {
      throw new Error(
        `${form}: assess read ${json.summary.objects} of ${expected} objects, ${json.summary.errors} errors`,
      );
    }
    a.findings = json.findings.length;
    a.reportMb = statSync(report).size / 1e6;
    assesses.push(a);
  }
  const pick = (list, key) => median(list.map((x) => x[key]));
  return {
    form,
    objects: expected,
    floorMs: pick(floors, 'wallMs'),
    floorCpuMs: pick(floors, 'cpuMs'),
    floorRssMb: Math.max(...floors.map((x) => x.rssMb)),
    assessMs: pick(assesses, 'wallMs'),
    assessCpuMs: pick(assesses, 'cpuMs'),
    assessRssMb: Math.max(...assesses.map((x) => x.rssMb)),
    findings: assesses[0].findings,
    reportMb: assesses[0].reportMb,
    runs,
  };
}

/** `kube2eks ARGS` against `node -e ''`: medians of `runs` interleaved runs. */
function startRatio(args, runs) {
  const bare = [];
  const cmd = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timed(['-e', '']).wallMs);
    const r = timed([cli, ...args]);
    if (r.status !== 0) throw new Error(`kube2eks ${args.join(' ')} exited ${r.status}`);
    cmd.push(r.wallMs);
  }
  return { bareMs: median(bare), cmdMs: median(cmd) };
}

// ---------------------------------------------------------------------------------------------------------

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function machine() {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${availableParallelism()} cores, ${fmt(totalmem() / 1024 ** 3, 1)} GiB RAM, Node ${process.versions.node}`;
}

export default async function bench() {
  const sizes = (option('--sizes') || '1000,10000,100000').split(',').map(Number);
  const bigObjects = Number(option('--big-objects') ?? 135_000);
  const startRuns = Number(option('--start-runs') || 21);
  const keep = option('--keep') !== undefined;
  const results = [];
  const rows = [];
  const work = mkdtempSync(join(tmpdir(), 'kube2eks-bench-scale-'));
  try {
    for (const size of sizes) {
      const runs = Number(option('--runs') || (size < 50_000 ? 3 : 1));
      const dir = join(work, String(size));
      mkdirSync(dir);
      const t0 = performance.now();
      const dump = generate(dir, size);
      const mb = {
        'YAML file': statSync(dump.yamlFile).size / 1e6,
        'YAML folder': dump.yamlBytes / 1e6,
        'JSON List': dump.jsonBytes / 1e6,
        'Velero tarball': statSync(join(dir, 'backup.tar.gz')).size / 1e6,
      };
      process.stderr.write(
        `scale: ${fmt(size)} objects generated in ${fmt((performance.now() - t0) / 1000, 1)} s\n`,
      );
      const forms = [
        ['YAML file', 'yaml-file', dump.yamlFile, dump.yamlFile, dump.count, 'js-yaml loadAll'],
        ['YAML folder', 'yaml-folder', dump.yamlDir, dump.yamlDir, dump.count, 'js-yaml loadAll'],
        [
          'JSON List',
          dump.jsonBytes >= 512 * 1024 ** 2 ? 'json-items' : 'json-list',
          dump.jsonPath,
          dump.jsonPath,
          dump.count,
          'JSON.parse',
        ],
        [
          'Velero tarball',
          'velero',
          join(dir, 'backup.tar.gz'),
          join(dir, 'backup.tar.gz'),
          dump.veleroCount,
          'tar + JSON.parse',
        ],
      ];
      for (const [form, kind, floorPath, input, expected, floorName] of forms) {
        const r = compare(form, kind, floorPath, input, expected, runs, work);
        rows.push({
          ...r,
          size,
          mb: mb[form],
          floorName: kind === 'json-items' ? 'JSON.parse per item' : floorName,
        });
        process.stderr.write(`scale: ${fmt(size)} ${form}: ${fmt(r.assessMs / r.floorMs, 2)}x\n`);
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
    // A List over 512 MiB is measured once: at 100,000 objects the JSON List is already one.
    const bigDone = rows.some((r) => r.form === 'JSON List' && r.mb * 1e6 >= 512 * 1024 ** 2);
    if (bigObjects > 0 && !bigDone) {
      const dir = join(work, 'big');
      mkdirSync(dir);
      const dump = generate(dir, bigObjects, true);
      const r = compare(
        'JSON List > 512 MiB',
        'json-items',
        dump.jsonPath,
        dump.jsonPath,
        dump.count,
        1,
        work,
      );
      rows.push({ ...r, size: dump.count, mb: dump.jsonBytes / 1e6, floorName: 'JSON.parse per item' });
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
    const help = startRatio(['--help'], startRuns);
    const rules = startRatio(['rules'], startRuns);

    for (const r of rows) {
      const label = `${fmt(r.size)} ${r.form}`;
      results.push(
        {
          name: `${label}: assess / floor`,
          value: r.assessMs / r.floorMs,
          unit: 'x',
          note: `${fmt(r.assessMs / 1000, 1)} s vs ${r.floorName} ${fmt(r.floorMs / 1000, 1)} s (CPU ${fmt(r.assessCpuMs / r.floorCpuMs, 2)}x); ${fmt(r.mb, 0)} MB`,
        },
        { name: `${label}: assess`, value: r.objects / (r.assessMs / 1000), unit: 'objects/s' },
        {
          name: `${label}: peak RSS`,
          value: r.assessRssMb,
          unit: 'MB',
          note: `floor ${fmt(r.floorRssMb)} MB`,
        },
      );
    }
    results.push(
      {
        name: 'kube2eks --help / node -e ""',
        value: help.cmdMs / help.bareMs,
        unit: 'x',
        note: `${fmt(help.cmdMs)} ms vs ${fmt(help.bareMs)} ms, medians of ${startRuns}`,
      },
      {
        name: 'kube2eks rules / node -e ""',
        value: rules.cmdMs / rules.bareMs,
        unit: 'x',
        note: `${fmt(rules.cmdMs)} ms vs ${fmt(rules.bareMs)} ms, medians of ${startRuns}`,
      },
    );

    // The table for docs/performance.md.
    const lines = [
      `Machine: ${machine()}.`,
      '',
      '| objects | form | input | floor | floor time | assess time | assess / floor | objects/s | peak RSS (floor) |',
      '| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${fmt(r.size)} | ${r.form} | ${fmt(r.mb, r.mb < 10 ? 1 : 0)} MB | ${r.floorName} | ${fmt(r.floorMs / 1000, 1)} s | ${fmt(r.assessMs / 1000, 1)} s | **${fmt(r.assessMs / r.floorMs, 2)}×** | ${fmt(r.objects / (r.assessMs / 1000))} | ${fmt(r.assessRssMb)} MB (${fmt(r.floorRssMb)} MB) |`,
      ),
      '',
      `| start | median | \`node -e ''\` | ratio |`,
      '| --- | ---: | ---: | ---: |',
      `| \`kube2eks --help\` | ${fmt(help.cmdMs)} ms | ${fmt(help.bareMs)} ms | **${fmt(help.cmdMs / help.bareMs, 2)}×** |`,
      `| \`kube2eks rules\` | ${fmt(rules.cmdMs)} ms | ${fmt(rules.bareMs)} ms | **${fmt(rules.cmdMs / rules.bareMs, 2)}×** |`,
    ];
    process.stderr.write(`\n${lines.join('\n')}\n\n`);
    if (keep) process.stderr.write(`scale: the dumps are in ${work}\n`);
    return results;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD) {
  const [, , , what, ...rest] = process.argv;
  if (what === 'generate') await generateChild(rest[0], Number(rest[1]), rest[2] === 'json-only');
  else await floorChild(rest[0], rest[1]);
}
