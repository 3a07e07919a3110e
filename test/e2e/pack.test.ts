// The published package: `npm pack`, installed into an empty folder, gives a working `npx kube2eks`
// and ships what it needs at run time, nothing of the tests. Needs `npm run build` first (npm test does it)
// and the npm registry (the tarball's dependencies are installed; the local npm cache is preferred).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

describe('npm pack → npm install → npx kube2eks', () => {
  let work: string;
  let files: string[] = [];
  let app: string;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
      throw new Error(
        'dist/ is missing: run `npm run build` before the end-to-end tests (npm test does it).',
      );
    }
    work = mkdtempSync(join(tmpdir(), 'kube2eks-pack-'));
    // --ignore-scripts: pack the dist/ that `npm test` just built, instead of rebuilding it under the other tests.
    const packed = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const info = JSON.parse(packed)[0] as { filename: string; files: Array<{ path: string }> };
    files = info.files.map((f) => f.path);
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'pack-test', version: '1.0.0', private: true }),
    );
    execFileSync(
      npm,
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        join(work, info.filename),
      ],
      { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 170_000 },
    );
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the CLI, the build, the data and the docs, but no tests', () => {
    expect(files).toContain('bin/kube2eks.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files.some((f) => f.startsWith('data/'))).toBe(true);
    expect(
      files.filter((f) => f.startsWith('test/') || /\.test\.[cm]?[jt]s$/.test(f) || f.startsWith('src/')),
    ).toEqual([]);
    expect(files.filter((f) => /(^|\/)(vitest\.config|biome\.json|\.ci\/)/.test(f))).toEqual([]);
  });

  it('npx kube2eks --help works in the installing folder', () => {
    const r = spawnSync(npx, ['kube2eks', '--help'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: kube2eks/);
    expect(r.stdout).toMatch(/assess/);
  });

  it('npx kube2eks assess reads a folder and reports its findings', () => {
    cpSync(join(root, 'examples', 'gke-shop'), join(app, 'gke-shop'), { recursive: true });
    const r = spawnSync(npx, ['kube2eks', 'assess', 'gke-shop', '--format', 'json'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(1); // blockers exist
    const result = JSON.parse(r.stdout) as {
      summary: { objects: number };
      findings: Array<{ ruleId: string; location: { file: string } }>;
    };
    expect(result.summary.objects).toBe(69);
    expect(result.findings.some((f) => f.ruleId === 'api/removed')).toBe(true);
    expect(result.findings.every((f) => f.location.file.startsWith('gke-shop/'))).toBe(true);
  });
});
