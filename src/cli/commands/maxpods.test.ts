import { describe, expect, it } from 'vitest';
import { officialEniMaxPods, parseEniMaxPods } from '../../../test/catalog/eni-max-pods.js';
import { runCli } from '../../../test/catalog/run-cli.js';
import { editDistance, nearestNames } from './maxpods.js';

describe('kube2eks maxpods', () => {
  it('prints 29 for m5.large, and 110 with --prefix-delegation', async () => {
    expect(await runCli(['maxpods', 'm5.large'])).toEqual({
      code: 0,
      stdout:
        'INSTANCE TYPE  MAX PODS  POD ENIS (security groups for pods)\nm5.large             29         9\n',
      stderr: '',
    });
    const pd = await runCli(['maxpods', 'm5.large', '--prefix-delegation']);
    expect(pd.stdout).toBe(
      'INSTANCE TYPE  MAX PODS  POD ENIS (security groups for pods)\nm5.large            110         9\n',
    );
  });

  it('aligns several types and prints notes under them', async () => {
    const r = await runCli(['maxpods', 'm5.large', 'm5.24xlarge', 'C4.LARGE', '--prefix-delegation']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('    '))).toEqual([
      'INSTANCE TYPE  MAX PODS  POD ENIS (security groups for pods)',
      'm5.large            110         9',
      'm5.24xlarge         250       107',
      'c4.large             29         -',
      '',
    ]);
    expect(r.stdout).toMatch(/ {4}note: Prefix delegation needs a Nitro or bare-metal instance; on xen/);
  });

  it('--all --format tsv equals the official eni-max-pods.txt for every type in it', async () => {
    const r = await runCli(['maxpods', '--all', '--format', 'tsv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a1\.2xlarge\t58\n/);
    expect(r.stdout.split('\n').every((l) => l === '' || /^[a-z0-9-]+\.[a-z0-9-]+\t\d+$/.test(l))).toBe(true);
    const ours = parseEniMaxPods(r.stdout);
    const official = officialEniMaxPods();
    const differ = [...official].filter(([type, value]) => ours.get(type) !== value);
    expect(differ).toEqual([]);
    // Types without ENI data are left out rather than printed with a placeholder.
    expect(ours.has('p2.xlarge')).toBe(false);
  });

  it('--format tsv: type<TAB>maxpods, no header', async () => {
    const r = await runCli(['maxpods', 'm5.large', 'm5.metal', '--format', 'tsv', '--prefix-delegation']);
    expect(r.stdout).toBe('m5.large\t110\nm5.metal\t250\n');
  });

  it('--format json carries the result object, and the steps with --explain', async () => {
    const r = await runCli(['maxpods', 'm5.large', '--custom-networking', '--format', 'json']);
    const body = JSON.parse(r.stdout);
    expect(body.options).toEqual({
      prefixDelegation: false,
      customNetworking: true,
      cniMaxEni: null,
      maxAllowed: false,
    });
    expect(body.instanceTypes).toEqual([
      {
        instanceType: 'm5.large',
        mode: 'secondary-ip',
        enis: 3,
        ipv4PerEni: 10,
        vcpu: 2,
        podEni: 9,
        maxPods: 20,
        uncappedMaxPods: 20,
        enisForPods: 2,
        cap: 110,
        notes: [],
      },
    ]);
    const explained = JSON.parse(
      (await runCli(['maxpods', 'm5.large', '--format', 'json', '--explain'])).stdout,
    );
    expect(explained.instanceTypes[0].steps).toHaveLength(5);
  });

  it('--explain shows the arithmetic, and says bare metal gets prefix delegation', async () => {
    const r = await runCli(['maxpods', 'm5.metal', '--prefix-delegation', '--explain']);
    expect(r.stdout).toContain('m5.metal            250       120');
    expect(r.stdout).toContain('15 × ((50 − 1) × 16) + 2 = 11762');
    expect(r.stdout).toContain('96 vCPUs > 30, so at most 250: min(250, 11762) = 250');
    expect(r.stdout).toMatch(/note: Bare metal: the VPC CNI allows prefix delegation/);
    expect(r.stdout).toContain('Mode: prefix delegation.');
  });

  it('--cni-max-eni N and --max-allowed', async () => {
    expect((await runCli(['maxpods', 'm5.24xlarge', '--cni-max-eni', '4'])).stdout).toBe(
      'INSTANCE TYPE  MAX PODS  POD ENIS (security groups for pods)\nm5.24xlarge         198       107\n',
    );
    expect((await runCli(['maxpods', 'm5.large', '--prefix-delegation', '--max-allowed'])).stdout).toBe(
      'INSTANCE TYPE  MAX PODS  POD ENIS (security groups for pods)\nm5.large            434         9\n',
    );
    const bad = await runCli(['maxpods', 'm5.large', '--cni-max-eni', 'zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected a whole number of ENIs/);
  });

  it('an unknown type exits 2 with the nearest names', async () => {
    const r = await runCli(['maxpods', 'm5.larg']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kube2eks: unknown instance type 'm5.larg'; did you mean m5.large, /);
    const family = await runCli(['maxpods', 'c7gn']);
    expect(family.stderr).toMatch(/unknown instance type 'c7gn'; did you mean c7gn\.\d*\w+, /);
  });

  it('needs types or --all, not both', async () => {
    expect((await runCli(['maxpods'])).code).toBe(2);
    const both = await runCli(['maxpods', 'm5.large', '--all']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toMatch(/not both/);
  });
});

describe('nearest names', () => {
  it('edit distance', () => {
    expect(editDistance('m5.large', 'm5.large')).toBe(0);
    expect(editDistance('m5.larg', 'm5.large')).toBe(1);
    expect(editDistance('m5.lrage', 'm5.large')).toBe(2);
  });

  it('suggests close names first, then the family', () => {
    const known = ['m5.large', 'm5.xlarge', 'm5a.large', 'm6i.large', 'c5.large', 'r5.large'];
    expect(nearestNames('m5.lrage', known)).toEqual(['m5.large', 'm5.xlarge']);
    expect(nearestNames('m5.larg', known)).toEqual([
      'm5.large',
      'm5.xlarge',
      'c5.large',
      'm5a.large',
      'r5.large',
    ]);
    expect(nearestNames('m5', known)).toEqual(['m5.large', 'm5.xlarge']);
    expect(nearestNames('zzz.zzz', known)).toEqual([]);
  });
});
