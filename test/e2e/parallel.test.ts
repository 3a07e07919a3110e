// The parallel pipeline (dist/parallel/) gives exactly what the library's one-thread path gives:
// `assess(await loadInventory(inputs))`, run on every fixture of the repository in this thread and through
// worker threads (files cut into small document ranges), compared as the JSON report would print them.
// Needs `npm run build` first (npm test does it): worker threads run the compiled code.
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path: string) => pathToFileURL(join(root, 'dist', path)).href;

const { loadInventory } = await import(dist('sources/index.js'));
const { assess } = await import(dist('assess.js'));
const { assessInputs } = await import(dist('parallel/assess-inputs.js'));
const { rereadCount } = await import(dist('sources/slim.js'));
const { writeDump, writeYamlFile } = await import(pathToFileURL(join(root, 'scripts/bench/assess.js')).href);

const now = new Date('2026-12-01T00:00:00Z');
const fixtures = [
  'examples/gke-shop',
  ...readdirSync(join(root, 'test/fixtures/inputs')).map((d) => `test/fixtures/inputs/${d}`),
  'test/fixtures/generate/dump',
  'test/fixtures/generate/repo',
  'test/fixtures/plan/gke-shop.yaml',
  'test/fixtures/plan/shop.yaml',
];

const tmp = mkdtempSync(join(tmpdir(), 'kube2eks-parallel-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every YAML file of a folder, recursively. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

/**
 * One multi-document file of many fixtures' documents, with a byte-order mark, text beyond ASCII and,
 * when asked, Windows line ends: what a document range cut in the middle of such a file must still locate.
 */
function combined(name: string, crlf: boolean): string {
  const docs = [
    ...yamlFiles(join(root, 'examples/gke-shop')),
    ...yamlFiles(join(root, 'test/fixtures/inputs/aks-orders')),
  ]
    .sort()
    .map((f) => readFileSync(f, 'utf8').replace(/^---\n/, ''));
  let text = `\uFEFF# Übersicht: ünïcödé before the first document\n${docs.join('\n---\n')}`;
  if (crlf) text = text.replace(/\n/g, '\r\n');
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/**
 * A `kubectl get -A -o yaml`-like dump (the benchmark's generator): Deployments with their ReplicaSets and
 * Pods, which the threads do not keep; plus copies whose controller the input lacks, which count as workloads
 * and so go back to a thread for phase 2, one with a finding to locate (its image comes from Docker Hub).
 */
function dump(): string {
  const path = join(tmp, 'dump.yaml');
  writeYamlFile(path, 600);
  appendFileSync(
    path,
    `---
apiVersion: v1
kind: Pod
metadata:
  name: orphan-7c9f-x2x
  namespace: shop
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: orphan-7c9f, controller: true, uid: 1}
spec:
  hostNetwork: true
  containers:
  - name: app
    image: nginx:latest
---
apiVersion: batch/v1
kind: Job
metadata:
  name: nightly-29001
  namespace: shop
  ownerReferences:
  - {apiVersion: batch/v1, kind: CronJob, name: nightly, controller: true, uid: 2}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: job
        image: busybox
`,
  );
  return path;
}

/** The benchmark's dump as one kubectl JSON List (`kubectl get -A -o json`): the threads read it in pieces. */
function jsonList(): string {
  const dir = mkdtempSync(join(tmp, 'list-'));
  return writeDump(dir, 600, undefined, { yaml: false }).jsonPath;
}

async function oneThread(inputs: string[], stdin?: string) {
  const load = stdin === undefined ? { cwd: root } : { cwd: root, stdin: Readable.from([stdin]) };
  return JSON.stringify(assess(await loadInventory(inputs, load), { now }));
}

async function parallel(inputs: string[], threads: number, stdin?: string, pieceBytes = 2000) {
  const { result } = await assessInputs(inputs, {
    now,
    threads,
    minThreadBytes: 0,
    splitBytes: 0,
    pieceBytes,
    load: stdin === undefined ? { cwd: root } : { cwd: root, stdin: Readable.from([stdin]) },
  });
  return JSON.stringify(result);
}

describe('the parallel pipeline gives what one thread gives', () => {
  it('has a compiled worker to start', () => {
    expect(existsSync(join(root, 'dist/parallel/worker.js'))).toBe(true);
  });

  const cases = [
    ...fixtures.map((f) => [f, [join(root, f)]] as const),
    ['every eval fixture at once', fixtures.map((f) => join(root, f))] as const,
    ['a multi-document file with a BOM and UTF-8', [combined('all.yaml', false)]] as const,
    ['the same with CRLF line ends', [combined('all-crlf.yaml', true)]] as const,
    ['a dump with controlled copies, two of them without their controller', [dump()]] as const,
  ];
  for (const [name, inputs] of cases) {
    it(`${name}: in this thread and through two worker threads`, async () => {
      const expected = await oneThread([...inputs]);
      const { findings, errors } = JSON.parse(expected);
      expect(findings.length + errors.length).toBeGreaterThan(0);
      expect(await parallel([...inputs], 0)).toBe(expected);
      expect(await parallel([...inputs], 2)).toBe(expected);
    });
  }

  it('document ranges of hundreds of documents, each taken through phase 1 a few dozen objects at a time', async () => {
    const inputs = [dump()];
    const expected = await oneThread(inputs);
    const { findings } = JSON.parse(expected);
    // Findings about objects all through the ranges: their positions are counted across the groups.
    expect(
      new Set(findings.map((f: { location: { line: number } }) => f.location.line)).size,
    ).toBeGreaterThan(100);
    expect(await parallel(inputs, 0, undefined, 256 * 1024)).toBe(expected);
    expect(await parallel(inputs, 2, undefined, 256 * 1024)).toBe(expected);
  });

  it('the dump: its copies without a controller are checked in phase 2, with located findings', async () => {
    const before = rereadCount();
    const { findings } = JSON.parse(await parallel([dump()], 2));
    // The main thread kept every copy as its head and pod facts; only the two whose controller is missing
    // (counted workloads, which phase 2 checks whole) were read again from the file.
    expect(rereadCount() - before).toBe(2);
    const about = (name: string) =>
      findings.filter((f: { resource: { name: string } }) => f.resource.name === name);
    const orphan = about('orphan-7c9f-x2x');
    // Phase-2 rules (host network, image registry) looked at the orphan Pod and located their fields.
    expect(orphan.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining(['network/host-network', 'image/registry']),
    );
    for (const f of orphan) expect(f.location.line).toBeGreaterThan(0);
    expect(about('nightly-29001').map((f: { ruleId: string }) => f.ruleId)).toContain('image/registry');
  });

  it('a kubectl JSON List, its items read in pieces by the threads, gives what reading it whole gives', async () => {
    const list = jsonList();
    const expected = await oneThread([list]);
    expect(JSON.parse(expected).findings.length).toBeGreaterThan(0);
    // With pieceBytes 2000 each piece holds an item or two: hundreds of pieces, four in flight at a time.
    expect(await parallel([list], 0)).toBe(expected);
    expect(await parallel([list], 2)).toBe(expected);
  });

  it('standard input (read in this thread, located through its text): the same either way', async () => {
    const text = readFileSync(dump(), 'utf8');
    const expected = await oneThread(['-'], text);
    expect(JSON.parse(expected).findings.length).toBeGreaterThan(0);
    expect(await parallel(['-'], 0, text)).toBe(expected);
    expect(await parallel(['-'], 2, text)).toBe(expected);
  });
});
