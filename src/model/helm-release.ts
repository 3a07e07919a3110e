// Readers of Flux HelmReleases and Argo CD Applications for the gitops rules: the charts they install, with
// their values, and how a written chart version compares with the first that supports a Kubernetes minor.
import type Semver from 'semver';
import { getPath, groupOf, isRecord } from './kinds.js';
import { lazyRequire } from './lazy-require.js';
import type { FieldPath, InventoryObject } from './types.js';

const semverLib = lazyRequire<typeof Semver>('semver');

export interface ChartSource {
  chart: string;
  /** Version or range as written. */
  version?: string;
  versionPath: FieldPath;
  /** Values as objects (Flux spec.values, Argo helm.valuesObject or parsed helm.values), with their path. */
  values: Array<{ value: unknown; path: FieldPath }>;
  /** Argo helm.values written as a YAML string (parsed by the caller's parser). */
  valuesText: Array<{ text: string; path: FieldPath }>;
  /** `--set` style parameters (Argo helm.parameters). */
  parameters: Array<{ name: string; value: string; path: FieldPath }>;
}

export function isFluxHelmRelease(item: InventoryObject): boolean {
  const group = groupOf(item.ref.apiVersion);
  return (
    item.ref.kind === 'HelmRelease' &&
    (group === 'helm.toolkit.fluxcd.io' || group === 'helm.fluxcd.io' || group === 'flux.weave.works')
  );
}

export function isArgoApplication(item: InventoryObject): boolean {
  return item.ref.kind === 'Application' && groupOf(item.ref.apiVersion) === 'argoproj.io';
}

/** The charts a HelmRelease or Application installs, with their values. */
export function chartSources(item: InventoryObject): ChartSource[] {
  const obj = item.object;
  if (isFluxHelmRelease(item)) {
    const v2 = isRecord(getPath(obj, ['spec', 'chart', 'spec']));
    const base: FieldPath = v2 ? ['spec', 'chart', 'spec'] : ['spec', 'chart'];
    const chart = getPath(obj, [...base, v2 ? 'chart' : 'name']);
    const version = getPath(obj, [...base, 'version']);
    if (typeof chart !== 'string') return [];
    const src: ChartSource = {
      chart: chart.split('/').pop() ?? chart,
      versionPath: [...base, 'version'],
      values: [],
      valuesText: [],
      parameters: [],
    };
    if (typeof version === 'string' || typeof version === 'number') src.version = String(version);
    const values = getPath(obj, ['spec', 'values']);
    if (isRecord(values)) src.values.push({ value: values, path: ['spec', 'values'] });
    return [src];
  }
  if (isArgoApplication(item)) {
    const out: ChartSource[] = [];
    const single = getPath(obj, ['spec', 'source']);
    const many = getPath(obj, ['spec', 'sources']);
    const list: Array<{ source: unknown; path: FieldPath }> = [];
    if (isRecord(single)) list.push({ source: single, path: ['spec', 'source'] });
    if (Array.isArray(many)) {
      many.forEach((s, i) => {
        list.push({ source: s, path: ['spec', 'sources', i] });
      });
    }
    for (const { source, path } of list) {
      if (!isRecord(source)) continue;
      const helm = isRecord(source.helm) ? source.helm : {};
      const chartName = typeof source.chart === 'string' ? source.chart : undefined;
      // A chart from a Git path has no chart name: its values still count.
      const chart =
        chartName ?? (typeof source.path === 'string' ? (source.path.split('/').pop() ?? '') : '');
      const src: ChartSource = {
        chart,
        versionPath: [...path, 'targetRevision'],
        values: [],
        valuesText: [],
        parameters: [],
      };
      if (chartName && typeof source.targetRevision === 'string') src.version = source.targetRevision;
      if (isRecord(helm.valuesObject))
        src.values.push({ value: helm.valuesObject, path: [...path, 'helm', 'valuesObject'] });
      if (isRecord(helm.values)) src.values.push({ value: helm.values, path: [...path, 'helm', 'values'] });
      if (typeof helm.values === 'string')
        src.valuesText.push({ text: helm.values, path: [...path, 'helm', 'values'] });
      if (Array.isArray(helm.parameters)) {
        helm.parameters.forEach((p, i) => {
          if (
            isRecord(p) &&
            typeof p.name === 'string' &&
            (typeof p.value === 'string' || typeof p.value === 'number')
          )
            src.parameters.push({
              name: p.name,
              value: String(p.value),
              path: [...path, 'helm', 'parameters', i],
            });
        });
      }
      if (src.chart || src.values.length || src.valuesText.length || src.parameters.length) out.push(src);
    }
    return out;
  }
  return [];
}

function minorNumber(minor: string): number {
  const [major = '0', m = '0'] = minor.split('.');
  return Number(major) * 1000 + Number(m);
}

/** The first chart version for the target minor (from the row of the highest minor not above it). */
export function requiredVersion(
  support: { firstVersion: Readonly<Record<string, string>> },
  targetMinor: string,
): { version: string; row: string; beyond: boolean } | undefined {
  const rows = Object.keys(support.firstVersion).sort((a, b) => minorNumber(a) - minorNumber(b));
  const target = minorNumber(targetMinor);
  const fitting = rows.filter((r) => minorNumber(r) <= target);
  const row = fitting[fitting.length - 1];
  if (!row) return undefined;
  return {
    version: support.firstVersion[row] ?? '0.0.0',
    row,
    beyond: row !== targetMinor && row === rows[rows.length - 1],
  };
}

/** True when no version the written version or range allows is at least `required`. */
export function tooOld(written: string, required: string): boolean {
  const clean = written.trim().replace(/^v(?=\d)/, '');
  const semver = semverLib();
  if (semver.valid(clean)) return semver.lt(clean, required);
  const range = semver.validRange(clean);
  if (!range) return false;
  return !semver.intersects(range, `>=${required}`);
}
