import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/catalog/run-cli.js';

describe('kube2eks catalog info', () => {
  it('lists every table with its source, date, notes and counts, and flags the historical price regions', async () => {
    const r = await runCli(['catalog', 'info']);
    expect(r.code).toBe(0);
    const headings = r.stdout.split('\n').filter((l) => /^\w+: /.test(l));
    expect(headings).toEqual([
      'eksVersions: 22 versions, as of 2026-08-21',
      'deprecatedApis: 112 APIs, as of 2026-03-02',
      'cloudEquivalence: 6 sourcesGeneral, 22 storageProvisioners, 49 annotationEquivalents, 4 workloadIdentity, as of 2026-08-21',
      'lbAnnotations: 115 annotations, as of 2026-08-17',
      'privateClusterEndpoints: 13 endpoints, 10 requirements, as of 2026-08-21',
      'instanceTypes: 1439 instance types, as of 2026-08-21',
      'prices: 24 regions, 7945 prices, as of 2026-07-20',
      'servicePrices: 24 prices, as of 2026-06-13',
      'eksAddons: 15 add-ons, as of 2026-08-21',
    ]);
    expect(r.stdout).toContain('  formula: max pods = ENIs on the default card x (IPv4 per ENI - 1) + 2');
    expect(r.stdout).toContain('  us-east-1        1367 types  current as of 2026-07-20\n');
    expect(r.stdout).toContain(
      '  eu-west-1         491 types  HISTORICAL: 2022-07-07 snapshot, out of date\n',
    );
    expect(r.stdout.match(/HISTORICAL: 2022-07-07 snapshot/g)).toHaveLength(23);
    expect(r.stdout).toMatch(/\nThe EKS version calendar is from 2026-08-21 /);
  });

  it('--format json', async () => {
    const body = JSON.parse((await runCli(['catalog', 'info', '--format', 'json'])).stdout);
    expect(body.userCatalogFile).toBeNull();
    expect(body.tables.map((t: { table: string }) => t.table)).toHaveLength(9);
    expect(
      body.tables.find((t: { table: string }) => t.table === 'servicePrices').provenance.notes,
    ).toContain(
      'FSx (Lustre, OpenZFS, ONTAP, Windows) is left out: no dated source was found; plans leave it out of totals with an assumption line.',
    );
    expect(body.prices[0]).toEqual({
      region: 'us-east-1',
      instanceTypes: 1367,
      date: '2026-07-20',
      historical: false,
      source: expect.stringMatching(/^aws\/karpenter-provider-aws /),
    });
    expect(body.prices.filter((p: { historical: boolean }) => p.historical)).toHaveLength(23);
    expect(body.calendar).toMatchObject({ asOf: '2026-08-21', newestVersion: '1.35' });
  });

  it('refresh needs --region', async () => {
    const r = await runCli(['catalog', 'refresh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--region <region>' not specified/);
  });
});

describe('the AWS SDK loads only when catalog refresh runs', () => {
  const src = fileURLToPath(new URL('../../', import.meta.url));
  const files = (readdirSync(src, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );

  it('no module imports an @aws-sdk package at load time (types only)', () => {
    const offenders = files.filter((f) =>
      /^\s*import\s+(?!type\b)[^;]*from\s+'@aws-sdk\//m.test(readFileSync(join(src, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('the refresh code is reached through await import() only', () => {
    const staticRefresh = files.filter(
      (f) =>
        !f.startsWith(join('cli', 'refresh')) &&
        /^\s*import\s+(?!type\b)[^;]*from\s+'[^']*\/refresh\//m.test(readFileSync(join(src, f), 'utf8')),
    );
    expect(staticRefresh).toEqual([]);
    const dynamic = files.filter((f) =>
      /await import\('@aws-sdk\/client-(ec2|pricing|eks)'\)/.test(readFileSync(join(src, f), 'utf8')),
    );
    expect(dynamic.sort()).toEqual([
      join('cli', 'refresh', 'ec2.ts'),
      join('cli', 'refresh', 'eks.ts'),
      join('cli', 'refresh', 'pricing.ts'),
    ]);
  });
});
