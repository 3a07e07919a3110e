// Hostile files through the CLI: each run ends with a plain message (no stack trace), and whatever can be
// read is still assessed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/sources/index.js';
import { runCli } from '../support/run-cli.js';

let dir: string;
const DEEP = 'the document nests deeper than 256 levels, which no Kubernetes object does; it was not read';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {enabled: yes, debug: off, on: no, version: 1.10}
spec:
  template:
    spec:
      containers:
      - name: web
        image: gcr.io/acme/web:1
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kube2eks-hostile-'));
  const write = (name: string, content: string | Buffer) => writeFileSync(join(dir, name), content);
  write('crlf.yaml', DEPLOYMENT.replaceAll('\n', '\r\n'));
  write('bom.yaml', `\ufeff${DEPLOYMENT}`);
  write('tabs.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabs\n');
  write('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
  write('latin1.yaml', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n', 'latin1'));
  write(
    'deep.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
  );
  write(
    'deep.json',
    `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dj"},"data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
  );
  write(
    'tiny.yaml',
    Array.from(
      { length: 5000 },
      (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: t${i}}\n`,
    ).join(''),
  );
  mkdirSync(join(dir, 'loop', 'sub'), { recursive: true });
  write(join('loop', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: in-loop}\n');
  symlinkSync('..', join(dir, 'loop', 'sub', 'up'));
  symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'self'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function assessJson(args: string[]) {
  const run = await runCli(['assess', ...args, '--format', 'json', '--fail-on', 'never', '--no-color'], {
    cwd: dir,
  });
  expect(run.stderr).not.toMatch(/\n\s+at |rule .* failed|internal error/);
  return { ...run, report: run.code === 0 ? JSON.parse(run.stdout) : undefined };
}

describe('hostile inputs', () => {
  it('reads CRLF, a BOM and YAML 1.1 words the same as plain YAML', async () => {
    const plain = join(dir, 'plain.yaml');
    writeFileSync(plain, DEPLOYMENT);
    const lines = async (file: string) =>
      (await assessJson([file])).report.findings.map((f: { ruleId: string; location: { line: number } }) => [
        f.ruleId,
        f.location.line,
      ]);
    const expected = await lines('plain.yaml');
    expect(expected.length).toBeGreaterThan(0);
    expect(await lines('crlf.yaml')).toEqual(expected);
    expect(await lines('bom.yaml')).toEqual(expected);
  });

  it('reports tabs, duplicate keys, non-UTF-8 and deep nesting as errors with a line, and reads the rest', async () => {
    const { report } = await assessJson([
      'tabs.yaml',
      'dup.yaml',
      'latin1.yaml',
      'deep.yaml',
      'deep.json',
      'crlf.yaml',
    ]);
    expect(report.errors).toEqual([
      {
        file: 'tabs.yaml',
        line: 4,
        column: 1,
        message: 'invalid YAML: tab characters must not be used in indentation',
      },
      { file: 'dup.yaml', line: 5, column: 3, message: 'invalid YAML: duplicated mapping key' },
      { file: 'latin1.yaml', message: 'not a UTF-8 text file; kube2eks reads YAML and JSON manifests' },
      { file: 'deep.yaml', line: 1, column: 1, message: DEEP },
      { file: 'deep.json', line: 1, column: 1, message: DEEP },
    ]);
    // JSON.parse has no depth limit, but whatever walks the object after it would overflow the stack.
    expect(report.summary.objects).toBe(1);
  });

  it('reads 5,000 tiny documents, each at its own line', async () => {
    const inventory = await loadInventory(['tiny.yaml'], { cwd: dir });
    expect(inventory.objects).toHaveLength(5000);
    expect(inventory.objects[4999]?.location.line).toBe(4 * 4999 + 2);
  });

  it('walks a folder with symbolic link loops once', async () => {
    const inventory = await loadInventory(['loop'], { cwd: dir });
    expect(inventory.objects.map((o) => o.ref.name)).toEqual(['in-loop']);
  });

  it('refuses empty standard input, so an empty pipe does not pass unnoticed', async () => {
    for (const chunks of [[], ['  \n\n']]) {
      await expect(loadInventory(['-'], { cwd: dir, stdin: Readable.from(chunks) })).rejects.toThrow(
        '-: standard input was empty: nothing to assess (did the command before the pipe fail?)',
      );
    }
  });

  it.skipIf(process.platform !== 'linux')('skips a named pipe in a folder with a note', async () => {
    const fifoDir = join(dir, 'fifo');
    mkdirSync(fifoDir);
    writeFileSync(
      join(fifoDir, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: beside-a-pipe}\n',
    );
    execFileSync('mkfifo', [join(fifoDir, 'pipe.yaml')]);
    const inventory = await loadInventory(['fifo'], { cwd: dir });
    expect(inventory.objects.map((o) => o.ref.name)).toEqual(['beside-a-pipe']);
    expect(inventory.notes).toEqual([
      { file: 'fifo/pipe.yaml', message: 'skipped: not a regular file (a named pipe, socket or device)' },
    ]);
  });

  it.skipIf(!existsSync('/proc/self/mem'))(
    'explains a path that cannot be read (EIO), in a folder and alone',
    async () => {
      const weird = join(dir, 'weird');
      mkdirSync(weird);
      symlinkSync('/proc/self/mem', join(weird, 'mem.yaml'));
      writeFileSync(join(weird, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: beside}\n');
      const message =
        'cannot be read: input/output error (a device or special file that cannot be read as a file)';
      const { report } = await assessJson(['weird']);
      expect(report.errors).toEqual([{ file: 'weird/mem.yaml', message }]);
      expect(report.summary.objects).toBe(1);
      const alone = await runCli(['assess', 'weird/mem.yaml'], { cwd: dir });
      expect(alone.code).toBe(2);
      expect(alone.stderr).toBe(`kube2eks: weird/mem.yaml: ${message}\n`);
    },
  );
});
