// kube2eks versions: the EKS version calendar on a date, and how old the calendar itself is.
import { type Catalog, loadCatalog } from '../../catalog/index.js';
import {
  type CalendarFreshness,
  calendarFreshness,
  compareMinor,
  type SupportWindow,
  versionStatus,
} from '../../catalog/versions.js';
import { escapeTerminal } from '../../report/escape.js';
import { VERSIONS_FORMATS, type VersionsFormat } from '../choices.js';
import { writeOutput } from '../output.js';

export { VERSIONS_FORMATS, type VersionsFormat };

export interface VersionsCommandOptions {
  at?: Date;
  format: VersionsFormat;
  catalog?: string;
}

export interface VersionRow {
  version: string;
  upstreamRelease: string | null;
  eksRelease: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string | null;
  support: SupportWindow;
  daysLeft: number | null;
  controlPlaneUsdPerHour: number | null;
  note?: string;
}

export interface VersionsReport {
  schemaVersion: 1;
  at: string;
  calendar: CalendarFreshness & { source: string };
  versions: VersionRow[];
}

/** The calendar on `at`, newest version first. Pure. */
export function versionsReport(catalog: Catalog, at: Date, now: Date = at): VersionsReport {
  const { policy } = catalog.eksVersions;
  const prices = policy.controlPlanePriceUsdPerClusterHour;
  const versions = [...catalog.eksVersions.versions]
    .sort((a, b) => compareMinor(b.version, a.version))
    .map((v): VersionRow => {
      const status = versionStatus(v, at);
      return {
        version: v.version,
        upstreamRelease: v.upstreamRelease ?? null,
        eksRelease: v.eksRelease,
        endOfStandardSupport: v.endOfStandardSupport,
        endOfExtendedSupport: v.endOfExtendedSupport,
        support: status.window,
        daysLeft: status.daysLeft,
        controlPlaneUsdPerHour:
          status.window === 'standard'
            ? prices.standardSupport
            : status.window === 'extended'
              ? prices.extendedSupport
              : null,
        ...(v.note ? { note: v.note } : {}),
      };
    });
  return {
    schemaVersion: 1,
    at: at.toISOString().slice(0, 10),
    calendar: {
      ...calendarFreshness(catalog, now),
      source: catalog.provenance.eksVersions?.source ?? 'unknown',
    },
    versions,
  };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** One line per marker the table uses, and only those. */
function legend(report: VersionsReport): string[] {
  const v = report.versions;
  const out: string[] = [];
  const marked = v.some((x) => x.note && x.support !== 'unsupported');
  if (marked) out.push('*  a note below the table.');
  if (v.some((x) => x.upstreamRelease === null))
    out.push('-  under UPSTREAM: the upstream release date is not in the calendar.');
  if (v.some((x) => x.endOfExtendedSupport === null))
    out.push(
      '-  under END OF EXTENDED: the version left EKS before extended support existed; it never had any.',
    );
  if (v.some((x) => x.daysLeft === null && x.support === 'unsupported'))
    out.push('-  under DAYS LEFT: EKS no longer offers the version.');
  if (v.some((x) => x.daysLeft === null && x.support === 'unreleased'))
    out.push('-  under DAYS LEFT (unreleased): EKS does not offer the version yet.');
  return out;
}

export function renderVersions(report: VersionsReport, format: VersionsFormat, catalog: Catalog): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const prices = catalog.eksVersions.policy.controlPlanePriceUsdPerClusterHour;
  // Notes of long-gone versions would bury the ones that matter: only the others are marked and printed.
  const noted = report.versions.filter((v) => v.note && v.support !== 'unsupported');
  const rows = report.versions.map((v) => [
    `${v.version}${noted.includes(v) ? '*' : ''}`,
    v.upstreamRelease ?? '-',
    v.eksRelease,
    v.endOfStandardSupport,
    v.endOfExtendedSupport ?? '-',
    v.support,
    v.daysLeft === null ? '-' : String(v.daysLeft),
  ]);
  const lines = [
    `EKS versions on ${report.at}`,
    '',
    ...table(
      ['VERSION', 'UPSTREAM', 'EKS RELEASE', 'END OF STANDARD', 'END OF EXTENDED', 'SUPPORT', 'DAYS LEFT'],
      rows,
    ),
    '',
    `Standard support lasts ${catalog.eksVersions.policy.standardSupportMonths} months (${usd(prices.standardSupport)} per cluster-hour), extended support ${catalog.eksVersions.policy.extendedSupportMonths} more (${usd(prices.extendedSupport)} per cluster-hour). DAYS LEFT counts to the end of the current window.`,
    ...legend(report),
  ];
  for (const v of noted) lines.push(`* ${v.version}: ${v.note}`);
  lines.push('', report.calendar.message);
  return `${lines.join('\n')}\n`;
}

export function runVersions(options: VersionsCommandOptions): number {
  const catalog = loadCatalog(options.catalog ? { userCatalogFile: options.catalog } : {});
  const now = new Date();
  const report = versionsReport(catalog, options.at ?? now, now);
  // Rows may come from a user catalog: no control character of theirs reaches the terminal.
  writeOutput(undefined, escapeTerminal(renderVersions(report, options.format, catalog), true));
  return 0;
}
