import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/catalog/run-cli.js';

describe('kube2eks versions', () => {
  it('prints the calendar on a date, newest first, with the window and days left', async () => {
    const r = await runCli(['versions', '--at', '2026-11-01']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'EKS versions on 2026-11-01',
      '',
      'VERSION  UPSTREAM    EKS RELEASE  END OF STANDARD  END OF EXTENDED  SUPPORT      DAYS LEFT',
      '1.35*    2025-12-17  2026-01-28   2027-03-27       2028-03-27       standard     146',
      '1.34     2025-08-27  2025-10-02   2026-12-02       2027-12-02       standard     31',
      '1.33     2025-04-23  2025-05-29   2026-07-29       2027-07-29       extended     270',
      '1.32     2024-12-11  2025-01-23   2026-03-23       2027-03-23       extended     142',
      '1.31     2024-08-13  2024-09-26   2025-11-26       2026-11-26       extended     25',
    ]);
    expect(r.stdout).toContain(
      '1.14     2019-03-25  2019-09-04   2020-12-08       -                unsupported  -',
    );
    // Every marker the table uses is explained, and only those.
    expect(r.stdout).toContain(
      '\n*  a note below the table.\n-  under END OF EXTENDED: the version left EKS before extended support existed; it never had any.\n-  under DAYS LEFT: EKS no longer offers the version.\n* 1.35:',
    );
    expect(r.stdout).not.toContain('under UPSTREAM');
    expect(r.stdout).toMatch(/\n\* 1\.35: NOT verified against the AWS calendar/);
    expect(r.stdout).not.toMatch(/\* 1\.14:/);
    expect(r.stdout).toContain('($0.10 per cluster-hour)');
    // The calendar's own age is always printed (relative to today, so only its shape is checked).
    expect(r.stdout).toMatch(
      /\nThe EKS version calendar is from 2026-08-21 \(\d+ days? old\) and ends at 1\.35/,
    );
  });

  it('--format json', async () => {
    const body = JSON.parse((await runCli(['versions', '--at', '2027-01-01', '--format', 'json'])).stdout);
    expect(body.at).toBe('2027-01-01');
    expect(body.calendar).toMatchObject({ asOf: '2026-08-21', newestVersion: '1.35' });
    expect(body.versions[1]).toEqual({
      version: '1.34',
      upstreamRelease: '2025-08-27',
      eksRelease: '2025-10-02',
      endOfStandardSupport: '2026-12-02',
      endOfExtendedSupport: '2027-12-02',
      support: 'extended',
      daysLeft: 335,
      controlPlaneUsdPerHour: 0.6,
    });
  });

  it('a bad date is a usage error', async () => {
    const r = await runCli(['versions', '--at', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a date as YYYY-MM-DD/);
  });

  it('--catalog: a newer calendar from a user file', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-versions-'));
    try {
      const file = join(dir, 'cal.json');
      writeFileSync(
        file,
        JSON.stringify({
          provenance: {
            eksVersions: { source: 'EKS DescribeClusterVersions (us-east-1)', date: '2026-11-20' },
          },
          eksVersions: {
            versions: [
              {
                version: '1.36',
                eksRelease: '2026-05-20',
                endOfStandardSupport: '2027-07-20',
                endOfExtendedSupport: '2028-07-20',
              },
            ],
          },
        }),
      );
      const r = await runCli(['versions', '--at', '2026-11-01', '--catalog', file]);
      expect(r.stdout).toContain(
        '1.36     -           2026-05-20   2027-07-20       2028-07-20       standard     261',
      );
      expect(r.stdout).toMatch(/calendar is from 2026-11-20 .* ends at 1\.36/);
      const broken = await runCli(['versions', '--catalog', join(dir, 'missing.json')]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(
        /^kube2eks: .*missing\.json: cannot read the catalog file \(no such file\)\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
