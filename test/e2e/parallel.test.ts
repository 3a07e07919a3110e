// The parallel pipeline (dist/parallel/) gives exactly what the library's one-thread path gives:
// `assess(await loadInventory(inputs))`, run on every fixture of the repository in this thread and through
// worker threads (files cut into small document ranges), compared as the JSON report would print them.
// Needs `npm run build` first (npm test does it): worker threads run the compiled code.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path: string) => pathToFileURL(join(root, 'dist', path)).href;

const { loadInventory } = await import(dist('sources/index.js'));
const { assess } = await import(dist('assess.js'));
const { assessInputs } = await import(dist('parallel/assess-inputs.js'));

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

async function oneThread(inputs: string[]) {
  return JSON.stringify(assess(await loadInventory(inputs, { cwd: root }), { now }));
}

async function parallel(inputs: string[], threads: number) {
  const { result } = await assessInputs(inputs, {
    now,
    threads,
    minThreadBytes: 0,
    splitBytes: 0,
    pieceBytes: 2000,
    load: { cwd: root },
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
});
