// Property-based tests (fast-check) for issue 8: (a) a Secret written in any YAML or JSON shape never
// leaks its value through any output; (b) mutated manifests, JSON and tarballs never crash or hang the
// reader, every error is located, and the untouched input beside them is still assessed.
// Runs are bounded (numRuns, small inputs) so the whole file takes seconds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/assess.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Inventory } from '../../src/model/types.js';
import { escapeTerminal } from '../../src/report/escape.js';
import { formatters } from '../../src/report/index.js';
import { formatVerify } from '../../src/report/verify.js';
import { registry, ruleInfos } from '../../src/rules/index.js';
import { type TarEntry, tarGz } from '../../src/sources/cluster/tar-writer.js';
import { loadInventory } from '../../src/sources/index.js';
import { verify } from '../../src/verify/index.js';
import { runCli } from '../support/run-cli.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const catalog = loadCatalog();
const rules = ruleInfos(registry);
let dir: string;
let runId = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube2eks-properties-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder for one property run. */
function runDir(): string {
  const d = join(dir, `run-${runId++}`);
  mkdirSync(d, { recursive: true });
  return d;
}

const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: beside\n  namespace: shop\ndata:\n  a: b\n';

/** Everything a user can get out of kube2eks for this inventory: every assess format and verify's outputs. */
function everyOutput(inventory: Inventory): string {
  const failures: string[] = [];
  const result = assess(inventory, {
    now: NOW,
    catalog,
    onRuleError: (id, _item, error) => failures.push(`${id}: ${(error as Error).message}`),
  });
  expect(failures).toEqual([]);
  const outs = (['table', 'json', 'sarif', 'markdown', 'html'] as const).map((f) =>
    formatters[f](result, rules, { color: false }),
  );
  const checked = verify(inventory, inventory);
  outs.push(...(['table', 'json', 'markdown'] as const).map((f) => formatVerify(checked, f)));
  // What verify prints on stderr for each input error.
  for (const e of inventory.errors)
    outs.push(escapeTerminal(`${e.file}:${e.entry ?? ''}:${e.line ?? ''}: ${e.message}`));
  return outs.join('\n');
}

// (a) ------------------------------------------------------------------------------------------------

/** A canary no rule, file name or message could produce by chance. */
const canaryArb = fc.stringMatching(/^[A-Za-z0-9]{8,14}$/).map((s) => `Qz7${s}`);

/** How the secret value is written: each form once made the parser quote it. */
const valueForms: Array<(c: string) => string> = [
  (c) => c,
  (c) => `"${c}"`,
  (c) => `'${c}'`,
  (c) => `*${c}`,
  (c) => `!${c} x`,
  (c) => `!<${c}> x`,
  (c) => `&${c} x`,
  (c) => `!${c}!x y`,
  (c) => `*${c}-`,
  (c) => `"\\q${c}"`,
  (c) => Buffer.from(c).toString('base64'),
  (c) => `!!binary ${Buffer.from(c).toString('base64')}`,
  (c) => `"${c}\u2028more"`,
  (c) => `[${c}`,
  (c) => `{${c}: [`,
];

const kindForms = ['Secret', '"Secret"', "'Secret'", 'secret', 'SecretList', '!!str Secret', '\n  Secret'];

interface SecretShape {
  kind: string;
  value: (c: string) => string;
  layout: 'block' | 'flow' | 'quoted' | 'json' | 'list' | 'anchored';
  field: 'data' | 'stringData';
  comment: 'none' | 'source' | 'inline' | 'above';
  beside: boolean;
  u2028: boolean;
}

const shapeArb: fc.Arbitrary<SecretShape> = fc.record({
  kind: fc.constantFrom(...kindForms),
  value: fc.constantFrom(...valueForms),
  layout: fc.constantFrom('block', 'flow', 'quoted', 'json', 'list', 'anchored'),
  field: fc.constantFrom('data', 'stringData'),
  comment: fc.constantFrom('none', 'source', 'inline', 'above'),
  beside: fc.boolean(),
  u2028: fc.boolean(),
});

function secretText(shape: SecretShape, canary: string): string {
  const v = shape.value(canary);
  const kind = shape.u2028 ? shape.kind.replace('cret', 'c\u2028ret') : shape.kind;
  const flowKind = kind.startsWith('\n') ? 'Secret' : kind;
  let doc: string;
  switch (shape.layout) {
    case 'block':
      doc = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: s\n${shape.field}:\n  key: ${v}${shape.comment === 'inline' ? ` # ${canary}` : ''}\n`;
      break;
    case 'flow':
      doc = `{apiVersion: v1, kind: ${flowKind}, metadata: {name: s}, ${shape.field}: {key: ${v}}}\n`;
      break;
    case 'quoted':
      doc = `"apiVersion": "v1"\n'kind': ${kind}\n"metadata": {"name": "s"}\n"${shape.field}":\n  "key": ${v}\n`;
      break;
    case 'json':
      doc = `{"apiVersion":"v1","kind":"${flowKind.replace(/["']/g, '')}","metadata":{"name":"s"},"${shape.field}":{"key":${v.startsWith('"') ? v : `"${v}"`}}}`;
      break;
    case 'list':
      doc = `apiVersion: v1\nkind: ${kind.endsWith('List') ? kind : 'List'}\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: s\n  ${shape.field}:\n    key: ${v}\n`;
      break;
    case 'anchored':
      doc = `apiVersion: v1\nkind: ${kind}\nmetadata: &m\n  name: s\n${shape.field}:\n  key: &k ${v}\n  again: *k\n`;
      break;
  }
  const head =
    shape.comment === 'source'
      ? `# Source: chart/templates/${canary}.yaml\n`
      : shape.comment === 'above'
        ? `# ${canary}\n`
        : '';
  return `${head}${doc}${shape.beside ? `\n---\n${CONFIGMAP}` : ''}`;
}

describe('(a) a Secret in any shape never leaks its value', () => {
  it('through any format of assess or verify, plain or base64', async () => {
    await fc.assert(
      fc.asyncProperty(shapeArb, canaryArb, async (shape, canary) => {
        const d = runDir();
        const name = shape.layout === 'json' ? 's.json' : 's.yaml';
        writeFileSync(join(d, name), secretText(shape, canary));
        const inventory = await loadInventory([name], { cwd: d });
        const out = everyOutput(inventory);
        expect(out).not.toContain(canary);
        expect(out).not.toContain(Buffer.from(canary).toString('base64'));
      }),
      { numRuns: 150 },
    );
  });

  it('and through the CLI itself, stderr included, for a folder of them', async () => {
    const d = runDir();
    const canaries: string[] = [];
    fc.sample(fc.tuple(shapeArb, canaryArb), { numRuns: 40, seed: 8 }).forEach(([shape, canary], i) => {
      canaries.push(canary);
      writeFileSync(join(d, `s${i}.${shape.layout === 'json' ? 'json' : 'yaml'}`), secretText(shape, canary));
    });
    let all = '';
    for (const format of ['table', 'json', 'sarif', 'markdown']) {
      const run = await runCli(['assess', '.', '--format', format, '--fail-on', 'never'], { cwd: d });
      all += run.stdout + run.stderr;
    }
    const v = await runCli(['verify', '--source', '.', '--target', '.', '--format', 'markdown'], { cwd: d });
    all += v.stdout + v.stderr;
    expect(all).toContain('Secret');
    for (const canary of canaries) {
      expect(all).not.toContain(canary);
      expect(all).not.toContain(Buffer.from(canary).toString('base64'));
    }
  });
});

// (b) ------------------------------------------------------------------------------------------------

const VALID_YAML = `# Source: app/templates/web.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: web
        image: gcr.io/acme/web:1.2
        resources: {requests: {cpu: 100m, memory: 128Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: data, namespace: shop}
  spec: {storageClassName: standard-rwo}
- apiVersion: v1
  kind: Secret
  metadata: {name: db, namespace: shop}
  data: {password: aHVudGVyMg==}
`;

const VALID_JSON = `${JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'shop' }, data: { k: 'v' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'gce' } },
      },
    ],
  },
  null,
  2,
)}\n`;

/** Text that tends to break parsers: markers, indicators, quotes, line breaks of every kind, templates. */
const nasty = fc.constantFrom(
  '---\n',
  '...\n',
  '\r',
  '\r\n',
  '\t',
  '\u2028',
  '\u0000',
  '\u001b[2J',
  '{{ .Values.x }}',
  '*a',
  '&a ',
  '!tag ',
  '!!binary ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ': ',
  '- ',
  '#',
  '%YAML 1.2\n',
  '<<: *a\n',
  '\ufeff',
  '\\',
  ',',
);

type Mutation = (text: string) => string;
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
    ([at, n]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + t.slice(i + n);
      },
  ),
  fc.tuple(fc.nat(), fc.oneof(nasty, fc.string({ maxLength: 6 }))).map(
    ([at, s]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + s + t.slice(i);
      },
  ),
  fc.tuple(fc.nat(), fc.nat({ max: 60 }), fc.nat()).map(
    ([from, n, to]): Mutation =>
      (t) => {
        const i = from % (t.length + 1);
        const j = to % (t.length + 1);
        return t.slice(0, j) + t.slice(i, i + n) + t.slice(j);
      },
  ),
  fc.nat().map(
    (at): Mutation =>
      (t) =>
        t.slice(0, at % (t.length + 1)),
  ),
);

/** An error is located when it names its file and, for one document of a text file, the line. */
function expectLocated(inventory: Inventory, file: string): void {
  for (const e of inventory.errors) {
    expect(e.file).toBe(file);
    expect(e.message).not.toBe('');
    const fileLevel = /binary|UTF-8|empty|no Kubernetes object|gzip|archive|larger than/.test(e.message);
    if (!fileLevel && e.entry === undefined) expect(e.line, e.message).toBeGreaterThanOrEqual(1);
  }
}

async function readBeside(d: string, name: string): Promise<Inventory> {
  writeFileSync(join(d, 'beside.yaml'), CONFIGMAP);
  const inventory = await loadInventory([name, 'beside.yaml'], { cwd: d });
  // The untouched file beside the mutated one is still read and assessed.
  expect(inventory.objects.filter((o) => o.location.file === 'beside.yaml').map((o) => o.ref.name)).toEqual([
    'beside',
  ]);
  everyOutput(inventory);
  return inventory;
}

describe('(b) mutated input never crashes or hangs; errors are located; the rest is assessed', () => {
  it('YAML manifests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const d = runDir();
        const text = mutations.reduce((t, m) => m(t), VALID_YAML);
        writeFileSync(join(d, 'm.yaml'), text);
        const inventory = await readBeside(d, 'm.yaml');
        expectLocated(
          { ...inventory, errors: inventory.errors.filter((e) => e.file === 'm.yaml') },
          'm.yaml',
        );
        expect(inventory.errors.every((e) => e.file === 'm.yaml')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('JSON Lists', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const d = runDir();
        writeFileSync(
          join(d, 'm.json'),
          mutations.reduce((t, m) => m(t), VALID_JSON),
        );
        const inventory = await readBeside(d, 'm.json');
        expectLocated(inventory, 'm.json');
      }),
      { numRuns: 100 },
    );
  });

  const TAR_ENTRIES: TarEntry[] = [
    { path: 'metadata/version', body: '1\n' },
    ...['web', 'api', 'worker'].map((name) => ({
      path: `resources/deployments.apps/namespaces/shop/${name}.json`,
      body: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: 'shop' },
        spec: { template: { spec: { containers: [{ name, image: `gcr.io/acme/${name}:1` }] } } },
      }),
    })),
    {
      path: 'resources/secrets/namespaces/shop/db.json',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db' },
        data: { p: 'eA==' },
      }),
    },
  ];

  it('Velero tarballs: flipped, cut, inserted and appended bytes', async () => {
    const valid = tarGz(TAR_ENTRIES);
    const byteMutation = fc.oneof(
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, x]) => (b: Buffer) => {
        const c = Buffer.from(b);
        const i = at % c.length;
        c[i] = (c[i] as number) ^ x;
        return c;
      }),
      fc.nat().map((at) => (b: Buffer) => b.subarray(0, at % (b.length + 1))),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(
        ([at, bytes]) =>
          (b: Buffer) =>
            Buffer.concat([b.subarray(0, at % b.length), bytes, b.subarray(at % b.length)]),
      ),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => (b: Buffer) => Buffer.concat([b, bytes])),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(byteMutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const d = runDir();
        writeFileSync(
          join(d, 'b.tar.gz'),
          mutations.reduce((b, m) => m(b), valid),
        );
        const inventory = await readBeside(d, 'b.tar.gz');
        for (const e of inventory.errors) {
          expect(e.file).toBe('b.tar.gz');
          expect(e.message).not.toBe('');
        }
      }),
      { numRuns: 100 },
    );
  });
});
