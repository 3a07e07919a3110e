// The version calendar's pure questions: where a version stands on a date, what its control plane costs,
// and how old the calendar itself is.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import {
  calendarFreshness,
  controlPlaneUsdPerHour,
  daysBetween,
  findVersion,
  versionStatus,
} from '../../src/catalog/versions.js';

const catalog = loadCatalog();
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const v = (version: string) => findVersion(catalog.eksVersions, version)!;

describe('versionStatus', () => {
  it('standard, extended, unsupported, unreleased with the days left', () => {
    // 1.34: EKS 2025-10-02, end of standard 2026-12-02, end of extended 2027-12-02.
    expect(versionStatus(v('1.34'), day('2026-11-01'))).toEqual({
      version: '1.34',
      window: 'standard',
      daysLeft: 31,
      windowEnds: '2026-12-02',
    });
    expect(versionStatus(v('1.34'), day('2026-12-02'))).toMatchObject({ window: 'extended', daysLeft: 365 });
    expect(versionStatus(v('1.34'), day('2027-12-02'))).toMatchObject({
      window: 'unsupported',
      daysLeft: null,
    });
    expect(versionStatus(v('1.35'), day('2026-01-01'))).toMatchObject({
      window: 'unreleased',
      daysLeft: null,
    });
    // Before extended support existed: standard, then unsupported.
    expect(versionStatus(v('1.20'), day('2022-12-01'))).toMatchObject({ window: 'unsupported' });
  });

  it('daysBetween counts calendar days in UTC', () => {
    expect(daysBetween(new Date('2026-03-01T23:59:00Z'), day('2026-03-02'))).toBe(1);
    expect(daysBetween(day('2026-03-02'), day('2026-03-01'))).toBe(-1);
  });
});

describe('controlPlaneUsdPerHour', () => {
  it('prices extended support when the version is in it', () => {
    expect(controlPlaneUsdPerHour(catalog.eksVersions, '1.34', day('2026-11-01'))).toBe(0.1);
    expect(controlPlaneUsdPerHour(catalog.eksVersions, '1.34', day('2027-01-01'))).toBe(0.6);
    expect(controlPlaneUsdPerHour(catalog.eksVersions, 'v1.33.5-eks-1', day('2027-01-01'))).toBe(0.6);
  });
});

describe('calendarFreshness', () => {
  it('says how old the shipped calendar is', () => {
    expect(calendarFreshness(catalog, day('2026-11-26'))).toEqual({
      asOf: '2026-08-21',
      ageDays: 97,
      stale: false,
      newestVersion: '1.35',
      message:
        'The EKS version calendar is from 2026-08-21 (97 days old) and ends at 1.35 (from a third-party page, not the AWS calendar).',
    });
  });

  it('is stale, and suggests a refresh, after six months', () => {
    expect(calendarFreshness(catalog, day('2027-02-21')).stale).toBe(false);
    const old = calendarFreshness(catalog, day('2027-02-22'));
    expect(old).toMatchObject({ stale: true, ageDays: 185 });
    expect(old.message).toBe(
      "The EKS version calendar is from 2026-08-21 (185 days old) and ends at 1.35 (from a third-party page, not the AWS calendar); newer EKS versions and support dates are likely missing. Run 'kube2eks catalog refresh --region REGION' (needs AWS credentials) and pass the file it writes with --catalog.",
    );
  });

  it('a calendar without a date is treated as stale', () => {
    const undated = {
      ...catalog,
      provenance: { ...catalog.provenance, eksVersions: { source: 'x', date: 'unknown', notes: [] } },
    };
    expect(calendarFreshness(undated, day('2026-11-26'))).toMatchObject({ stale: true, asOf: 'unknown' });
  });
});
