// kube2eks maxpods: max pods per node for EC2 instance types, as the EKS AMIs and the VPC CNI compute it
// (what max-pods-calculator.sh did before AWS removed it from the EKS AMI repository).
import { type Catalog, findInstanceType, type InstanceType, loadCatalog } from '../../catalog/index.js';
import { computeMaxPods, type MaxPodsOptions, type MaxPodsResult } from '../../plan/maxpods.js';
import { MAXPODS_FORMATS, type MaxpodsFormat } from '../choices.js';
import { UserError } from '../errors.js';
import { writeOutput } from '../output.js';

export { MAXPODS_FORMATS, type MaxpodsFormat };

export interface MaxpodsCommandOptions {
  all?: boolean;
  prefixDelegation?: boolean;
  customNetworking?: boolean;
  cniMaxEni?: number;
  maxAllowed?: boolean;
  explain?: boolean;
  format: MaxpodsFormat;
  catalog?: string;
}

/** Edit distance between two names (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to `limit` known names closest to `name` by edit distance, drawn from close names and the same family. */
export function nearestNames(name: string, known: readonly string[], limit = 5): string[] {
  const input = name.trim().toLowerCase();
  const family = input.includes('.') ? input.slice(0, input.indexOf('.') + 1) : `${input}.`;
  const maxDistance = Math.max(2, Math.floor(input.length / 3));
  const scored = known
    .map((k) => ({ k, d: editDistance(input, k) }))
    .filter(({ k, d }) => d <= maxDistance || k.startsWith(family))
    .sort(
      (x, y) =>
        x.d - y.d ||
        Number(!x.k.startsWith(family)) - Number(!y.k.startsWith(family)) ||
        x.k.localeCompare(y.k),
    );
  return scored.slice(0, limit).map(({ k }) => k);
}

function resolveTypes(catalog: Catalog, names: readonly string[]): InstanceType[] {
  const known = Object.keys(catalog.instanceTypes);
  const found: InstanceType[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const t = findInstanceType(catalog, name);
    if (t) {
      found.push(t);
      continue;
    }
    const near = nearestNames(name, known);
    problems.push(
      `unknown instance type '${name}'${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
    );
  }
  if (problems.length) {
    throw new UserError(
      `${problems.join('\n')}\n(${known.length} types in the catalog; pass --catalog FILE for types newer than it, or run 'kube2eks catalog refresh'.)`,
    );
  }
  return found;
}

function describeOptions(o: MaxPodsOptions): string {
  const parts = [o.prefixDelegation ? 'prefix delegation' : 'secondary IPs'];
  if (o.customNetworking) parts.push('custom networking');
  if (o.cniMaxEni !== undefined) parts.push(`at most ${o.cniMaxEni} ENIs`);
  return parts.join(', ');
}

/** Renders results in one of the maxpods formats. */
export function renderMaxPods(
  results: readonly MaxPodsResult[],
  format: MaxpodsFormat,
  options: MaxPodsOptions & { explain?: boolean; all?: boolean },
): string {
  if (format === 'tsv') {
    return results
      .filter((r) => r.maxPods !== null)
      .map((r) => `${r.instanceType}\t${r.maxPods}\n`)
      .join('');
  }
  if (format === 'json') {
    const body = {
      schemaVersion: 1,
      options: {
        prefixDelegation: options.prefixDelegation === true,
        customNetworking: options.customNetworking === true,
        cniMaxEni: options.cniMaxEni ?? null,
        maxAllowed: options.maxAllowed === true,
      },
      instanceTypes: results.map(({ steps, ...rest }) => (options.explain ? { ...rest, steps } : rest)),
    };
    return `${JSON.stringify(body, null, 2)}\n`;
  }
  // Every column is labelled; POD ENIS is the branch-ENI limit (vpc.amazonaws.com/pod-eni) that security
  // groups for pods use, "-" on types without trunking.
  const TYPE = 'INSTANCE TYPE';
  const PODS = 'MAX PODS';
  const withEni = results.some((r) => r.podEni !== null);
  const width = Math.max(TYPE.length, ...results.map((r) => r.instanceType.length));
  const numberWidth = Math.max(PODS.length, ...results.map((r) => String(r.maxPods ?? 'unknown').length));
  const lines: string[] = [
    `${TYPE.padEnd(width)}  ${PODS.padStart(numberWidth)}${withEni ? '  POD ENIS (security groups for pods)' : ''}`,
  ];
  for (const r of results) {
    const value = String(r.maxPods ?? 'unknown').padStart(numberWidth);
    const podEni = withEni ? `  ${String(r.podEni ?? '-').padStart(8)}` : '';
    lines.push(`${r.instanceType.padEnd(width)}  ${value}${podEni}`.trimEnd());
    if (options.explain) {
      for (const step of r.steps) lines.push(`    ${step}`);
    }
    if (options.explain || !options.all) {
      for (const note of r.notes) lines.push(`    note: ${note}`);
    }
    if (options.explain && results.length > 1) lines.push('');
  }
  if (options.explain) {
    lines.push(`Mode: ${describeOptions(options)}${options.maxAllowed ? ', no cap (--max-allowed)' : ''}.`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function runMaxpods(types: readonly string[], options: MaxpodsCommandOptions): number {
  if (options.all && types.length > 0) {
    throw new UserError('maxpods takes instance types or --all, not both.');
  }
  if (!options.all && types.length === 0) {
    throw new UserError('maxpods needs instance types (e.g. kube2eks maxpods m5.large) or --all.');
  }
  const catalog = loadCatalog(options.catalog ? { userCatalogFile: options.catalog } : {});
  const computeOptions: MaxPodsOptions = {
    prefixDelegation: options.prefixDelegation === true,
    customNetworking: options.customNetworking === true,
    maxAllowed: options.maxAllowed === true,
    ...(options.cniMaxEni !== undefined ? { cniMaxEni: options.cniMaxEni } : {}),
  };
  const selected = options.all ? Object.values(catalog.instanceTypes) : resolveTypes(catalog, types);
  let results = selected.map((t) => computeMaxPods(t, computeOptions));
  if (options.all) {
    const unknown = results.filter((r) => r.maxPods === null).length;
    results = results.filter((r) => r.maxPods !== null);
    if (unknown > 0 && process.stderr.isTTY) {
      process.stderr.write(`(${unknown} instance types without ENI data in the catalog are left out)\n`);
    }
  }
  writeOutput(
    undefined,
    renderMaxPods(results, options.format, {
      ...computeOptions,
      explain: options.explain === true,
      all: options.all === true,
    }),
  );
  return 0;
}
