// Pure questions about the EKS version calendar.
import type { EksVersion, EksVersions } from './schema.js';

export type SupportWindow = 'standard' | 'extended' | 'unsupported' | 'unreleased';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

export function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Normalises "v1.29.3-gke.100", "1.29", "v1.29" to "1.29"; undefined when not a version. */
export function toMinor(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

export function supportWindow(v: EksVersion, now: Date): SupportWindow {
  const t = now.getTime();
  if (t < day(v.eksRelease)) return 'unreleased';
  if (t < day(v.endOfStandardSupport)) return 'standard';
  if (v.endOfExtendedSupport && t < day(v.endOfExtendedSupport)) return 'extended';
  return 'unsupported';
}

export function findVersion(calendar: EksVersions, version: string): EksVersion | undefined {
  const minor = toMinor(version);
  return calendar.versions.find((v) => v.version === minor);
}

/** The newest EKS version in standard support on `now` (the default target). */
export function defaultTargetVersion(calendar: EksVersions, now: Date): string {
  const sorted = [...calendar.versions].sort((a, b) => compareMinor(b.version, a.version));
  const standard = sorted.find((v) => supportWindow(v, now) === 'standard');
  return (standard ?? sorted[0])!.version;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  const utc = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

export interface VersionStatus {
  version: string;
  window: SupportWindow;
  /** Days left in the current window (standard or extended); null when unreleased or unsupported. */
  daysLeft: number | null;
  /** The date the current window ends; null when unreleased or unsupported. */
  windowEnds: string | null;
}

/** Where a version stands on a date: its support window and the days left in it. */
export function versionStatus(v: EksVersion, at: Date): VersionStatus {
  const window = supportWindow(v, at);
  const windowEnds =
    window === 'standard' ? v.endOfStandardSupport : window === 'extended' ? v.endOfExtendedSupport : null;
  const daysLeft = windowEnds ? daysBetween(at, new Date(`${windowEnds}T00:00:00Z`)) : null;
  return { version: v.version, window, daysLeft, windowEnds };
}

/**
 * The control-plane price of a version on a date, in USD per cluster-hour: the extended price while the
 * version is in extended support, the standard price otherwise.
 * @see https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/
 */
export function controlPlaneUsdPerHour(calendar: EksVersions, version: string, at: Date): number {
  const v = findVersion(calendar, version);
  const prices = calendar.policy.controlPlanePriceUsdPerClusterHour;
  return v && supportWindow(v, at) === 'extended' ? prices.extendedSupport : prices.standardSupport;
}

export interface CalendarFreshness {
  /** The calendar's provenance date. */
  asOf: string;
  /** Days between that date and `now`. */
  ageDays: number;
  /** Older than six months: newer EKS versions and dates may be missing. */
  stale: boolean;
  /** The newest version in the calendar. */
  newestVersion: string;
  /** One sentence for the user, suggesting `kube2eks catalog refresh` when stale. */
  message: string;
}

/** How old the EKS version calendar is on `now`, and whether to suggest a refresh (older than six months). */
export function calendarFreshness(
  catalog: { eksVersions: EksVersions; provenance: Record<string, { date: string }> },
  now: Date,
): CalendarFreshness {
  const asOf = catalog.provenance.eksVersions?.date ?? 'unknown';
  const newest = [...catalog.eksVersions.versions].sort((a, b) => compareMinor(b.version, a.version))[0];
  const newestVersion = newest?.version ?? 'none';
  // The shipped 1.35 row comes from endoflife.date, not the AWS calendar: say so wherever the age is shown.
  const thirdParty =
    newest?.source && /endoflife\.date|third.party/i.test(newest.source)
      ? ' (from a third-party page, not the AWS calendar)'
      : '';
  const dated = /^\d{4}-\d{2}-\d{2}/.test(asOf) ? new Date(`${asOf.slice(0, 10)}T00:00:00Z`) : undefined;
  if (!dated) {
    return {
      asOf,
      ageDays: 0,
      stale: true,
      newestVersion,
      message: `The EKS version calendar has no date (newest version ${newestVersion}); run 'kube2eks catalog refresh --region REGION' to get the current one.`,
    };
  }
  const ageDays = Math.max(0, daysBetween(dated, now));
  const sixMonthsLater = new Date(dated);
  sixMonthsLater.setUTCMonth(sixMonthsLater.getUTCMonth() + 6);
  const stale = now.getTime() > sixMonthsLater.getTime();
  const age = `The EKS version calendar is from ${asOf.slice(0, 10)} (${ageDays} ${ageDays === 1 ? 'day' : 'days'} old) and ends at ${newestVersion}${thirdParty}`;
  const message = stale
    ? `${age}; newer EKS versions and support dates are likely missing. Run 'kube2eks catalog refresh --region REGION' (needs AWS credentials) and pass the file it writes with --catalog.`
    : `${age}.`;
  return { asOf: asOf.slice(0, 10), ageDays, stale, newestVersion, message };
}
