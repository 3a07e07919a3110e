// End to end: the built CLI (bin/kube2eks.js → dist/) and the demo on the bundled example, as a user runs them.
// Needs `npm run build` first (npm test does it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = 'examples/gke-shop';

interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  resource: { apiVersion: string; kind: string; namespace?: string; name: string };
  message: string;
  location: { file?: string; line?: number; column?: number };
}

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'kube2eks.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of the YAML document (between `---` separators) that holds line `line` of `text`. */
function documentAround(text: string, line: number): string {
  const lines = text.split('\n');
  let start = line - 1;
  while (start > 0 && !/^---\s*$/.test(lines[start] ?? '')) start--;
  let end = line - 1;
  while (end < lines.length - 1 && !/^---\s*$/.test(lines[end + 1] ?? '')) end++;
  return lines.slice(start, end + 1).join('\n');
}

// Every value of the example's (fake) Secrets, as written and decoded: none may reach any output.
const SECRET_VALUES = [
  'example-catalog-password-not-real',
  'example-postgres-password-not-real',
  'c2tfdGVzdF9GQUtFXzAwMDAwMDAwMDAwMDAwMDAwMDAw',
  'sk_test_FAKE_00000000000000000000',
  'd2hzZWNfRkFLRV9leGFtcGxlX29ubHk=',
  'whsec_FAKE_example_only',
  'eyJhdXRocyI6eyJldXJvcGUtd2VzdDEtZG9ja2VyLnBrZy5kZXYiOnsiYXV0aCI6IlptRnJaVHBtWVd0bCJ9fX0=',
  'ZmFrZTpmYWtl',
];

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests (npm test does it).');
  }
});

describe('kube2eks assess on examples/gke-shop', () => {
  let json: ReturnType<typeof cli>;
  let result: {
    summary: { objects: number; blocker: number; errors: number };
    findings: JsonFinding[];
    errors: unknown[];
    notes: Array<{ file: string; message: string }>;
    source: { provider: string };
  };
  beforeAll(() => {
    json = cli(['assess', EXAMPLE, '--format', 'json']);
    result = JSON.parse(json.stdout);
  }, 60_000);

  it('reads all 69 objects without errors and exits 1 because blockers exist (default --fail-on blocker)', () => {
    expect(json.stderr).toBe('');
    expect(json.status).toBe(1);
    expect(result.summary.objects).toBe(69);
    expect(result.errors).toEqual([]);
    expect(result.summary.blocker).toBeGreaterThan(0);
  });

  it('skips the kustomization.yaml with one note', () => {
    expect(result.notes.map((n) => n.file)).toEqual([`${EXAMPLE}/shop/catalog-api/kustomization.yaml`]);
    expect(result.notes[0]?.message).toMatch(/kustomize build/);
  });

  it('reports the removed APIs of the example at the apiVersion line of their file', () => {
    const removed = result.findings
      .filter((f) => f.ruleId === 'api/removed')
      .map(
        (f) =>
          `${f.resource.apiVersion} ${f.resource.kind} ${f.resource.namespace}/${f.resource.name} ${f.location.file}:${f.location.line}`,
      );
    expect(removed.sort()).toEqual([
      `autoscaling/v2beta2 HorizontalPodAutoscaler shop/storefront ${EXAMPLE}/shop/storefront/hpa.yaml:2`,
      `batch/v1beta1 CronJob data/postgres-backup ${EXAMPLE}/data/postgres/backup-cronjob.yaml:2`,
      `extensions/v1beta1 Ingress shop/legacy-domain ${EXAMPLE}/shop/ingress/legacy-domain.yaml:2`,
    ]);
  });

  it('locates every finding at file:line inside examples/, in the document of its object', () => {
    expect(result.findings.length).toBeGreaterThan(10);
    for (const f of result.findings) {
      const where = `${f.ruleId} on ${f.resource.kind} ${f.resource.name}`;
      expect(f.location.file, where).toMatch(/^examples\/gke-shop\/.+\.yaml$/);
      expect(f.location.line, where).toBeGreaterThanOrEqual(1);
      const text = readFileSync(join(root, f.location.file!), 'utf8');
      expect(f.location.line!, where).toBeLessThanOrEqual(text.split('\n').length);
      const doc = documentAround(text, f.location.line!);
      expect(doc, where).toContain(`kind: ${f.resource.kind}`);
      expect(doc, where).toContain(`name: ${f.resource.name}`);
    }
  });

  it('exits 0 with --fail-on never and prints a table naming file:line', () => {
    const table = cli(['assess', EXAMPLE, '--fail-on', 'never']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain(`${EXAMPLE}/data/postgres/backup-cronjob.yaml:2`);
    expect(table.stdout).not.toContain('\u001b['); // no colour when stdout is not a terminal
  });

  it('never prints a Secret value, in any format', () => {
    const outputs = [json.stdout];
    for (const format of ['table', 'sarif', 'markdown']) {
      const r = cli(['assess', EXAMPLE, '--format', format, '--fail-on', 'never']);
      expect(r.status, format).toBe(0);
      outputs.push(r.stdout, r.stderr);
    }
    const all = outputs.join('\n');
    for (const value of SECRET_VALUES) expect(all).not.toContain(value);
  }, 120_000);
});

describe('npm run demo (scripts/demo.js)', () => {
  let out: string;
  let outside: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'kube2eks-demo-'));
    out = join(base, 'out');
    outside = join(base, 'outside.txt');
    mkdirSync(out);
    // A file the user put there, a stale output an earlier demo listed, and a listed path outside the folder.
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    writeFileSync(join(out, 'old-plan.json'), '{}');
    writeFileSync(outside, 'not the demo’s');
    writeFileSync(
      join(out, '.kube2eks-demo.json'),
      JSON.stringify({ files: ['old-plan.json', '../outside.txt'] }),
    );
  });
  afterAll(() => rmSync(dirname(out), { recursive: true, force: true }));

  const demo = () =>
    spawnSync(process.execPath, [join(root, 'scripts', 'demo.js'), '--out', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });

  it('runs twice, prints the findings table and writes findings.json, findings.sarif, report.md and report.html', () => {
    for (const run of [1, 2]) {
      const r = demo();
      expect(r.status, `run ${run}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`${EXAMPLE}/data/postgres/backup-cronjob.yaml:2`);
      const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
      expect(findings.summary.objects).toBe(69);
      expect(findings.findings.length).toBeGreaterThan(10);
      const sarif = JSON.parse(readFileSync(join(out, 'findings.sarif'), 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results.length).toBe(findings.findings.length);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('api/removed');
      const page = readFileSync(join(out, 'report.html'), 'utf8');
      expect(page.startsWith('<!doctype html>')).toBe(true);
      expect(page).toContain(`<b id="shown-count">${findings.findings.length}</b>`);
      expect(page).toContain('What to do first');
      expect(page).toContain('<section id="cost">');
      // Two screens: it starts with the checklist (after the step's command line) and stays under 120 lines.
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.slice(0, 4)).toEqual([
        '== Step 1/4: Assess: the migration checklist, then what breaks on EKS',
        `$ kube2eks assess ${EXAMPLE} --min-severity warning --fail-on never`,
        '',
        'Migration checklist',
      ]);
      expect(lines.length).toBeLessThan(117); // npm run adds 3 lines of its own
      // The kit: written once, then left as it is (every file unchanged).
      expect(r.stdout).toContain('== Step 4/4: Generate: the migration kit');
      expect(r.stderr).toMatch(
        run === 1
          ? /wrote the kit to .*: \d+ new, 0 replaced/
          : /: 0 new, 0 replaced, \d+ unchanged, 0 removed/,
      );
      expect(readFileSync(join(out, 'kit', 'RUNBOOK.md'), 'utf8')).toContain(
        '## Phase 3: move the workloads',
      );
      expect(existsSync(join(out, 'kit', '.kube2eks-kit.json'))).toBe(true);
    }
  }, 240_000);

  it('replaced only its own earlier outputs', () => {
    expect(existsSync(join(out, 'old-plan.json'))).toBe(false);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(outside, 'utf8')).toBe('not the demo’s');
    expect(JSON.parse(readFileSync(join(out, '.kube2eks-demo.json'), 'utf8')).files).toEqual([
      'findings.json',
      'findings.sarif',
      'report.md',
      'plan.json',
      'plan.md',
      'report.html',
    ]);
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(plan.cluster.name).toBe('shop-eks');
    expect(plan.nodeGroups.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'plan.md'), 'utf8')).toMatch(/^# EKS plan: shop-eks/);
  });
});
