// kube2eks catalog info | refresh: where every table of the catalog comes from, and (for users with AWS
// credentials) a fresh user catalog file from EC2, the Price List API and EKS.
import { type Catalog, loadCatalog, type Provenance } from '../../catalog/index.js';
import { type CalendarFreshness, calendarFreshness } from '../../catalog/versions.js';
import { escapeTerminal } from '../../report/escape.js';
import { quietAwsSdkNodeWarning } from '../aws-sdk.js';
import { CATALOG_INFO_FORMATS, type CatalogInfoFormat, DEFAULT_REFRESH_FILE } from '../choices.js';
import { UserError } from '../errors.js';
import { writeOutput } from '../output.js';
import { createProgress } from '../progress.js';
import type { AwsClientSettings } from '../refresh/aws.js';

export { CATALOG_INFO_FORMATS, type CatalogInfoFormat, DEFAULT_REFRESH_FILE };

export interface TableInfo {
  table: string;
  /** What the table holds, counted ("1439 instance types"). */
  records: string;
  provenance: Provenance;
}

export interface RegionPriceInfo {
  region: string;
  instanceTypes: number;
  date: string;
  /** From the 2022 snapshot: out of date, shown as such. */
  historical: boolean;
  source: string;
}

export interface CatalogInfo {
  schemaVersion: 1;
  userCatalogFile: string | null;
  tables: TableInfo[];
  prices: RegionPriceInfo[];
  calendar: CalendarFreshness;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countLoose(table: Record<string, unknown>): string {
  const parts = Object.entries(table)
    .filter(([, v]) => Array.isArray(v))
    .map(([k, v]) => `${(v as unknown[]).length} ${k}`);
  return parts.join(', ') || plural(Object.keys(table).length, 'entry');
}

/** Provenance and counts of every table. Pure. */
export function catalogInfo(catalog: Catalog, now: Date): CatalogInfo {
  const records: Record<string, string> = {
    eksVersions: plural(catalog.eksVersions.versions.length, 'version'),
    deprecatedApis: plural(catalog.deprecatedApis.length, 'API'),
    cloudEquivalence: countLoose(catalog.cloudEquivalence),
    lbAnnotations: countLoose(catalog.lbAnnotations),
    privateClusterEndpoints: countLoose(catalog.privateClusterEndpoints),
    instanceTypes: plural(Object.keys(catalog.instanceTypes).length, 'instance type'),
    prices: `${plural(Object.keys(catalog.prices).length, 'region')}, ${Object.values(catalog.prices).reduce((n, r) => n + Object.keys(r.usdPerHour).length, 0)} prices`,
    servicePrices: plural(Object.keys(catalog.servicePrices).length, 'price'),
    eksAddons: plural(Object.keys(catalog.eksAddons).length, 'add-on'),
  };
  const tables = Object.entries(catalog.provenance).map(([table, provenance]) => ({
    table,
    records: records[table] ?? '',
    provenance,
  }));
  const prices = Object.entries(catalog.prices)
    .map(([region, p]) => ({
      region,
      instanceTypes: Object.keys(p.usdPerHour).length,
      date: p.date,
      historical: p.historical,
      source: p.source,
    }))
    .sort((a, b) => Number(a.historical) - Number(b.historical) || a.region.localeCompare(b.region));
  return {
    schemaVersion: 1,
    userCatalogFile: catalog.userCatalogFile ?? null,
    tables,
    prices,
    calendar: calendarFreshness(catalog, now),
  };
}

export function renderCatalogInfo(info: CatalogInfo, format: CatalogInfoFormat): string {
  if (format === 'json') return `${JSON.stringify(info, null, 2)}\n`;
  const lines: string[] = [];
  if (info.userCatalogFile)
    lines.push(`User catalog file: ${info.userCatalogFile} (merged over the shipped tables)`, '');
  for (const t of info.tables) {
    lines.push(`${t.table}: ${t.records}, as of ${t.provenance.date}`);
    lines.push(`  source: ${t.provenance.source}`);
    if (t.provenance.formula) lines.push(`  formula: ${t.provenance.formula}`);
    for (const note of t.provenance.notes) lines.push(`  note: ${note}`);
    for (const exception of t.provenance.exceptions ?? []) lines.push(`  exception: ${exception}`);
    lines.push('');
  }
  lines.push('On-demand prices by region:');
  const width = Math.max(...info.prices.map((p) => p.region.length));
  for (const p of info.prices) {
    const flag = p.historical ? `HISTORICAL: ${p.date} snapshot, out of date` : `current as of ${p.date}`;
    lines.push(`  ${p.region.padEnd(width)}  ${String(p.instanceTypes).padStart(5)} types  ${flag}`);
  }
  lines.push('', info.calendar.message);
  return `${lines.join('\n')}\n`;
}

export interface InfoCommandOptions {
  format: CatalogInfoFormat;
  catalog?: string;
}

export function runCatalogInfo(options: InfoCommandOptions): number {
  const loaded = loadCatalog(options.catalog ? { userCatalogFile: options.catalog } : {});
  // A user catalog's names and sources are printed: no control character of theirs reaches the terminal.
  writeOutput(
    undefined,
    escapeTerminal(renderCatalogInfo(catalogInfo(loaded, new Date()), options.format), true),
  );
  return 0;
}

export interface RefreshCommandOptions {
  region: string;
  out?: string;
  force?: boolean;
  catalog?: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** `catalog refresh`; `aws` overrides the clients' endpoints and credentials (tests use a local server). */
export async function runCatalogRefresh(
  options: RefreshCommandOptions,
  aws?: AwsClientSettings,
): Promise<number> {
  if (!REGION.test(options.region)) {
    throw new UserError(`--region '${options.region}' is not an AWS region name; use one like us-east-1.`);
  }
  const out = options.out ?? DEFAULT_REFRESH_FILE;
  const base = loadCatalog(options.catalog ? { userCatalogFile: options.catalog } : {});
  // The SDK and the refresh code load only now; its Node.js version warning is said once, in our words.
  const note = quietAwsSdkNodeWarning();
  if (note && process.stderr.isTTY) process.stderr.write(`${note}\n`);
  const { refreshCatalog, writeUserCatalog, AwsCallError } = await import('../refresh/index.js');
  const { checkWritable } = await import('../refresh/write.js');
  checkWritable(out, options.force === true);
  const progress = createProgress();
  let result: Awaited<ReturnType<typeof refreshCatalog>>;
  try {
    result = await refreshCatalog({
      region: options.region,
      base,
      now: new Date(),
      progress: (message) => progress.update(message),
      ...(aws ? { aws } : {}),
    });
  } catch (error) {
    if (error instanceof AwsCallError) {
      throw new UserError(
        `catalog refresh: ${error.message}\nCheck your AWS credentials and region (AWS_PROFILE, AWS_ACCESS_KEY_ID, aws sso login); the calls need ec2:DescribeInstanceTypes, pricing:GetProducts, eks:DescribeClusterVersions and eks:DescribeAddonVersions.`,
      );
    }
    throw error;
  } finally {
    progress.done();
  }
  writeUserCatalog(out, result.catalog, { force: options.force === true });
  const s = result.summary;
  const lines = [
    `Wrote ${out}: ${plural(s.instanceTypes, 'instance type')} (${s.newInstanceTypes.length} new), ${plural(s.prices, 'on-demand price')} for ${options.region}, ${plural(s.versions, 'EKS version')}${s.newVersions.length ? ` (new: ${s.newVersions.join(', ')})` : ''}, ${plural(s.addons, 'EKS add-on')}' versions.`,
    `Use it with --catalog ${out} (assess, plan, maxpods, versions, catalog info).`,
  ];
  writeOutput(undefined, `${lines.join('\n')}\n`);
  return 0;
}
