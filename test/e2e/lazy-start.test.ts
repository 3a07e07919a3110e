// `kube2eks --help`, `<command> --help` and `rules` start fast because they load only what they print: the
// built CLI runs under a module tracer (test/support/trace-modules.mjs) and the test names every module it
// loaded. Needs `npm run build` first (npm test does it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tracer = join(root, 'test', 'support', 'trace-modules.mjs');
const work = mkdtempSync(join(tmpdir(), 'kube2eks-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Trace {
  status: number | null;
  stdout: string;
  /** npm packages loaded, by name (`@aws-sdk/client-ec2`, `zod`). */
  packages: string[];
  /** Modules of the product loaded, relative to dist/ (`cli/main.js`). */
  product: string[];
  /** Every file loaded. */
  files: string[];
}

let runs = 0;
function traced(args: string[]): Trace {
  const out = join(work, `trace-${runs++}.txt`);
  const r = spawnSync(process.execPath, ['--import', tracer, join(root, 'bin', 'kube2eks.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, KUBE2EKS_TRACE_MODULES: out, NO_COLOR: '1' },
  });
  const files = readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('file:') || l.startsWith('/'))
    .map((l) => (l.startsWith('file:') ? fileURLToPath(l) : l));
  const packages = new Set<string>();
  const product = new Set<string>();
  for (const file of files) {
    const at = file.lastIndexOf(`${sep}node_modules${sep}`);
    if (at >= 0) {
      const parts = file.slice(at + 14).split(sep);
      packages.add(parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? ''));
    } else if (file.startsWith(join(root, 'dist') + sep)) {
      product.add(relative(join(root, 'dist'), file).split(sep).join('/'));
    }
  }
  return {
    status: r.status,
    stdout: r.stdout,
    packages: [...packages].sort(),
    product: [...product].sort(),
    files,
  };
}

// What printing the help needs: the entry, the command definitions and the lists of choices they offer.
const HELP_MODULES =
  /^(cli\/(main|choices|errors|output|plan-options)|cli\/define\/[a-z-]+|report\/(escape|formats)|model\/types|version)\.js$/;

const COMMAND_HELP = [
  ['--help'],
  ['help'],
  ['--version'],
  ...['assess', 'plan', 'generate', 'rules', 'maxpods', 'versions', 'catalog', 'collect', 'verify'].map(
    (c) => [c, '--help'],
  ),
  ['catalog', 'info', '--help'],
  ['catalog', 'refresh', '--help'],
  ['help', 'plan'],
];

describe('kube2eks starts with only what it prints', () => {
  it.each(COMMAND_HELP.map((args) => [args.join(' '), args]))(
    '%s loads commander and the definitions only',
    (_, args) => {
      const run = traced(args as string[]);
      expect(run.status).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(run.packages).toEqual(['commander']);
      expect(run.product.filter((m) => !HELP_MODULES.test(m))).toEqual([]);
      expect(run.product).toContain('cli/define/assess.js');
    },
  );

  it.each([['rules'], ['rules', '--format', 'json']])(
    '%s loads the rule registry but none of what only the checks use',
    (...args) => {
      const run = traced(args);
      expect(run.status).toBe(0);
      expect(run.product).toContain('rules/index.js');
      expect(run.product).toContain('rules/gitops/values.js');
      // zod (catalog tables), semver and js-yaml (gitops rules), the AWS SDK, the Kubernetes client, HiGHS: none.
      expect(run.packages).toEqual(['commander']);
    },
  );

  it('a usage error loads no command either', () => {
    const run = traced(['assess', '--format', 'nope', 'x.yaml']);
    expect(run.status).toBe(2);
    expect(run.packages).toEqual(['commander']);
    expect(run.product.filter((m) => !HELP_MODULES.test(m))).toEqual([]);
  });

  it('a command loads its code when it runs (the tracer sees packages and CommonJS requires)', () => {
    const run = traced(['versions', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.product).toContain('cli/commands/versions.js');
    expect(run.product).toContain('catalog/index.js');
    expect(run.packages).toContain('zod');
    // commander's CommonJS entry requires its other files: CommonJS loads are seen too.
    expect(run.files).toContain(join(root, 'node_modules', 'commander', 'lib', 'command.js'));
    expect(run.product).not.toContain('cli/commands/assess.js');
  });
});
