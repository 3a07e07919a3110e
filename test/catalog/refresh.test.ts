// catalog refresh against a local server speaking the EC2 Query, Price List (JSON 1.1) and EKS (REST-JSON)
// wire formats, through the SDK clients' endpoint override and fake static credentials. Never AWS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { findInstanceType, loadCatalog, priceOf } from '../../src/catalog/index.js';
import { runCatalogRefresh } from '../../src/cli/commands/catalog.js';
import { refreshCatalog } from '../../src/cli/refresh/index.js';
import { checkWritable, writeUserCatalog } from '../../src/cli/refresh/write.js';
import { computeMaxPods } from '../../src/plan/maxpods.js';
import { type FakeAws, startFakeAws } from './fake-aws.js';
import { runCli } from './run-cli.js';

let aws: FakeAws;
let dir: string;
const settings = () => ({
  endpoints: { ec2: aws.url, pricing: aws.url, eks: aws.url },
  credentials: { accessKeyId: 'AKIDKUBE2EKSTEST', secretAccessKey: 'not-a-real-secret' },
  maxAttempts: 1,
});
const base = loadCatalog();
const now = new Date('2026-11-26T09:30:00Z');

beforeAll(async () => {
  aws = await startFakeAws();
  dir = mkdtempSync(join(tmpdir(), 'kube2eks-refresh-'));
});
afterAll(async () => {
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  aws.requests.length = 0;
  for (const k of Object.keys(aws.failWith)) delete aws.failWith[k as keyof typeof aws.failWith];
});

describe('refreshCatalog', () => {
  it('pages through EC2, Pricing and EKS and builds a user catalog', async () => {
    const progress: string[] = [];
    const { catalog, summary } = await refreshCatalog({
      region: 'eu-west-1',
      base,
      now,
      aws: settings(),
      progress: (m) => progress.push(m),
    });

    expect(summary).toEqual({
      instanceTypes: 4,
      newInstanceTypes: ['m9.large'],
      prices: 3,
      versions: 2,
      newVersions: ['1.36'],
      addons: 2,
    });
    expect(progress).toEqual([
      'EC2 DescribeInstanceTypes: page 1, 2 instance types',
      'EC2 DescribeInstanceTypes: page 2, 4 instance types',
      'Pricing GetProducts: page 1, 2 prices',
      'Pricing GetProducts: page 2, 3 prices',
      'EKS DescribeClusterVersions: 2 versions',
      'EKS DescribeAddonVersions: 2 add-ons',
      'EKS DescribeAddonVersions: 2 add-ons',
    ]);
    // The default version per minor; add-ons the table does not know are left out.
    expect(catalog.eksAddons).toEqual({
      'vpc-cni': {
        installedBy: 'eks-addon',
        versions: {
          '1.34': 'v1.20.4-eksbuild.2',
          '1.35': 'v1.21.1-eksbuild.1',
          '1.36': 'v1.21.1-eksbuild.1',
        },
        source: 'EKS DescribeAddonVersions (eu-west-1), default version per Kubernetes minor, 2026-11-26',
        date: '2026-11-26',
      },
      coredns: {
        installedBy: 'eks-addon',
        versions: { '1.35': 'v1.14.2-eksbuild.9' },
        source: 'EKS DescribeAddonVersions (eu-west-1), default version per Kubernetes minor, 2026-11-26',
        date: '2026-11-26',
      },
    });
    expect(catalog).toMatchObject({ kube2eksCatalog: 1, generatedAt: '2026-11-26T09:30:00.000Z' });
    expect(catalog.instanceTypes).toEqual({
      'm5.large': {
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
      },
      'm9.large': {
        vcpu: 2,
        memoryMiB: 8192,
        architecture: 'arm64',
        defaultCardMaxEnis: 4,
        ipv4PerEni: 12,
        maxEnis: 4,
        networkCards: 1,
        hypervisor: 'nitro',
        bareMetal: false,
        currentGeneration: true,
        gpuCount: 0,
      },
      'm5.metal': {
        vcpu: 96,
        memoryMiB: 393216,
        architecture: 'x86_64',
        defaultCardMaxEnis: 15,
        ipv4PerEni: 50,
        maxEnis: 15,
        networkCards: 1,
        hypervisor: 'unknown',
        bareMetal: true,
        trunkingCompatible: true,
        branchEnis: 120,
        currentGeneration: true,
        gpuCount: 0,
      },
      'p5.48xlarge': {
        vcpu: 192,
        memoryMiB: 2097152,
        architecture: 'x86_64',
        defaultCardMaxEnis: 2,
        ipv4PerEni: 50,
        maxEnis: 64,
        networkCards: 32,
        hypervisor: 'nitro',
        bareMetal: false,
        trunkingCompatible: true,
        branchEnis: 120,
        currentGeneration: true,
        gpuCount: 8,
        gpuName: 'h100',
        gpuManufacturer: 'nvidia',
        gpuMemoryMiB: 81920,
      },
    });
    // A zero price (p5.48xlarge here) is not a price.
    expect(catalog.prices).toEqual({
      'eu-west-1': {
        date: '2026-11-26',
        historical: false,
        source: 'AWS Price List GetProducts (eu-west-1), fetched 2026-11-26',
        usdPerHour: { 'm5.large': 0.107, 'm5.metal': 5.136, 'm9.large': 0.099 },
      },
    });
    expect(catalog.eksVersions?.versions).toEqual([
      {
        version: '1.36',
        upstreamRelease: null,
        eksRelease: '2026-05-20',
        endOfStandardSupport: '2027-07-20',
        endOfExtendedSupport: '2028-07-20',
        source: 'EKS DescribeClusterVersions (eu-west-1)',
      },
      {
        version: '1.35',
        upstreamRelease: '2025-12-17',
        eksRelease: '2026-01-27',
        endOfStandardSupport: '2027-03-27',
        endOfExtendedSupport: '2028-03-27',
        source: 'EKS DescribeClusterVersions (eu-west-1)',
      },
    ]);
  });

  it('sends real, signed requests: EC2 Query with NextToken, Pricing filters to us-east-1, EKS REST', async () => {
    await refreshCatalog({ region: 'eu-west-1', base, now, aws: settings() });
    const ec2 = aws.requests.filter((r) => r.body.includes('Action=DescribeInstanceTypes'));
    expect(ec2.map((r) => new URLSearchParams(r.body).get('NextToken'))).toEqual([null, 'ec2-page-2']);
    expect(new URLSearchParams(ec2[0]!.body).get('Version')).toBe('2016-11-15');
    expect(String(ec2[0]!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDKUBE2EKSTEST\/\d{8}\/eu-west-1\/ec2\/aws4_request/,
    );

    const pricing = aws.requests.filter(
      (r) => r.headers['x-amz-target'] === 'AWSPriceListService.GetProducts',
    );
    expect(pricing).toHaveLength(2);
    expect(String(pricing[0]!.headers.authorization)).toMatch(/\/us-east-1\/pricing\/aws4_request/);
    const input = JSON.parse(pricing[0]!.body);
    expect(input.ServiceCode).toBe('AmazonEC2');
    expect(input.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' });
    expect(input.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' });
    expect(input.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' });
    expect(JSON.parse(pricing[1]!.body).NextToken).toBe('price-page-2');

    const eks = aws.requests.filter((r) => r.url.startsWith('/cluster-versions'));
    expect(eks).toHaveLength(1);
    expect(eks[0]!.method).toBe('GET');
    expect(new URL(eks[0]!.url, aws.url).searchParams.get('includeAll')).toBe('true');
    expect(String(eks[0]!.headers.authorization)).toMatch(/\/eu-west-1\/eks\/aws4_request/);
  });

  it('an AWS error names the call and keeps the error code', async () => {
    aws.failWith.ec2 = {
      status: 401,
      code: 'AuthFailure',
      message: 'AWS was not able to validate the provided access credentials',
    };
    await expect(refreshCatalog({ region: 'eu-west-1', base, now, aws: settings() })).rejects.toThrow(
      /^EC2 DescribeInstanceTypes in eu-west-1 failed: AuthFailure: AWS was not able to validate/,
    );
    delete aws.failWith.ec2;
    aws.failWith.pricing = {
      status: 400,
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: pricing:GetProducts',
    };
    await expect(refreshCatalog({ region: 'eu-west-1', base, now, aws: settings() })).rejects.toThrow(
      /^Pricing GetProducts for eu-west-1 failed: AccessDeniedException: User is not authorized/,
    );
  });
});

describe('kube2eks catalog refresh (runCatalogRefresh)', () => {
  async function capture(fn: () => Promise<number>) {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
      out.push(String(c));
      return true;
    });
    try {
      return { code: await fn(), stdout: out.join('') };
    } finally {
      spy.mockRestore();
    }
  }

  it('writes a user catalog that --catalog merges over the shipped one', async () => {
    const out = join(dir, 'kube2eks-catalog.json');
    const r = await capture(() => runCatalogRefresh({ region: 'eu-west-1', out }, settings()));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Wrote ${out}: 4 instance types (1 new), 3 on-demand prices for eu-west-1, 2 EKS versions (new: 1.36), 2 EKS add-ons' versions.\nUse it with --catalog ${out} (assess, plan, maxpods, versions, catalog info).\n`,
    );
    const merged = loadCatalog({ userCatalogFile: out });
    // Refreshed minors replace the shipped ones; the others stay.
    expect(merged.eksAddons['vpc-cni']?.versions).toMatchObject({
      '1.33': 'v1.20.1-eksbuild.3',
      '1.35': 'v1.21.1-eksbuild.1',
    });
    expect(merged.provenance.eksAddons?.source).toBe('EKS DescribeAddonVersions (eu-west-1)');
    expect(computeMaxPods(findInstanceType(merged, 'm9.large')!).maxPods).toBe(4 * 11 + 2);
    expect(priceOf(merged, 'm9.large', 'eu-west-1')).toMatchObject({ usdPerHour: 0.099, historical: false });
    expect(priceOf(merged, 'm5.large', 'us-west-2')?.historical).toBe(true);
    expect(merged.eksVersions.versions[0]?.version).toBe('1.36');
    expect(merged.provenance.eksVersions?.source).toBe('EKS DescribeClusterVersions (eu-west-1)');
    expect(merged.provenance.eksVersions?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The CLI reads it.
    expect((await runCli(['maxpods', 'm9.large', '--catalog', out])).stdout).toBe(
      'INSTANCE TYPE  MAX PODS\nm9.large             46\n',
    );
    const info = JSON.parse((await runCli(['catalog', 'info', '--catalog', out, '--format', 'json'])).stdout);
    expect(info.userCatalogFile).toBe(out);
    expect(info.prices.find((p: { region: string }) => p.region === 'eu-west-1')).toMatchObject({
      historical: false,
      instanceTypes: 3,
    });

    // A second refresh replaces its own file.
    expect((await capture(() => runCatalogRefresh({ region: 'eu-west-1', out }, settings()))).code).toBe(0);
  });

  it('never overwrites a file kube2eks did not write, unless --force; checks before any call', async () => {
    const mine = join(dir, 'notes.json');
    writeFileSync(mine, '{"my": "notes"}\n');
    await expect(runCatalogRefresh({ region: 'eu-west-1', out: mine }, settings())).rejects.toThrow(
      /notes\.json exists and was not written by 'kube2eks catalog refresh'; choose another --out or pass --force/,
    );
    expect(aws.requests).toHaveLength(0);
    expect(readFileSync(mine, 'utf8')).toBe('{"my": "notes"}\n');
    expect(() => checkWritable(mine, true)).not.toThrow();
    writeUserCatalog(mine, { kube2eksCatalog: 1 }, { force: true });
    expect(JSON.parse(readFileSync(mine, 'utf8'))).toEqual({ kube2eksCatalog: 1 });
    expect(() => writeUserCatalog(dir, { kube2eksCatalog: 1 })).toThrow(/is a folder; name a file/);
    expect(() => writeUserCatalog(join(dir, 'no', 'such', 'x.json'), { kube2eksCatalog: 1 })).toThrow(
      /x\.json: cannot write \(ENOENT\)/,
    );
  });

  it('a bad region is a usage error, before any call', async () => {
    const r = await runCli(['catalog', 'refresh', '--region', 'Ireland', '--out', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "kube2eks: --region 'Ireland' is not an AWS region name; use one like us-east-1.\n",
    );
    expect(aws.requests).toHaveLength(0);
  });

  it('an AWS failure becomes a user error with what to check', async () => {
    aws.failWith.eks = {
      status: 403,
      code: 'AccessDeniedException',
      message: 'not authorized to perform eks:DescribeClusterVersions',
    };
    const out = join(dir, 'denied.json');
    await expect(runCatalogRefresh({ region: 'eu-west-1', out }, settings())).rejects.toThrow(
      /^catalog refresh: EKS DescribeClusterVersions in eu-west-1 failed: AccessDeniedException: .*\nCheck your AWS credentials/,
    );
    expect(() => readFileSync(out)).toThrow();
  });
});
