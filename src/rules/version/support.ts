// version/support: source and target versions against the EKS support calendar, and the minor gap of the move.
import type { EksVersion } from '../../catalog/index.js';
import { compareMinor, findVersion, supportWindow, toMinor } from '../../catalog/versions.js';
import type { InventoryObject, Location } from '../../model/types.js';
import { defineRule } from '../define.js';

const DAY_MS = 86_400_000;
/** Warn this many days before standard support ends. */
const NEAR_END_DAYS = 90;
const HOURS_PER_MONTH = 730;

/** A stand-in inventory item for findings about a cluster rather than an object. */
function clusterItem(name: string, location: Location): InventoryObject {
  return {
    object: { apiVersion: '', kind: 'Cluster', metadata: { name } },
    ref: { apiVersion: '', kind: 'Cluster', name },
    location,
    origin: 'cluster',
  };
}

const daysUntil = (iso: string, now: Date): number =>
  Math.ceil((Date.parse(`${iso}T00:00:00Z`) - now.getTime()) / DAY_MS);

function minorsBetween(from: string, to: string): number {
  const [fm = 0, fn = 0] = from.split('.').map(Number);
  const [tm = 0, tn = 0] = to.split('.').map(Number);
  return fm === tm ? tn - fn : (tm - fm) * 100 + tn - fn;
}

export default defineRule({
  meta: {
    id: 'version/support',
    targets: [],
    category: 'version-support',
    severity: 'warning',
    description:
      'Source and target Kubernetes versions near or past the end of EKS standard support, and the number of minors the move jumps.',
    fixable: false,
    messages: {
      targetExtended: {
        message:
          'Target EKS {{version}} is past the end of standard support ({{endStandard}}): it runs on paid extended support.',
        explanation:
          'EKS supports each minor for 14 months in standard support, then 12 months in extended support billed at {{extendedUsd}} per cluster-hour instead of {{standardUsd}} (about {{extendedMonthlyUsd}} instead of {{standardMonthlyUsd}} a month per cluster). After {{endExtended}} EKS upgrades the control plane automatically.',
        remediation:
          'Target a version in standard support ({{standardVersions}}) and fix what api/removed and api/deprecated report for it, so the new cluster does not start on the paid tier.',
      },
      targetNearEnd: {
        message: 'Target EKS {{version}} leaves standard support in {{days}} days ({{endStandard}}).',
        explanation:
          'After {{endStandard}} a cluster on {{version}} moves to extended support, billed at {{extendedUsd}} per cluster-hour instead of {{standardUsd}}; a migration that lands near that date needs an upgrade right after cutover.',
        remediation:
          'Target a newer version in standard support ({{newerVersions}}), or plan the first in-place upgrade before {{endStandard}}.',
      },
      targetUnsupported: {
        message: 'Target EKS {{version}} is no longer offered by EKS ({{ended}}).',
        explanation: 'EKS does not create clusters on versions past the end of extended support.',
        remediation: 'Target a version in standard support ({{standardVersions}}).',
      },
      sourceOld: {
        message:
          'The source cluster runs Kubernetes {{version}}, older than any version EKS offers today ({{oldest}}): the move skips {{skipped}} minor versions.',
        explanation:
          'EKS cannot create a {{version}} cluster, so the workloads land directly on {{target}}. Every API removed and every behaviour change in between applies at once: the removed APIs are reported by api/removed, but changed defaults and removed features or flags in between need testing.',
        remediation:
          'Test the workloads on an EKS {{target}} cluster before cutover (kube2eks generate writes the transformed manifests), and read the Kubernetes changelogs from {{version}} to {{target}} for the features the applications use.',
      },
      sourceExtended: {
        message:
          'The source cluster runs Kubernetes {{version}}, which is {{window}} on EKS: moving at the same version would start on {{tier}}.',
        explanation:
          'EKS standard support for {{version}} ended on {{endStandard}}; extended support costs {{extendedUsd}} per cluster-hour instead of {{standardUsd}}.',
        remediation: 'Move to a version in standard support ({{standardVersions}}) as part of the migration.',
      },
      gap: {
        message: 'The move jumps {{minors}} Kubernetes minor versions, from {{source}} to {{target}}.',
        explanation:
          'Kubernetes removes APIs and changes defaults between minors; in-place upgrades go one minor at a time, but a migration can jump straight to {{target}}, so every change from {{source}} to {{target}} applies at once.',
        remediation:
          'Fix what api/removed and api/deprecated report, and test the workloads on an EKS {{target}} cluster before cutover.',
      },
      targetOlder: {
        message: 'Target EKS {{target}} is older than the source cluster ({{source}}).',
        explanation:
          'APIs the source serves may not exist yet on {{target}} (beta APIs graduated after {{target}}, newer fields are dropped), and nothing on the source will be newer on EKS.',
        remediation: 'Target at least {{source}} (EKS versions in standard support: {{standardVersions}}).',
      },
    },
  },
  checkInventory(inventory, ctx, report) {
    const { eksVersions } = ctx.catalog;
    const prices = eksVersions.policy.controlPlanePriceUsdPerClusterHour;
    const money = {
      standardUsd: `$${prices.standardSupport.toFixed(2)}`,
      extendedUsd: `$${prices.extendedSupport.toFixed(2)}`,
      standardMonthlyUsd: `$${Math.round(prices.standardSupport * HOURS_PER_MONTH)}`,
      extendedMonthlyUsd: `$${Math.round(prices.extendedSupport * HOURS_PER_MONTH)}`,
    };
    const available = eksVersions.versions
      .filter((v) => ['standard', 'extended'].includes(supportWindow(v, ctx.now)))
      .sort((a, b) => compareMinor(a.version, b.version));
    const standardVersions = available
      .filter((v) => supportWindow(v, ctx.now) === 'standard')
      .map((v) => v.version)
      .reverse()
      .join(', ');
    const location: Location = inventory.cluster.context ? { cluster: inventory.cluster.context } : {};
    const targetItem = clusterItem(`eks-target-${ctx.targetVersion}`, {});
    const sourceName = inventory.cluster.context ?? 'source';
    const sourceItem = clusterItem(sourceName, location);

    const target = findVersion(eksVersions, ctx.targetVersion);
    if (target) {
      const window = supportWindow(target, ctx.now);
      const base = {
        ...money,
        version: target.version,
        endStandard: target.endOfStandardSupport,
        endExtended: target.endOfExtendedSupport ?? 'unknown',
        standardVersions,
      };
      const facts = { subject: 'target', window };
      if (window === 'extended') report({ item: targetItem, messageId: 'targetExtended', data: base, facts });
      else if (window === 'unsupported') {
        // Versions before 1.21 left EKS before extended support existed: say when their support ended.
        const ended = target.endOfExtendedSupport
          ? `extended support ended ${target.endOfExtendedSupport}`
          : `support ended ${target.endOfStandardSupport}; it never had extended support`;
        report({
          item: targetItem,
          messageId: 'targetUnsupported',
          data: { ...base, ended },
          severity: 'blocker',
          facts,
        });
      } else if (window === 'standard') {
        const days = daysUntil(target.endOfStandardSupport, ctx.now);
        const newer = available
          .filter(
            (v) => supportWindow(v, ctx.now) === 'standard' && compareMinor(v.version, target.version) > 0,
          )
          .map((v) => v.version);
        const newerVersions = newer.length ? newer.reverse().join(', ') : 'none released yet';
        if (days < NEAR_END_DAYS)
          report({
            item: targetItem,
            messageId: 'targetNearEnd',
            data: { ...base, days, newerVersions },
            facts,
          });
      }
    }

    const source = inventory.cluster.serverVersion ? toMinor(inventory.cluster.serverVersion) : undefined;
    if (!source) return;
    const oldest: EksVersion | undefined = available[0];
    const sourceEntry = findVersion(eksVersions, source);
    const tooOld = oldest !== undefined && compareMinor(source, oldest.version) < 0;
    if (oldest && tooOld) {
      report({
        item: sourceItem,
        messageId: 'sourceOld',
        data: {
          version: source,
          oldest: oldest.version,
          target: ctx.targetVersion,
          skipped: minorsBetween(source, ctx.targetVersion),
        },
        facts: { subject: 'source', window: 'unsupported' },
      });
    } else if (sourceEntry) {
      const window = supportWindow(sourceEntry, ctx.now);
      if (window === 'extended') {
        report({
          item: sourceItem,
          messageId: 'sourceExtended',
          data: {
            ...money,
            version: source,
            window: 'in paid extended support',
            tier: 'extended support',
            endStandard: sourceEntry.endOfStandardSupport,
            standardVersions,
          },
          facts: { subject: 'source', window },
        });
      }
    }
    const cmp = compareMinor(ctx.targetVersion, source);
    if (cmp < 0) {
      report({
        item: sourceItem,
        messageId: 'targetOlder',
        data: { source, target: ctx.targetVersion, standardVersions },
        facts: { subject: 'source' },
      });
    } else {
      const minors = minorsBetween(source, ctx.targetVersion);
      if (minors > 1 && !tooOld)
        report({
          item: sourceItem,
          messageId: 'gap',
          severity: 'info',
          data: { source, target: ctx.targetVersion, minors },
          facts: { subject: 'source', minors },
        });
    }
  },
});
