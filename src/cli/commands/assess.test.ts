import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';
import { registry } from '../../rules/index.js';

// Removed in 1.22: a blocker against any supported target.
const BLOCKER = `apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: fires-removed, namespace: shop}
spec: {backend: {serviceName: web, servicePort: 80}}
`;
// Deprecated in 1.34, still served: a warning against 1.34.
const WARNING = `apiVersion: storage.k8s.io/v1beta1
kind: VolumeAttributesClass
metadata: {name: fires-deprecated}
driverName: ebs.csi.aws.com
`;

const KEPT = ['api/removed', 'api/deprecated'];

/**
 * A temp folder with manifests and a config that turns off every rule but the api ones, so the
 * outcome does not move as rules are added. `rules` adds settings to the config.
 */
function project(files: Record<string, string>, settings: Record<string, string> = {}, extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'k2e-assess-'));
  mkdirSync(join(dir, 'k8s'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'k8s', name), text);
  const rules = { ...Object.fromEntries(registry.map((r) => [r.meta.id, 'off'])), ...settings };
  for (const id of KEPT) if (!(id in settings)) delete rules[id];
  const lines = Object.entries(rules).map(([id, value]) => `  ${JSON.stringify(id)}: ${value}`);
  writeFileSync(join(dir, 'test.kube2eks.yaml'), `${extra}rules:\n${lines.join('\n') || '  {}'}\n`);
  return dir;
}

const BASE = ['assess', 'k8s', '--config', 'test.kube2eks.yaml', '--target-version', '1.34'];

async function assessIn(dir: string, args: string[] = []) {
  return runCli([...BASE, ...args], { cwd: dir });
}

function findingsOf(stdout: string): Array<{ ruleId: string; severity: string }> {
  return JSON.parse(stdout).findings;
}

describe('kube2eks assess: exit codes', () => {
  it('exits 1 on a blocker by default and 0 with --fail-on never', async () => {
    const dir = project({ 'app.yaml': `${BLOCKER}---\n${WARNING}` });
    const run = await assessIn(dir, ['--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(findingsOf(run.stdout).map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'blocker api/removed',
      'warning api/deprecated',
    ]);
    expect((await assessIn(dir, ['--fail-on', 'never'])).code).toBe(0);
  });

  it('follows --fail-on for warnings and info', async () => {
    const warnings = project({ 'app.yaml': WARNING });
    expect((await assessIn(warnings)).code).toBe(0);
    expect((await assessIn(warnings, ['--fail-on', 'blocker'])).code).toBe(0);
    expect((await assessIn(warnings, ['--fail-on', 'warning'])).code).toBe(1);
    expect((await assessIn(warnings, ['--fail-on', 'info'])).code).toBe(1);

    const info = project({ 'app.yaml': WARNING }, { 'api/deprecated': 'info' });
    expect((await assessIn(info, ['--fail-on', 'warning'])).code).toBe(0);
    expect((await assessIn(info, ['--fail-on', 'info'])).code).toBe(1);
  });

  it('exits 0 when nothing is found', async () => {
    const dir = project({ 'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dont-fire}\n' });
    const run = await assessIn(dir, ['--fail-on', 'info', '--no-color']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'No findings.\n0 blockers, 0 warnings, 0 info in 1 object\nTarget: EKS 1.34.',
    );
  });

  it('counts a document that cannot be read as a blocker', async () => {
    const dir = project({ 'good.yaml': WARNING, 'bad.yaml': 'kind: [unclosed\n' });
    const run = await assessIn(dir, ['--format', 'json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].file).toBe(join('k8s', 'bad.yaml'));
    expect(json.summary.errors).toBe(1);
    expect((await assessIn(dir, ['--fail-on', 'never'])).code).toBe(0);
  });
});

describe('kube2eks assess: a rule that fails', () => {
  it('is told once on stderr, and the other rules still run', async () => {
    const removed = registry.find((r) => r.meta.id === 'api/removed');
    if (!removed?.checkObject) throw new Error('api/removed is a per-object rule');
    const spy = vi.spyOn(removed, 'checkObject').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const dir = project({
        'a.yaml': `${BLOCKER}---\n${WARNING}---\n${WARNING.replace('fires-deprecated', 'fires-2')}`,
      });
      const run = await assessIn(dir, ['--format', 'json']);
      expect(run.stderr).toBe(
        'kube2eks: rule api/removed failed on Ingress shop/fires-removed (k8s/a.yaml:1): boom. The other rules ran; please report it.\n' +
          'kube2eks: rule api/removed failed on 2 more objects.\n',
      );
      expect(findingsOf(run.stdout).map((f) => f.ruleId)).toEqual(['api/deprecated', 'api/deprecated']);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('kube2eks assess: usage errors exit 2 without a stack', () => {
  it('rejects an unknown --format with the allowed list', async () => {
    const run = await assessIn(project({ 'a.yaml': WARNING }), ['--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      "argument 'xml' is invalid. Allowed choices are table, json, sarif, markdown, html.",
    );
  });

  it('rejects an unknown --fail-on', async () => {
    const run = await assessIn(project({ 'a.yaml': WARNING }), ['--fail-on', 'blockers']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Allowed choices are blocker, warning, info, never.');
  });

  it('names a missing input path', async () => {
    const dir = project({ 'a.yaml': WARNING });
    const run = await runCli(['assess', 'no-such-folder'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^kube2eks: .*no-such-folder.*\n$/);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('rejects a target version the catalog does not know', async () => {
    const run = await assessIn(project({ 'a.yaml': WARNING }), ['--target-version', '1.99']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kube2eks: EKS version 1\.99 is not in the catalog/);
  });

  it('explains a bad config file', async () => {
    const dir = project({ 'a.yaml': WARNING });
    writeFileSync(join(dir, 'bad.kube2eks.yaml'), 'failOn: sometimes\nrules:\n  api/remove: off\n');
    const run = await runCli(['assess', 'k8s', '--config', 'bad.kube2eks.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'kube2eks: bad.kube2eks.yaml:1: failOn: "sometimes" is not allowed; use one of blocker, warning, info, never.\n' +
        "bad.kube2eks.yaml:3: rules.api/remove: unknown rule id; did you mean api/removed? Run 'kube2eks rules' to list the rules.\n",
    );
  });

  it('names a missing --config file', async () => {
    const run = await runCli(['assess', 'k8s', '--config', 'nope.yaml'], {
      cwd: project({ 'a.yaml': WARNING }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('kube2eks: --config nope.yaml: no such file.\n');
  });
});

describe('kube2eks assess: configuration', () => {
  it('overrides a rule severity and disables a rule', async () => {
    const files = { 'app.yaml': `${BLOCKER}---\n${WARNING}` };
    const lowered = await assessIn(project(files, { 'api/removed': 'info' }), ['--format', 'json']);
    expect(lowered.code).toBe(0);
    expect(findingsOf(lowered.stdout).map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'warning api/deprecated',
      'info api/removed',
    ]);
    const disabled = await assessIn(project(files, { 'api/removed': 'off' }), ['--format', 'json']);
    expect(disabled.code).toBe(0);
    expect(findingsOf(disabled.stdout).map((f) => f.ruleId)).toEqual(['api/deprecated']);
    const area = await assessIn(project(files, { 'api/*': 'off', 'api/deprecated': 'blocker' }), [
      '--format',
      'json',
    ]);
    expect(findingsOf(area.stdout).map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'blocker api/deprecated',
    ]);
  });

  it('takes failOn and targetVersion from the file; flags win', async () => {
    const dir = project({ 'app.yaml': WARNING }, {}, 'failOn: warning\ntargetVersion: "1.31"\n');
    const fromFile = await runCli(['assess', 'k8s', '--config', 'test.kube2eks.yaml', '--format', 'json'], {
      cwd: dir,
    });
    expect(JSON.parse(fromFile.stdout).target.eksVersion).toBe('1.31');
    // VolumeAttributesClass v1beta1 is not deprecated yet in 1.31: nothing found.
    expect(fromFile.code).toBe(0);
    const flagged = await assessIn(dir, ['--format', 'json']);
    expect(JSON.parse(flagged.stdout).target.eksVersion).toBe('1.34');
    expect(flagged.code).toBe(1);
    expect((await assessIn(dir, ['--fail-on', 'blocker'])).code).toBe(0);
  });

  it('reads .kube2eks.yaml from the current folder when present', async () => {
    const dir = project({ 'app.yaml': WARNING });
    writeFileSync(join(dir, '.kube2eks.yaml'), 'failOn: warning\n');
    const run = await runCli(['assess', 'k8s', '--target-version', '1.34'], { cwd: dir });
    expect(run.code).toBe(1);
  });

  it('says which file a bad targetVersion came from', async () => {
    const dir = project({ 'app.yaml': WARNING }, {}, 'targetVersion: "1.99"\n');
    const run = await runCli(['assess', 'k8s', '--config', 'test.kube2eks.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^kube2eks: test\.kube2eks\.yaml: targetVersion: EKS version 1\.99 is not in the catalog/,
    );
  });
});

describe('kube2eks assess: output', () => {
  it('writes --output, replacing an older report, and prints nothing on stdout', async () => {
    const dir = project({ 'app.yaml': BLOCKER });
    writeFileSync(join(dir, 'report.sarif'), 'an older report');
    const run = await assessIn(dir, ['--format', 'sarif', '--output', 'report.sarif']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('kube2eks: wrote report.sarif: 1 blocker, 0 warnings, 0 info in 1 object\n');
    const sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['api/removed']);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'k8s/app.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('explains an --output folder that does not exist', async () => {
    const run = await assessIn(project({ 'app.yaml': BLOCKER }), ['--output', 'out/report.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'kube2eks: --output out/report.md: the folder out does not exist; create it first.\n',
    );
  });

  it('prints a table without color when stdout is not a terminal', async () => {
    const run = await assessIn(project({ 'app.yaml': BLOCKER }));
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toBe(`Migration checklist
 1. Fix 1 blocker first
    - Rewrite 1 object written in removed API versions: Ingress shop/fires-removed  [api/removed]

Blockers (1)
  api/removed (1)
    k8s/app.yaml:1  Ingress shop/fires-removed: extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.

What to do for each finding: --group-by none, or -o markdown. Waves by namespace: --summary.
1 blocker, 0 warnings, 0 info in 1 object
Target: EKS 1.34. Source: unknown.
`);
  });

  it('colors the table on a terminal, unless --no-color, NO_COLOR or --output', async () => {
    const dir = project({ 'app.yaml': BLOCKER });
    const descriptor = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    const noColor = process.env.NO_COLOR;
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    try {
      delete process.env.NO_COLOR;
      expect((await assessIn(dir)).stdout).toContain('\u001b[31m');
      expect((await assessIn(dir, ['--no-color'])).stdout).not.toContain('\u001b[');
      await assessIn(dir, ['--output', 'report.txt']);
      expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toContain('\u001b[');
      process.env.NO_COLOR = '1';
      expect((await assessIn(dir)).stdout).not.toContain('\u001b[');
    } finally {
      if (noColor === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = noColor;
      if (descriptor) Object.defineProperty(process.stdout, 'isTTY', descriptor);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });

  it('reads standard input for -', async () => {
    const dir = project({});
    const descriptor = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', { value: Readable.from([BLOCKER]), configurable: true });
    try {
      const run = await runCli([...BASE.map((a) => (a === 'k8s' ? '-' : a)), '--format', 'json'], {
        cwd: dir,
      });
      expect(run.code).toBe(1);
      const [finding] = JSON.parse(run.stdout).findings;
      expect(finding.ruleId).toBe('api/removed');
      expect(finding.location.file).toBe('-');
    } finally {
      if (descriptor) Object.defineProperty(process, 'stdin', descriptor);
    }
  });

  it('writes markdown', async () => {
    const run = await assessIn(project({ 'app.yaml': BLOCKER }), ['--format', 'markdown']);
    expect(run.stdout).toMatch(
      /^# kube2eks assessment\n\n\*\*1 blocker, 0 warnings, 0 info in 1 object\*\*\n/,
    );
  });
});

describe('kube2eks --help', () => {
  it('lists the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Commands:[\s\S]*\bassess\b[\s\S]*\brules\b/);
  });

  it('teaches assess with examples', async () => {
    const run = await runCli(['assess', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kubectl get deploy,sts,ds,svc,ing,pvc,sc -A -o yaml | kube2eks assess -');
    expect(run.stdout).toContain('-o sarif --output k.sarif');
    expect(run.stdout).toContain('-o, --format <format>');
    expect(run.stdout).toContain('--group-by <how>');
    expect(run.stdout).toContain('--fail-on <severity>');
  });
});

describe('kube2eks assess: grouping and filters on the bundled example', () => {
  const ROOT = new URL('../../..', import.meta.url).pathname;
  const EXAMPLE = ['assess', 'examples/gke-shop', '--target-version', '1.34', '--fail-on', 'never'];
  const run = (args: string[]) => runCli([...EXAMPLE, ...args], { cwd: ROOT });
  type JsonFinding = { ruleId: string; severity: string };

  function perRule(findings: JsonFinding[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const f of findings)
      counts[`${f.severity} ${f.ruleId}`] = (counts[`${f.severity} ${f.ruleId}`] ?? 0) + 1;
    return counts;
  }

  it('groups the table by rule with counts equal to the ungrouped JSON, identical findings collapsed', async () => {
    const json = JSON.parse((await run(['-o', 'json'])).stdout);
    const table = (await run([])).stdout;
    const counts: Record<string, number> = {};
    let severity = '';
    for (const line of table.split('\n')) {
      const section = /^(Blockers|Warnings|Info) \(\d+\)$/.exec(line);
      if (section) severity = { Blockers: 'blocker', Warnings: 'warning', Info: 'info' }[section[1]!]!;
      const group = /^ {2}([a-z0-9-]+\/[a-z0-9-]+) \((\d+)\)$/.exec(line);
      if (group) counts[`${severity} ${group[1]}`] = Number(group[2]);
    }
    expect(counts).toEqual(perRule(json.findings));
    expect(table.startsWith('Migration checklist\n 1. Fix 6 blockers first\n')).toBe(true);
    expect(table).toContain(
      '  ×4: ServiceAccount data/postgres-backup, payments/payments-api, shop/catalog-api and 1 more\n',
    );
    // Markdown lists the same findings, collapsed the same way.
    const markdown = (await run(['-o', 'markdown'])).stdout;
    const headings = markdown.split('\n').filter((l) => l.startsWith('### '));
    const collapsed = headings.map((h) => Number(/\(×(\d+)\)$/.exec(h)?.[1] ?? 1));
    expect(collapsed.reduce((a, b) => a + b, 0)).toBe(json.findings.length);
  });

  it('-o is --format; JSON and SARIF stay one entry per finding with the checklist in JSON', async () => {
    const short = (await run(['-o', 'json'])).stdout;
    expect(short).toBe((await run(['--format', 'json', '--group-by', 'namespace'])).stdout);
    const json = JSON.parse(short);
    expect(json.findings).toHaveLength(json.summary.blocker + json.summary.warning + json.summary.info);
    expect(json.checklist.map((i: { step: string }) => i.step)).toEqual([
      'blockers',
      'addons',
      'access-entries',
      'iam-roles',
      'crds',
      'images',
      'certificates',
      'secrets',
      'data',
      'dns',
    ]);
    expect(json.namespaces.map((n: { namespace: string }) => n.namespace)).toEqual([
      '',
      'data',
      'payments',
      'platform',
      'shop',
    ]);
    const sarif = JSON.parse((await run(['-o', 'sarif'])).stdout);
    expect(sarif.runs[0].results).toHaveLength(json.findings.length);
  });

  it('--min-severity lists only findings at or above it, in every format; the exit code still weighs all', async () => {
    const all = JSON.parse((await run(['-o', 'json'])).stdout);
    const warn = JSON.parse((await run(['-o', 'json', '--min-severity', 'warning'])).stdout);
    expect(warn.findings).toEqual(all.findings.filter((f: JsonFinding) => f.severity !== 'info'));
    expect(warn.summary).toEqual(all.summary);
    expect(warn.checklist).toEqual(all.checklist);
    const sarif = JSON.parse((await run(['-o', 'sarif', '--min-severity', 'blocker'])).stdout);
    expect(sarif.runs[0].results).toHaveLength(all.summary.blocker);
    const table = (await run(['--min-severity', 'warning'])).stdout;
    expect(table).not.toContain('\nInfo (');
    expect(table).toContain(`${all.summary.info} findings below warning not listed`);
    const gated = await runCli(
      ['assess', 'examples/gke-shop', '--min-severity', 'blocker', '--fail-on', 'info'],
      {
        cwd: ROOT,
      },
    );
    expect(gated.code).toBe(1);
  });

  it('--summary prints the checklist, the namespaces and the counts, no findings', async () => {
    const json = JSON.parse((await run(['-o', 'json'])).stdout);
    const shop = json.namespaces.find((n: { namespace: string }) => n.namespace === 'shop');
    expect([shop.objects, shop.stateful, shop.dependsOn]).toEqual([25, true, ['data', 'payments']]);
    const table = (await run(['--summary'])).stdout;
    expect(table).toContain('Migration checklist\n');
    expect(table).toContain(
      'Namespaces (to cut the move into waves)\n  NAMESPACE         OBJECTS  BLOCKERS  WARNINGS  STATEFUL  DEPENDS ON\n',
    );
    const row = ['shop', '25', String(shop.blocker), String(shop.warning), 'yes', 'data, payments'];
    expect(table.split('\n')).toContainEqual(
      `  ${row.map((c, i) => (i < 5 ? c.padEnd([16, 7, 8, 8, 8][i]!) : c)).join('  ')}`,
    );
    expect(table).not.toContain('Blockers (');
    const s = json.summary;
    expect(table.trimEnd().split('\n').at(-2)).toBe(
      `${s.blocker} blockers, ${s.warning} warnings, ${s.info} info in ${s.objects} objects`,
    );
    const markdown = (await run(['--summary', '-o', 'markdown'])).stdout;
    expect(markdown).toContain(`## Migration checklist\n\n1. **Fix ${s.blocker} blockers first**\n`);
    expect(markdown).toContain(`| shop | 25 | ${shop.blocker} | ${shop.warning} | yes | data, payments |`);
    expect(markdown).not.toContain('## Blockers');
  });

  it('groups by namespace and by object, and rejects an unknown grouping', async () => {
    const byNamespace = (await run(['--group-by', 'namespace'])).stdout;
    expect(byNamespace).toMatch(/\n\(cluster-scoped\) {2}3 blockers, \d+ warnings?, \d+ info\n/);
    expect(byNamespace).toContain('Namespaces (to cut the move into waves)');
    const byObject = (await run(['--group-by', 'object', '--min-severity', 'blocker'])).stdout;
    expect(byObject).toContain(
      '\nStorageClass standard-rwo  1 blocker\n    blocker storage/provisioner  StorageClass',
    );
    const bad = await run(['--group-by', 'team']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'team' is invalid");
  });
});
