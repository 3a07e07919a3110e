// Issue 8, "what a hostile-input review broke": one regression test per item, rebuilt from its description,
// through the CLI as a user runs it (in process) unless the item is about the process itself.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess as assessInventory } from '../../src/assess.js';
import { runCollect } from '../../src/cli/commands/collect.js';
import { generate } from '../../src/generate/index.js';
import { NdjsonReader } from '../../src/sources/bundle.js';
import type { HttpResponse, Transport } from '../../src/sources/cluster/transport.js';
import { kubeConfigTransport } from '../../src/sources/cluster/transport.js';
import { assertInsideBundle } from '../../src/sources/cluster/write-bundle.js';
import { loadInventory } from '../../src/sources/index.js';
import { samplePlan } from '../support/plan-fixture.js';
import { runCli } from '../support/run-cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const linux = process.platform === 'linux';
let dir: string;

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube2eks-hardening-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function assess(args: string[], format = 'json') {
  const run = await runCli(['assess', ...args, '--format', format, '--fail-on', 'never', '--no-color'], {
    cwd: dir,
  });
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
  return { ...run, report: format === 'json' && run.code === 0 ? JSON.parse(run.stdout) : undefined };
}

/** Every output of assess for these inputs, joined. */
async function everyOutput(args: string[]): Promise<string> {
  let all = '';
  // One at a time: runCli captures the process's stdout and working folder.
  for (const format of ['table', 'json', 'sarif', 'markdown']) {
    const run = await assess(args, format);
    all += `${run.stdout}\n${run.stderr}\n`;
  }
  return all;
}

/** The built CLI in a shell (for what only a real process shows: its stdout and exit code). */
function shell(script: string) {
  const r = spawnSync('sh', ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, K2E: `${process.execPath} ${join(root, 'bin', 'kube2eks.js')}` },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));

/** A transport answering discovery with the given resource names (aggregated discovery), and empty lists. */
function discoveryTransport(
  resources: Array<{ group: string; version: string; resource: string; kind: string }>,
) {
  const json = (body: unknown): HttpResponse => ({ status: 200, headers: {}, body: JSON.stringify(body) });
  const aggregated = (groups: typeof resources) => ({
    kind: 'APIGroupDiscoveryList',
    items: [...new Set(groups.map((r) => r.group))].map((group) => ({
      metadata: { name: group },
      versions: [
        {
          version: groups.find((r) => r.group === group)?.version,
          resources: groups
            .filter((r) => r.group === group)
            .map((r) => ({
              resource: r.resource,
              responseKind: { kind: r.kind },
              scope: 'Namespaced',
              verbs: ['list'],
            })),
        },
      ],
    })),
  });
  const requested: string[] = [];
  const transport: Transport & { contextName: string } = {
    server: 'https://fake',
    contextName: 'fake',
    get: async (path: string) => {
      requested.push(path);
      if (path === '/version') return json({ gitVersion: 'v1.30.1' });
      if (path === '/api') return json(aggregated(resources.filter((r) => r.group === '')));
      if (path === '/apis') return json(aggregated(resources.filter((r) => r.group !== '')));
      return json({ kind: 'List', metadata: {}, items: [] });
    },
  };
  return { transport, requested };
}

describe('1. collect never writes outside --out', () => {
  const hostile = [
    { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' },
    { group: '', version: 'v1', resource: '../../../../somewhere/x', kind: 'X' },
    { group: '../../evil', version: 'v1', resource: 'things', kind: 'Thing' },
    { group: 'ok.example.com', version: '../v1', resource: 'things', kind: 'Thing' },
  ];

  it('a server naming resources with ../ gets them skipped, named in failed[], and nothing lands outside', async () => {
    const base = join(dir, 'collect', 'a', 'b', 'c', 'd');
    mkdirSync(base, { recursive: true });
    const { transport, requested } = discoveryTransport(hostile);
    const out = join(base, 'bundle');
    const said: string[] = [];
    expect(await runCollect({ out }, { transport, write: (t) => said.push(t) })).toBe(0);
    expect(existsSync(join(dir, 'collect', 'somewhere'))).toBe(false);
    expect(readdirSync(join(out, 'resources'))).toEqual(['core']);
    const marker = JSON.parse(readFileSync(join(out, 'kube2eks-bundle.json'), 'utf8'));
    const reasons: string[] = marker.failed.map((f: { reason: string }) => f.reason);
    expect(reasons.filter((r) => r.startsWith('skipped:'))).toEqual([
      'skipped: its resource name is not a DNS-1123 label',
      'skipped: its API group is not a DNS-1123 subdomain',
      'skipped: its API version is not a DNS-1035 label',
    ]);
    // The server serves no metrics.k8s.io: that gap is named too, and nothing else failed.
    expect(reasons.filter((r) => !r.startsWith('skipped:'))).toEqual([
      'metrics-server is not installed (the API server serves no metrics.k8s.io pods): no usage was collected',
    ]);
    // Not even a GET was sent for them.
    expect(requested.filter((p) => p.includes('..'))).toEqual([]);
  });

  it('with a .tar.gz output, no archive entry has a .. segment', async () => {
    const { transport } = discoveryTransport(hostile);
    const out = join(dir, 'collect', 'b.tar.gz');
    expect(await runCollect({ out }, { transport, write: () => {} })).toBe(0);
    const entries: string[] = [];
    const parser = new Parser({
      onReadEntry: (e: ReadEntry) => {
        entries.push(e.path);
        e.resume();
      },
    });
    const ended = new Promise((done) => parser.on('end', done));
    parser.end(gunzipSync(readFileSync(out)));
    await ended;
    expect(entries).toEqual(['kube2eks-bundle.json', 'resources/core/v1/configmaps.ndjson']);
  });

  it('a bundle path that would leave the bundle is refused before anything is written', () => {
    for (const bad of ['../x.ndjson', 'resources/../../x', '/etc/x', 'a//b', 'a\\b']) {
      expect(() => assertInsideBundle(bad)).toThrow(/would leave the bundle/);
    }
    expect(() => assertInsideBundle('resources/apps/v1/deployments.ndjson')).not.toThrow();
  });
});

describe('2. parse errors never quote a value', () => {
  const VALUE = 'Zq9-canary-Vx7';
  const cases: Record<string, string> = {
    'secretlist.yaml': `apiVersion: v1\nkind: SecretList\nitems:\n- metadata: {name: s}\n  data: {p: *${VALUE}}\n`,
    'kind-next-line.yaml': `apiVersion: v1\nkind:\n  Secret\nmetadata: {name: s}\ndata:\n  p: *${VALUE}\n`,
    'quoted-keys.yaml': `"apiVersion": "v1"\n'kind': 'Secret'\n"metadata": {"name": "s"}\n"data": {"p": !${VALUE} x}\n`,
    'flow.yaml': `{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {p: *${VALUE}}}\n`,
    'one-line.json': `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"p":!${VALUE}}}`,
    'tagged.yaml': `apiVersion: v1\nkind: !!str Secret\nmetadata: {name: s}\ndata:\n  p: !<${VALUE}> x\n`,
    'lower.yaml': `apiVersion: v1\nkind: secret\nmetadata: {name: s}\ndata:\n  p: *${VALUE}\n`,
    'u2028.yaml': `apiVersion: v1\nkind: Sec\u2028ret\nmetadata: {name: s}\ndata:\n  p: *${VALUE}\n`,
    'block.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  p: |\n    ${VALUE}\n  q: *${VALUE}\n`,
    'configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  password: *${VALUE}\n`,
    'undeclared-handle.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  p: !${VALUE}!x y\n`,
  };

  it('in every format, for every form of the document, the error names the position only', async () => {
    for (const [name, text] of Object.entries(cases)) write(join('leak', name), text);
    const out = await everyOutput(['leak']);
    expect(out).not.toContain(VALUE);
    expect(out).not.toContain(Buffer.from(VALUE).toString('base64'));
    const { report } = await assess(['leak']);
    expect(report.errors.length).toBe(Object.keys(cases).length);
    for (const e of report.errors) expect(e.line).toBeGreaterThan(0);
  });

  it("and not in verify's stderr either", async () => {
    write('verify-leak/bad.yaml', cases['configmap.yaml'] as string);
    write('verify-leak/ok.yaml', CM('ok'));
    const run = await runCli(['verify', '--source', 'verify-leak', '--target', 'verify-leak'], { cwd: dir });
    expect(run.stdout + run.stderr).not.toContain(VALUE);
    expect(run.stderr).toContain('verify-leak/bad.yaml:5');
  });
});

describe('3. kubeconfig, config and catalog errors print no snippet', () => {
  const TOKEN = 'eyJhbGciOi-canary-token';

  it('a YAML error in a kubeconfig names its position, not the token next to it', async () => {
    const kubeconfig = write(
      'kc/bad-config',
      `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${TOKEN}\n      client-key-data: x: y\n`,
    );
    await expect(kubeConfigTransport({ kubeconfig })).rejects.toThrow(
      /^cannot read the kubeconfig .*bad-config: not valid YAML at line \d+, column \d+$/,
    );
    const run = await runCli(['collect', '--kubeconfig', kubeconfig, '--out', join(dir, 'kc', 'out')], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stderr).toMatch(/not valid YAML at line/);
  });

  it('a config or catalog file with a broken alias or tag prints no part of it', async () => {
    write('cfg/.kube2eks.yaml', `failOn: warning\nrules:\n  image/registry: *${TOKEN}\n`);
    write('cfg/ok.yaml', CM('ok'));
    const cfg = await runCli(['assess', 'ok.yaml'], { cwd: join(dir, 'cfg') });
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).not.toContain(TOKEN);
    expect(cfg.stderr).not.toMatch(/internal error/);
    for (const [name, text] of [
      ['cat.yaml', `eksVersions:\n  versions: !${TOKEN} [\n`],
      ['cat.json', `{"eksVersions": ${TOKEN}}`],
    ] as const) {
      write(join('cfg', name), text);
      const run = await runCli(['assess', 'ok.yaml', '--config', 'none.yaml', '--catalog', name], {
        cwd: join(dir, 'cfg'),
      });
      expect(run.stderr).not.toContain(TOKEN);
    }
    write('cfg/none.yaml', 'failOn: warning\n');
    const cat = await runCli(['assess', 'ok.yaml', '--config', 'none.yaml', '--catalog', 'cat.json'], {
      cwd: join(dir, 'cfg'),
    });
    expect(cat.stderr).toBe('kube2eks: cat.json: not valid JSON: unexpected text here\n');
  });
});

describe("4. a Secret document's comments are never output", () => {
  it('not even the Helm # Source: line, in any format', async () => {
    write(
      'helm-secret.yaml',
      `# Source: chart/templates/s3cr3t-canary.yaml\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {p: eA==}\n---\n# Source: chart/templates/cm.yaml\n${CM('c')}`,
    );
    const out = await everyOutput(['helm-secret.yaml']);
    expect(out).not.toContain('s3cr3t-canary');
    const { report } = await assess(['helm-secret.yaml']);
    expect(JSON.stringify(report)).not.toContain('s3cr3t');
  });
});

describe('5. no terminal or Markdown injection', () => {
  it('names, images and file names with escapes print as escapes in the table', async () => {
    write(
      'ansi\u001b[2J.yaml',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: "web\\e[31m\\u202e"}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: "gcr.io/x/y\\e]8;;http://evil\\a:1"}]\n`,
    );
    const table = await assess(['ansi\u001b[2J.yaml'], 'table');
    for (const raw of ['\u001b', '\u0007', '\u202e']) expect(table.stdout).not.toContain(raw);
    expect(table.stdout).toContain('web\\u001b[31m\\u202e');
    expect(table.stdout).toContain('ansi\\u001b[2J.yaml');
  });

  it('JSON and SARIF keep their meaning but carry bidi overrides and C1 controls as \\u escapes', async () => {
    write(
      'bidi.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: "lb\\u202e\\x9b", namespace: a}\nspec: {type: LoadBalancer}\n',
    );
    for (const format of ['json', 'sarif']) {
      const run = await assess(['bidi.yaml'], format);
      for (const raw of ['\u202e', '\u009b']) expect(run.stdout).not.toContain(raw);
      expect(run.stdout).toContain('lb\\u202e\\u009b');
      expect(JSON.stringify(JSON.parse(run.stdout))).toContain('lb\u202e\u009b');
    }
  });

  it("verify's Markdown escapes HTML and links, like assess's", async () => {
    const deploy = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: '${name}', namespace: shop}\nspec: {replicas: 1}\n`;
    write('md-src/d.yaml', deploy('<img src=x onerror=alert(1)>[click](http://evil)'));
    write('md-dst/d.yaml', CM('other'));
    const run = await runCli(['verify', '--source', 'md-src', '--target', 'md-dst', '--format', 'markdown'], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    // The resource is a code span (shown as written, never rendered); the detail is escaped text.
    expect(run.stdout).toContain(
      '| **gap** | workload | `Deployment shop/<img src=x onerror=alert(1)>[click](http://evil)` | Deployment shop/&lt;img src=x onerror=alert(1)&gt;\\[click\\](http://evil) is not on the target |',
    );
  });
});

describe('6. no crash: deep nesting, a full disk', () => {
  it('2,000 nested JSON arrays are one located error; the other inputs are still assessed', async () => {
    write('deep2000.json', '['.repeat(2000) + ']'.repeat(2000));
    write(
      'deeplist.json',
      `{"apiVersion":"v1","kind":"List","items":${'['.repeat(2000)}${']'.repeat(2000)}}`,
    );
    write('fine.yaml', CM('fine'));
    const { report, code } = await assess(['deep2000.json', 'deeplist.json', 'fine.yaml']);
    expect(code).toBe(0);
    expect(report.summary.objects).toBe(1);
    expect(report.errors.map((e: { file: string; line: number }) => [e.file, e.line])).toEqual([
      ['deep2000.json', 1],
      ['deeplist.json', 1],
    ]);
  });

  it.skipIf(!linux || !built)('writing to a full disk is exit 2 with one line, not a stack trace', () => {
    write('full.yaml', CM('full'));
    const r = shell('$K2E assess full.yaml > /dev/full');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('kube2eks: cannot write to standard output (no space left on the device).\n');
    const o = shell('$K2E assess full.yaml --output /dev/full');
    expect(o.status).toBe(2);
    expect(o.stderr).toBe('kube2eks: --output /dev/full: cannot write (no space left on the device).\n');
  });
});

describe('7. no silent loss', () => {
  it('CR-only line endings keep every document, at its line', async () => {
    write('cr.yaml', `${CM('a')}---\n${CM('b')}---\n${CM('c')}`.replaceAll('\n', '\r'));
    const { report } = await assess(['cr.yaml']);
    expect(report.errors).toEqual([]);
    expect(report.summary.objects).toBe(3);
    const inventory = await loadInventory(['cr.yaml'], { cwd: dir });
    expect(inventory.objects.map((o) => [o.ref.name, o.location.line])).toEqual([
      ['a', 1],
      ['b', 6],
      ['c', 11],
    ]);
  });

  it('one bad item of a List is reported alone; the other items are read', async () => {
    write(
      'list-bad-item.yaml',
      `apiVersion: v1\nkind: List\nitems:\n- ${CM('a').replaceAll('\n', '\n  ').trimEnd()}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b, name: dup}\n- ${CM('c').replaceAll('\n', '\n  ').trimEnd()}\n`,
    );
    const { report } = await assess(['list-bad-item.yaml']);
    expect(report.summary.objects).toBe(2);
    expect(report.errors).toEqual([
      {
        file: 'list-bad-item.yaml',
        line: 10,
        column: 23,
        message: 'item 2 of the List: invalid YAML: duplicated mapping key',
      },
    ]);
  });

  it('an extracted Velero backup in a folder walk is read as a backup: no duplicate per API version', async () => {
    const backup = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'gcr.io/x/y:1' }] } } },
    };
    write('walk/backup/metadata/version', '1.1.0\n');
    for (const v of ['v1-preferredversion/', '', 'v1beta2/'])
      write(`walk/backup/resources/deployments.apps/${v}namespaces/shop/web.json`, JSON.stringify(backup));
    write('walk/cm.yaml', CM('plain'));
    const inventory = await loadInventory(['walk'], { cwd: dir });
    expect(inventory.objects.map((o) => `${o.ref.kind}/${o.ref.name} ${o.origin}`)).toEqual([
      'ConfigMap/plain manifest',
      'Deployment/web backup',
    ]);
  });
});

describe('8. --output never destroys what it does not own', () => {
  it.skipIf(!linux || !built)('--output /dev/stdout appends to the log stdout points at', () => {
    write('log.yaml', CM('log'));
    writeFileSync(join(dir, 'build.log'), 'line one of the build log\n');
    const r = shell('$K2E assess log.yaml --format json --output /dev/stdout >> build.log');
    expect(r.status).toBe(0);
    const log = readFileSync(join(dir, 'build.log'), 'utf8');
    expect(log.startsWith('line one of the build log\n{')).toBe(true);
    expect(JSON.parse(log.slice(log.indexOf('{'))).summary.objects).toBe(1);
  });
});

describe('9. verify: unreadable input is a gap', () => {
  it('a source document that cannot be read makes verify exit 1, not "All checks ok"', async () => {
    write('v9/ok.yaml', CM('ok'));
    write('v9/bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n');
    const run = await runCli(['verify', '--source', 'v9', '--target', 'v9/ok.yaml', '--format', 'json'], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.summary.gaps).toBe(1);
    expect(result.checks[0]).toMatchObject({
      kind: 'input',
      status: 'gap',
      resource: { kind: 'File', name: 'v9/bad.yaml:3' },
    });
  });
});

describe('10. no hang, no unbounded memory', () => {
  it.skipIf(!linux)('a glob matching a link to /dev/zero skips it with a note', async () => {
    write('g10/real.yaml', CM('real'));
    symlinkSync('/dev/zero', join(dir, 'g10', 'zero.yaml'));
    const inventory = await loadInventory(['g10/*.yaml'], { cwd: dir });
    expect(inventory.objects.map((o) => o.ref.name)).toEqual(['real']);
    expect(inventory.notes).toEqual([
      {
        file: 'g10/zero.yaml',
        message:
          'skipped: not a regular file (a named pipe, socket or device); name it on the command line to read it',
      },
    ]);
  });

  it.skipIf(!linux)('a FIFO named kube2eks-bundle.json in a folder does not make it a bundle', async () => {
    mkdirSync(join(dir, 'fifo-bundle', 'sub'), { recursive: true });
    execFileSync('mkfifo', [join(dir, 'fifo-bundle', 'sub', 'kube2eks-bundle.json')]);
    write('fifo-bundle/sub/cm.yaml', CM('in-sub'));
    execFileSync('mkfifo', [join(dir, 'fifo-bundle', 'kube2eks-bundle.json')]);
    const inventory = await loadInventory(['fifo-bundle'], { cwd: dir });
    expect(inventory.objects.map((o) => o.ref.name)).toEqual(['in-sub']);
  });

  it.skipIf(!linux)('/dev/zero named on the command line stops at its first bytes', async () => {
    const inventory = await loadInventory(['/dev/zero'], { cwd: dir });
    expect(inventory.errors).toEqual([
      { file: '/dev/zero', message: 'not a text file (binary data); kube2eks reads YAML and JSON manifests' },
    ]);
  });

  it.skipIf(!linux)('a config or catalog file that is /dev/zero is refused at its size limit', async () => {
    write('zero-cfg/ok.yaml', CM('ok'));
    symlinkSync('/dev/zero', join(dir, 'zero-cfg', '.kube2eks.yaml'));
    const cfg = await runCli(['assess', 'ok.yaml'], { cwd: join(dir, 'zero-cfg') });
    expect(cfg.code).toBe(2);
    // Found (not named), it must be a regular file; named, it may be a pipe, read up to its limit.
    expect(cfg.stderr).toBe(
      'kube2eks: .kube2eks.yaml: not a regular file (a pipe or device); remove it, or name a settings file with --config.\n',
    );
    write('zero-named/ok.yaml', CM('ok'));
    const named = await runCli(['assess', 'ok.yaml', '--config', '/dev/zero'], {
      cwd: join(dir, 'zero-named'),
    });
    expect(named.code).toBe(2);
    expect(named.stderr).toBe(
      'kube2eks: /dev/zero: the config file is larger than 1 MB; it holds a few settings.\n',
    );
    write('zero-cat/ok.yaml', CM('ok'));
    const cat = await runCli(['assess', 'ok.yaml', '--catalog', '/dev/zero'], { cwd: join(dir, 'zero-cat') });
    expect(cat.code).toBe(2);
    expect(cat.stderr).toContain('/dev/zero: the catalog file is larger than 64 MB');
  });

  it('an NDJSON line arriving in many small pieces is read whole, and an endless line is cut at the limit', () => {
    const reader = new NdjsonReader((line) => ({ file: 'b', line }), 'v1');
    const object = JSON.stringify({
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: { a: 'y'.repeat(100_000) },
    });
    for (let i = 0; i < object.length; i += 7) reader.push(object.slice(i, i + 7));
    reader.push('\n{"kind": "ConfigMap", "metadata": {"name": "z"}}');
    reader.end();
    expect(reader.objects.map((o) => o.ref.name)).toEqual(['x', 'z']);
    expect(reader.errors).toEqual([]);
  });
});

describe('11. smaller', () => {
  it('a config alias bomb or unresolved alias is a usage error naming the file, not an internal error', async () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nfailOn: warning\n`;
    for (const text of [bomb, 'failOn: *nowhere\n']) {
      write('c11/.kube2eks.yaml', text);
      write('c11/ok.yaml', CM('ok'));
      const run = await runCli(['assess', 'ok.yaml'], { cwd: join(dir, 'c11') });
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/internal error|please report/);
      expect(run.stderr).toMatch(/^kube2eks: \.kube2eks\.yaml/);
    }
  });

  it("--output '' asks for a file name", async () => {
    write('o11.yaml', CM('o'));
    const run = await runCli(['assess', 'o11.yaml', '--output', ''], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('kube2eks: --output needs a file name (or - for standard output).\n');
  });

  it('a valid !!binary Secret value is read', async () => {
    write(
      'binary.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: b}\ndata:\n  key: !!binary |\n    aGVsbG8=\n',
    );
    const { report } = await assess(['binary.yaml']);
    expect(report.errors).toEqual([]);
    expect(report.summary.objects).toBe(1);
  });
});

describe('12. exit codes that protect CI', () => {
  it('empty standard input is exit 2 with a clear message', async () => {
    const stdin = process.stdin;
    Object.defineProperty(process, 'stdin', { value: Readable.from([]), configurable: true });
    try {
      const run = await runCli(['assess', '-'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'kube2eks: -: standard input was empty: nothing to assess (did the command before the pipe fail?)\n',
      );
    } finally {
      Object.defineProperty(process, 'stdin', { value: stdin, configurable: true });
    }
  });

  it('an empty file named on the command line is an error entry (exit 1)', async () => {
    write('empty.yaml', '');
    write('comments.yaml', '# nothing here\n---\n');
    const run = await runCli(['assess', 'empty.yaml', 'comments.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([
      { file: 'empty.yaml', message: 'the file is empty: nothing to assess' },
      {
        file: 'comments.yaml',
        message: 'the file holds no Kubernetes object (only comments or empty documents)',
      },
    ]);
  });

  it('a folder with no Kubernetes object at all is exit 2', async () => {
    write('no-objects/values.yaml', 'replicas: 3\nimage: x\n');
    const run = await runCli(['assess', 'no-objects'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'kube2eks: no-objects: the folder holds no Kubernetes object (no-objects/values.yaml: no Kubernetes objects (no apiVersion and kind): skipped)\n',
    );
  });
});

describe('13. hostile files of the older corpus', () => {
  it('each is an error entry naming its file and line, in a folder walk too', async () => {
    write('c13/noname.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n');
    write(
      'c13/list-map.yaml',
      'apiVersion: v1\nkind: List\nitems:\n  a: {apiVersion: v1, kind: ConfigMap}\n',
    );
    write(
      'c13/helm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n  b: {{ .Values.b }}\n'.replaceAll(
        '\n',
        '\r',
      ),
    );
    write('c13/ok.yaml', CM('ok'));
    const { report } = await assess(['c13']);
    expect(report.summary.objects).toBe(1);
    expect(report.errors).toEqual([
      {
        file: 'c13/helm.yaml',
        line: 7,
        column: 6,
        message:
          'unrendered Helm template ({{ … }}); render it first: helm template <chart> | kube2eks assess -',
      },
      {
        file: 'c13/list-map.yaml',
        line: 1,
        column: 1,
        message: 'document of kind List has items that are a mapping, not a list',
      },
      {
        file: 'c13/noname.yaml',
        line: 1,
        column: 1,
        message:
          'document of kind ConfigMap has no metadata.name (nor metadata.generateName); the API server would reject it',
      },
    ]);
  });
});

describe('beyond the named instances: the kit never runs or writes what the input names', () => {
  it('image tags, namespaces and names reach the shell scripts quoted, and no path leaves the kit', async () => {
    write(
      'kit-in/app.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "web\\ntouch /tmp/kube2eks-pwned-name"
  namespace: "shop;touch /tmp/kube2eks-pwned-ns"
spec:
  template:
    spec:
      containers:
      - name: web
        image: "gcr.io/acme/web:1$(touch\${IFS}/tmp/kube2eks-pwned-tag)"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: x, namespace: ".."}
`,
    );
    const inventory = await loadInventory(['kit-in'], { cwd: dir });
    const result = assessInventory(inventory, {
      now: new Date('2026-12-03T00:00:00Z'),
      targetVersion: '1.33',
    });
    const plan = { ...samplePlan(), cluster: { ...samplePlan().cluster, name: 'shop"$(touch /tmp/x)' } };
    const artifacts = generate(plan, inventory, result.findings, {
      sources: [{ file: 'kit-in/app.yaml', text: readFileSync(join(dir, 'kit-in/app.yaml'), 'utf8') }],
      registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      toolVersion: '0.1.0',
    });
    for (const a of artifacts) {
      expect(a.path.split('/')).not.toContain('..');
      if (!a.path.endsWith('.sh')) continue;
      const script = join(dir, 'kit-in', a.path.replaceAll('/', '_'));
      writeFileSync(script, a.content);
      execFileSync('bash', ['-n', script]);
      // Where the hostile text keeps its shell characters unescaped, it is inside single quotes or a comment.
      for (const line of a.content.split('\n').filter((l) => /(?<!\\)\$\(touch|;touch/.test(l))) {
        expect(line.trimStart().startsWith('#') || /'[^']*(\$\(touch|;touch)[^']*'/.test(line), line).toBe(
          true,
        );
      }
      expect(a.content).not.toContain('\ntouch');
    }
    const install = artifacts.find((a) => a.content.includes('BUCKET="'));
    expect(install?.content).toContain('BUCKET="${BUCKET:-shop\\"\\$(touch /tmp/x)-velero-migration}"');
    expect(artifacts.some((a) => a.path.endsWith('.sh') && a.content.includes('kube2eks-pwned-tag'))).toBe(
      true,
    );
  });
});
