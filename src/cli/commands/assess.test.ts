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
    expect(run.stdout).toContain(
      'Blockers (1)\n  removed-api (1)\n    k8s/app.yaml:1  Ingress shop/fires-removed  [api/removed]\n',
    );
    expect(run.stdout).toContain('1 blocker, 0 warnings, 0 info in 1 object\n');
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
    expect(run.stdout).toContain('--format sarif --output k.sarif');
    expect(run.stdout).toContain('--fail-on <severity>');
  });
});
