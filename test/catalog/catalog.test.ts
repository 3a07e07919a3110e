// The shipped catalog loads and validates; a user catalog file merges over it; broken files name the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogError,
  findInstanceType,
  loadCatalog,
  parseUserCatalog,
  priceOf,
  withUserCatalog,
} from '../../src/catalog/index.js';

const shipped = loadCatalog();
const dir = mkdtempSync(join(tmpdir(), 'kube2eks-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as Error).message;
  }
  throw new Error('expected a CatalogError');
}

describe('the shipped catalog', () => {
  it('keeps the existing tables and adds instance types, prices and service prices', () => {
    expect(Object.keys(shipped.provenance)).toEqual([
      'eksVersions',
      'deprecatedApis',
      'cloudEquivalence',
      'lbAnnotations',
      'privateClusterEndpoints',
      'instanceTypes',
      'prices',
      'servicePrices',
      'eksAddons',
    ]);
    expect(shipped.eksVersions.versions[0]?.version).toBe('1.35');
    expect(Object.keys(shipped.instanceTypes)).toHaveLength(1439);
    expect(loadCatalog()).toBe(shipped);
  });

  it('hands out every instance-type field, null when unknown, with the us-east-1 price', () => {
    expect(findInstanceType(shipped, 'M5.Large')).toEqual({
      instanceType: 'm5.large',
      vcpu: 2,
      memoryMiB: 8192,
      architecture: 'x86_64',
      defaultCardMaxEnis: 3,
      ipv4PerEni: 10,
      maxEnis: 3,
      networkCards: 1,
      hypervisor: 'nitro',
      bareMetal: false,
      trunkingCompatible: true,
      branchEnis: 9,
      currentGeneration: true,
      gpuCount: 0,
      gpuName: null,
      gpuManufacturer: null,
      gpuMemoryMiB: null,
      priceUsdPerHourUsEast1: 0.096,
    });
    expect(findInstanceType(shipped, 'p5.48xlarge')).toMatchObject({
      gpuCount: 8,
      gpuName: 'h100',
      gpuMemoryMiB: 81920,
    });
    expect(findInstanceType(shipped, 'c7g-flex.large')?.vcpu).toBeNull();
    expect(findInstanceType(shipped, 'constructor')).toBeUndefined();
    expect(findInstanceType(shipped, 'toString')).toBeUndefined();
  });

  it('prices: us-east-1 current, the 2022 regions flagged historical', () => {
    expect(priceOf(shipped, 'm5.large', 'us-east-1')).toMatchObject({
      usdPerHour: 0.096,
      date: '2026-07-20',
      historical: false,
    });
    expect(priceOf(shipped, 'm5.large', 'eu-west-1')).toMatchObject({
      usdPerHour: 0.107,
      date: '2022-07-07',
      historical: true,
    });
    expect(priceOf(shipped, 'm7i.large', 'eu-west-1')).toBeUndefined();
    const historical = Object.entries(shipped.prices)
      .filter(([, p]) => p.historical)
      .map(([r]) => r);
    expect(historical).toHaveLength(23);
    expect(historical).not.toContain('us-east-1');
    expect(shipped.prices['cn-north-1']).toBeUndefined();
  });

  it('service prices carry a unit, a region, a date and a source', () => {
    expect(shipped.servicePrices['eks-control-plane-extended']).toMatchObject({
      usd: 0.6,
      unit: 'cluster-hour',
      date: '2024-04-01',
    });
    expect(shipped.servicePrices['ebs-gp3-iops-month']).toMatchObject({ usd: 0.005, included: 3000 });
    for (const p of Object.values(shipped.servicePrices)) expect(p.source.length).toBeGreaterThan(10);
    expect(Object.keys(shipped.servicePrices).some((id) => id.startsWith('fsx'))).toBe(false);
    expect(shipped.provenance.servicePrices?.notes.join(' ')).toMatch(/FSx .* left out/);
  });
});

describe('a user catalog file', () => {
  it('adds instance types and overrides fields of known ones (JSON)', () => {
    const path = file(
      'extra.json',
      JSON.stringify({
        instanceTypes: {
          'm9.large': {
            vcpu: 2,
            memoryMiB: 8192,
            defaultCardMaxEnis: 3,
            ipv4PerEni: 12,
            hypervisor: 'nitro',
          },
          'm5.large': { branchEnis: 10 },
        },
      }),
    );
    const merged = loadCatalog({ userCatalogFile: path });
    expect(merged.userCatalogFile).toBe(path);
    expect(findInstanceType(merged, 'm9.large')).toMatchObject({
      vcpu: 2,
      ipv4PerEni: 12,
      bareMetal: null,
      priceUsdPerHourUsEast1: null,
    });
    expect(findInstanceType(merged, 'm5.large')).toMatchObject({
      branchEnis: 10,
      ipv4PerEni: 10,
      priceUsdPerHourUsEast1: 0.096,
    });
    expect(merged.provenance.instanceTypes?.source).toBe(`user catalog file ${path}`);
    expect(merged.provenance.instanceTypes?.notes.at(-1)).toMatch(/^Merged over the shipped table/);
    // The shipped catalog is untouched.
    expect(findInstanceType(shipped, 'm9.large')).toBeUndefined();
    expect(findInstanceType(shipped, 'm5.large')?.branchEnis).toBe(9);
  });

  it('a newer calendar (YAML): rows merge by version, the provenance date is the file’s', () => {
    const path = file(
      'calendar.yaml',
      [
        'generatedAt: 2027-05-01T10:00:00Z',
        'eksVersions:',
        '  versions:',
        '    - version: "1.36"',
        '      eksRelease: 2026-05-20',
        '      endOfStandardSupport: 2027-07-20',
        '      endOfExtendedSupport: 2028-07-20',
        '    - version: "1.35"',
        '      eksRelease: 2026-01-27',
        '      endOfStandardSupport: 2027-03-27',
        '      endOfExtendedSupport: 2028-03-27',
        '',
      ].join('\n'),
    );
    const merged = loadCatalog({ userCatalogFile: path });
    expect(
      merged.eksVersions.versions.slice(0, 2).map((v) => [v.version, v.eksRelease, v.upstreamRelease]),
    ).toEqual([
      ['1.36', '2026-05-20', undefined],
      ['1.35', '2026-01-27', '2025-12-17'],
    ]);
    expect(merged.eksVersions.versions).toHaveLength(23);
    expect(merged.provenance.eksVersions?.date).toBe('2027-05-01');
  });

  it('a price region replaces the shipped one whole, so one region never mixes dates', () => {
    const merged = withUserCatalog(
      shipped,
      JSON.stringify({
        prices: {
          'eu-west-1': {
            date: '2027-01-02',
            historical: false,
            source: 'test',
            usdPerHour: { 'm7i.large': 0.1 },
          },
        },
      }),
      'p.json',
    );
    expect(priceOf(merged, 'm7i.large', 'eu-west-1')).toMatchObject({
      usdPerHour: 0.1,
      historical: false,
      date: '2027-01-02',
    });
    expect(priceOf(merged, 'm5.large', 'eu-west-1')).toBeUndefined();
    expect(priceOf(merged, 'm5.large', 'us-west-2')?.historical).toBe(true);
  });

  it('a new us-east-1 price table updates the instance types’ price', () => {
    const merged = withUserCatalog(
      shipped,
      JSON.stringify({
        prices: {
          'us-east-1': {
            date: '2027-01-02',
            historical: false,
            source: 't',
            usdPerHour: { 'm5.large': 0.09 },
          },
        },
      }),
      'p.json',
    );
    expect(findInstanceType(merged, 'm5.large')?.priceUsdPerHourUsEast1).toBe(0.09);
    expect(findInstanceType(merged, 'm5.xlarge')?.priceUsdPerHourUsEast1).toBeNull();
  });

  it('service prices and hand-assembled tables merge by key', () => {
    const merged = withUserCatalog(
      shipped,
      JSON.stringify({
        servicePrices: {
          'fsx-lustre-gb-month': {
            usd: 0.145,
            unit: 'GB-month',
            region: 'us-east-1',
            date: '2027-01',
            source: 'me',
          },
        },
        privateClusterEndpoints: { extra: [1, 2] },
      }),
      's.json',
    );
    expect(merged.servicePrices['fsx-lustre-gb-month']?.usd).toBe(0.145);
    expect(merged.servicePrices['eks-control-plane-standard']?.usd).toBe(0.1);
    expect(merged.privateClusterEndpoints.extra).toEqual([1, 2]);
    expect(merged.privateClusterEndpoints.endpoints).toEqual(shipped.privateClusterEndpoints.endpoints);
  });
});

describe('a broken user catalog file', () => {
  const bad = (text: string, name = 'my-catalog.json') => errorOf(() => withUserCatalog(shipped, text, name));

  it('names the file and the field path', () => {
    expect(bad('{"instanceTypes": {"m9.large": {"vcpu": "four", "memoryMiB": 1024}}}')).toBe(
      'my-catalog.json: instanceTypes.m9.large.vcpu: expected a number, got a string ("four")',
    );
    expect(bad('{"instanceTypes": {"m5.large": {"hypervisor": "kvm"}}}')).toBe(
      'my-catalog.json: instanceTypes.m5.large.hypervisor: expected one of "nitro", "xen", "unknown", got a string ("kvm")',
    );
    expect(bad('{"instanceTypes": {"m5.large": {"vcpus": 2}}}')).toBe(
      'my-catalog.json: instanceTypes.m5.large.vcpus: unknown field',
    );
    expect(bad('{"instanceTypes": {"m5.large": {"ipv4PerEni": 0}}}')).toBe(
      'my-catalog.json: instanceTypes.m5.large.ipv4PerEni: expected more than 0',
    );
  });

  it('an unknown table, a bad name, a missing field', () => {
    expect(bad('{"instanceType": {}}')).toMatch(
      /^my-catalog\.json: instanceType: unknown table \(known: eksVersions, /,
    );
    expect(bad('{"instanceTypes": {"m9.large": {"vcpu": 2}}}')).toBe(
      'my-catalog.json: instanceTypes.m9.large.memoryMiB: missing (a type not in the shipped catalog needs at least vcpu and memoryMiB)',
    );
    expect(bad('{"prices": {"us-east-1": {"date": "2027-01-02", "source": "x", "usdPerHour": {}}}}')).toBe(
      'my-catalog.json: prices.us-east-1.historical: missing (expected a boolean)',
    );
    expect(
      bad(
        '{"eksVersions": {"versions": [{"version": "1.36", "eksRelease": "May 2026", "endOfStandardSupport": "2027-07-20", "endOfExtendedSupport": null}]}}',
      ),
    ).toBe('my-catalog.json: eksVersions.versions.0.eksRelease: expected a date as YYYY-MM-DD');
  });

  it('a syntax error gives the line and column', () => {
    expect(bad('{\n  "instanceTypes": {\n    "m9.large": {,}\n  }\n}')).toMatch(
      /^my-catalog\.json:3:18: not valid JSON: /,
    );
    expect(bad('eksVersions:\n  versions: [\n', 'my-catalog.yaml')).toMatch(
      /^my-catalog\.yaml:\d+:\d+: not valid YAML: /,
    );
    expect(bad('[]')).toMatch(/^my-catalog\.json: expected an object with tables/);
  });

  it('a missing file', () => {
    expect(errorOf(() => loadCatalog({ userCatalogFile: join(dir, 'nope.json') }))).toMatch(
      /nope\.json: cannot read the catalog file \(no such file\)$/,
    );
  });

  it('parsing is pure: text in, tables out', () => {
    expect(parseUserCatalog('servicePrices: {}\n', 'x.yml')).toEqual({ servicePrices: {} });
  });
});

describe('the add-on table', () => {
  it('merges a user file by add-on and by Kubernetes minor', () => {
    const merged = withUserCatalog(
      loadCatalog(),
      JSON.stringify({
        eksAddons: {
          'vpc-cni': {
            installedBy: 'eks-addon',
            versions: { '1.35': 'v1.21.0-eksbuild.1' },
            source: 'EKS DescribeAddonVersions (us-east-1)',
          },
        },
      }),
      'user.json',
    );
    expect(merged.eksAddons['vpc-cni']?.versions).toMatchObject({
      '1.33': 'v1.20.1-eksbuild.3',
      '1.35': 'v1.21.0-eksbuild.1',
    });
    expect(merged.provenance.eksAddons?.source).toBe('user catalog file user.json');
  });
});
