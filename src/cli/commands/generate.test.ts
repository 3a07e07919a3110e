import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closureProblems } from '../../../test/support/closure.js';
import { runCli } from '../../../test/support/run-cli.js';
import { assess } from '../../assess.js';
import { loadInventory } from '../../sources/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('kube2eks generate', () => {
  let work: string;
  let kit: string;
  let first: Map<string, string>;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kube2eks-generate-'));
    // The kit lives inside the input folder: a rerun must not read its own output.
    cpSync(join(ROOT, 'examples/gke-shop'), join(work, 'gke-shop'), { recursive: true });
    kit = join(work, 'gke-shop', 'kit');
    const run = await runCli(
      ['generate', 'gke-shop', '--out', 'gke-shop/kit', '--region', 'eu-west-1', '--registry', REGISTRY],
      { cwd: work },
    );
    expect(run.stderr).toContain('kube2eks: wrote the kit to gke-shop/kit:');
    expect(run.code).toBe(0);
    first = snapshot(kit);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the kit with its list of hashes', () => {
    expect([...first.keys()].filter((p) => !p.includes('/')).sort()).toEqual([
      '.kube2eks-kit.json',
      'RUNBOOK.md',
      'plan.json',
      'report.html',
    ]);
    const list = JSON.parse(first.get('.kube2eks-kit.json')!);
    expect(Object.keys(list.files).sort()).toEqual(
      [...first.keys()].filter((p) => p !== '.kube2eks-kit.json').sort(),
    );
    expect(first.get('manifests/shop/storefront/deployment.yaml')).toContain(
      `image: ${REGISTRY}/europe-west1-docker.pkg.dev/acme-prod/shop/storefront:3.8.1`,
    );
    expect(first.has('eksctl/cluster.yaml')).toBe(true);
  });

  it('the runbook’s file table lists exactly the files of the kit, report.html and plan.json too', () => {
    const book = first.get('RUNBOOK.md')!;
    const section = book.slice(book.indexOf('## The files of this kit'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| --- |')));
    const listed = [...table.matchAll(/^\| (`+) ?(.*?) ?\1 \|/gm)].map((m) => m[2]!.replaceAll('\\|', '|'));
    expect(listed.sort()).toEqual([...first.keys()].sort());
    expect(listed).toEqual(expect.arrayContaining(['report.html', 'plan.json', '.kube2eks-kit.json']));
  });

  it('closure: assess on the written manifests/ finds nothing fixable, and no category grows', async () => {
    const before = assess(await loadInventory([join(ROOT, 'examples/gke-shop')], { cwd: ROOT }), {
      targetVersion: '1.33',
    });
    const after = assess(await loadInventory([join(kit, 'manifests')], { cwd: ROOT }), {
      targetVersion: '1.33',
    });
    expect(after.errors).toEqual([]);
    expect(after.findings.filter((f) => f.fix && f.fix.length > 0).map((f) => f.ruleId)).toEqual([]);
    const secrets = [...first.get('manifests/SECRETS.md')!.matchAll(/^\| [^|]+ \| ([^|]+) \|/gm)].map((m) =>
      m[1]!.trim().replace(/^`(.*)`$/, '$1'),
    );
    expect(secrets.filter((n) => n !== 'Name' && n !== '---').sort()).toEqual([
      'artifact-registry-pull',
      'catalog-db',
      'payments-api-keys',
      'postgres-credentials',
    ]);
    expect(closureProblems(before, after, secrets)).toEqual([]);
  });

  it('a rerun is byte-identical, an edited file is refused (exit 2) unless --force, --dry-run writes nothing', async () => {
    const again = await runCli(
      ['generate', 'gke-shop', '--out', 'gke-shop/kit', '--region', 'eu-west-1', '--registry', REGISTRY],
      { cwd: work },
    );
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 new, 0 replaced, \d+ unchanged, 0 removed/);
    expect(snapshot(kit)).toEqual(first);

    const edited = join(kit, 'RUNBOOK.md');
    writeFileSync(edited, `${first.get('RUNBOOK.md')}\nOur own notes.\n`);
    // Another region changes plan.json and more: still nothing is written while the runbook is edited.
    const refused = await runCli(['generate', 'gke-shop', '--out', 'gke-shop/kit', '--region', 'us-east-1'], {
      cwd: work,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('gke-shop/kit/RUNBOOK.md: edited since kube2eks wrote it');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(edited, 'utf8')).toContain('Our own notes.');
    expect(readFileSync(join(kit, 'plan.json'), 'utf8')).toBe(first.get('plan.json'));

    const dry = await runCli(
      ['generate', 'gke-shop', '--out', 'gke-shop/kit', '--region', 'us-east-1', '--dry-run', '--force'],
      { cwd: work },
    );
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('replace     gke-shop/kit/plan.json');
    expect(readFileSync(join(kit, 'plan.json'), 'utf8')).toBe(first.get('plan.json'));

    const forced = await runCli(
      [
        'generate',
        'gke-shop',
        '--out',
        'gke-shop/kit',
        '--region',
        'eu-west-1',
        '--registry',
        REGISTRY,
        '--force',
      ],
      { cwd: work },
    );
    expect(forced.code).toBe(0);
    expect(snapshot(kit)).toEqual(first);
  }, 120_000);

  it('bad usage exits 2 with a message', async () => {
    const run = await runCli(['generate', 'gke-shop', '--out', 'x', '--registry', 'https://ECR'], {
      cwd: work,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--registry https:\/\/ECR: give an ECR registry/);
  });
});

describe('kube2eks generate --as kustomize', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'kube2eks-generate-kustomize-'));
    cpSync(join(ROOT, 'test/fixtures/generate/kustomize'), join(work, 'k8s'), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes an overlay over the input files; reruns are byte-identical and keep an edited kustomization', async () => {
    const args = ['generate', 'k8s', '--out', 'kit', '--as', 'kustomize', '--registry', REGISTRY];
    const run = await runCli(args, { cwd: work });
    expect(run.code).toBe(0);
    const kit = join(work, 'kit');
    const first = snapshot(kit);
    expect([...first.keys()].filter((p) => p.startsWith('manifests/')).sort()).toEqual([
      'manifests/SECRETS.md',
      'manifests/kustomization.yaml',
      'manifests/typed-list.yaml',
    ]);
    const kustomization = first.get('manifests/kustomization.yaml')!;
    expect(kustomization).toContain('  - ../../k8s/apps/web.yaml\n');
    for (const [path, text] of first) expect(text, path).not.toContain('kustomize-fixture-secret-value');
    // The inputs are untouched.
    expect(readFileSync(join(work, 'k8s/apps/web.yaml'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'test/fixtures/generate/kustomize/apps/web.yaml'), 'utf8'),
    );

    const again = await runCli(args, { cwd: work });
    expect(again.code).toBe(0);
    expect(snapshot(kit)).toEqual(first);

    const edited = `${kustomization}# our own patch goes here\n`;
    writeFileSync(join(kit, 'manifests/kustomization.yaml'), edited);
    const refused = await runCli(args, { cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('kit/manifests/kustomization.yaml: edited since kube2eks wrote it');
    expect(readFileSync(join(kit, 'manifests/kustomization.yaml'), 'utf8')).toBe(edited);

    const forced = await runCli([...args, '--force'], { cwd: work });
    expect(forced.code).toBe(0);
    expect(snapshot(kit)).toEqual(first);
  }, 120_000);
});
