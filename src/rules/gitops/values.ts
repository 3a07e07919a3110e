// gitops/values: other clouds' settings (annotations, storage classes, node labels, identities, ingress
// classes) inside the Helm values of Flux HelmReleases and Argo CD Applications. The rules that read
// manifests never see them: they only appear once the chart is rendered on the cluster.
import type JsYaml from 'js-yaml';
import { chartSources, isArgoApplication, isFluxHelmRelease } from '../../model/helm-release.js';
import { isRecord } from '../../model/kinds.js';
import { lazyRequire } from '../../model/lazy-require.js';
import type { FieldPath } from '../../model/types.js';
import { defineRule } from '../define.js';
import {
  CLOUD_INGRESS_CLASSES,
  CLOUD_STORAGE_VALUES,
  CLOUD_VALUE_KEYS,
  STORAGE_CLASS_KEYS,
} from './gitops.table.js';

interface ValueHit {
  /** Dotted path inside the values, as `--set` would write it. */
  at: string;
  what: string;
  onEks: string;
  path: FieldPath;
}

const INGRESS_CLASS_KEYS = /^(kubernetes\.io\/ingress\.class|ingressClassName|ingressClass|className)$/;
const MAX_DEPTH = 40;
// Loaded when a release holds values as text, not with the registry.
const jsYaml = lazyRequire<typeof JsYaml>('js-yaml');

/** The setting a key (and its value) names, if it belongs to another cloud. */
function settingOf(key: string, value: unknown): { what: string; onEks: string } | undefined {
  const byKey = CLOUD_VALUE_KEYS.find((s) =>
    s.keyPrefix.endsWith('/') || s.keyPrefix.endsWith('-')
      ? key.startsWith(s.keyPrefix)
      : key === s.keyPrefix || key.startsWith(`${s.keyPrefix}/`),
  );
  if (byKey) return { what: `${byKey.what} (${key})`, onEks: byKey.onEks };
  if (typeof value !== 'string') return undefined;
  if (STORAGE_CLASS_KEYS.test(key) && CLOUD_STORAGE_VALUES[value])
    return {
      what: `${CLOUD_STORAGE_VALUES[value]} storage (${value})`,
      onEks: 'gp3 on the EBS CSI driver (ebs.csi.aws.com), or EFS (efs.csi.aws.com) for shared files',
    };
  if (INGRESS_CLASS_KEYS.test(key) && CLOUD_INGRESS_CLASSES[value])
    return {
      what: `the ${CLOUD_INGRESS_CLASSES[value]} ingress class (${value})`,
      onEks: 'ingressClassName: alb (AWS Load Balancer Controller)',
    };
  return undefined;
}

function walk(value: unknown, at: string[], path: FieldPath, hits: ValueHit[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walk(v, [...at, String(i)], [...path, i], hits, depth + 1);
    });
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const setting = settingOf(key, child);
    if (setting) hits.push({ at: [...at, key].join('.'), ...setting, path: [...path, key] });
    walk(child, [...at, key], [...path, key], hits, depth + 1);
  }
}

/** `controller.service.annotations.service\.beta\.kubernetes\.io/azure-load-balancer-internal` → last key. */
function lastKey(name: string): string {
  const parts = name.split(/(?<!\\)\./);
  return (parts[parts.length - 1] ?? name).replaceAll('\\.', '.');
}

export default defineRule({
  meta: {
    id: 'gitops/values',
    category: 'gitops',
    severity: 'warning',
    description:
      'Other clouds’ settings (load balancer annotations, storage classes, node labels, workload identity, ingress classes) inside HelmRelease and Argo CD Application values and parameters.',
    fixable: false,
    targets: ['HelmRelease', 'Application'],
    messages: {
      settings: {
        message: '{{kind}} {{name}} sets {{settings}} in the values of {{chart}}.',
        explanation:
          'These values are rendered into manifests only on the cluster, so the rules that read manifests do not see them; on EKS they would recreate the source platform’s settings, which EKS ignores or cannot satisfy (pods Pending on absent node labels, claims on absent storage classes, load balancers without the intended scheme).',
        remediation:
          'In the release that targets EKS, change {{changes}}. kube2eks does not read values held in Secrets (valuesFrom) or in value files: check those too.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (!isFluxHelmRelease(item) && !isArgoApplication(item)) return;
    const hits: ValueHit[] = [];
    const charts: string[] = [];
    for (const source of chartSources(item)) {
      const before = hits.length;
      for (const { value, path } of source.values) walk(value, [], path, hits);
      for (const { text, path } of source.valuesText) {
        let parsed: unknown;
        try {
          const jsyaml = jsYaml();
          parsed = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
        } catch {
          continue;
        }
        const found: ValueHit[] = [];
        walk(parsed, [], path, found);
        // Inside a YAML string the path cannot go deeper than the string itself.
        hits.push(...found.map((h) => ({ ...h, path })));
      }
      for (const p of source.parameters) {
        const setting = settingOf(lastKey(p.name), p.value);
        if (setting) hits.push({ at: p.name.replaceAll('\\.', '.'), ...setting, path: p.path });
      }
      if (hits.length > before && source.chart) charts.push(source.chart);
    }
    const first = hits[0];
    if (!first) return;
    const unique = hits.filter((h, i) => hits.findIndex((o) => o.at === h.at) === i);
    report({
      item,
      messageId: 'settings',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        settings: unique.map((h) => h.what),
        chart: charts.length ? `chart ${charts.join(', ')}` : 'its chart',
        changes: unique.map((h) => `${h.at} → ${h.onEks}`),
      },
      path: first.path,
      facts: { settings: unique.map((h) => ({ at: h.at, what: h.what, onEks: h.onEks })) },
    });
  },
});
