// hpa/keda-scaler: KEDA ScaledObjects and ScaledJobs. KEDA must run on EKS before them, and triggers bound to
// another cloud's services (Pub/Sub, Service Bus, Event Hubs, Azure Monitor, Google Managed Prometheus) need their
// AWS counterpart (SQS, Kinesis, CloudWatch, Amazon Managed Service for Prometheus).
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import type { Inventory, ResourceRef } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import { CLOUD_TRIGGERS, FOREIGN_IDENTITY_PROVIDERS, MANAGED_PROMETHEUS } from './hpa.table.js';

const KEDA_GROUPS = new Set(['keda.sh', 'keda.k8s.io']);
const SCALED_KINDS = new Set(['ScaledObject', 'ScaledJob']);

interface Trigger {
  type: string;
  metadata: Record<string, unknown>;
  authRef?: { kind: string; name: string };
  index: number;
}

function triggersOf(spec: Record<string, unknown>): Trigger[] {
  const list = Array.isArray(spec.triggers) ? spec.triggers : [];
  return list.flatMap((t, index): Trigger[] => {
    if (!isRecord(t) || typeof t.type !== 'string') return [];
    const metadata = isRecord(t.metadata) ? t.metadata : {};
    const ref = isRecord(t.authenticationRef) ? t.authenticationRef : undefined;
    const trigger: Trigger = { type: t.type, metadata, index };
    if (ref && typeof ref.name === 'string') {
      trigger.authRef = {
        kind: typeof ref.kind === 'string' ? ref.kind : 'TriggerAuthentication',
        name: ref.name,
      };
    }
    return [trigger];
  });
}

interface CloudUse {
  trigger: Trigger;
  service: string;
  aws: string;
}

function cloudUse(trigger: Trigger): CloudUse | undefined {
  const known = CLOUD_TRIGGERS.find((c) => c.types.includes(trigger.type));
  if (known) return { trigger, service: known.service, aws: known.aws };
  if (trigger.type === 'prometheus') {
    const server = trigger.metadata.serverAddress;
    const managed =
      typeof server === 'string' ? MANAGED_PROMETHEUS.find((m) => m.match.test(server)) : undefined;
    if (managed && typeof server === 'string') {
      const host = /^[a-z]+:\/\/([^/]+)/.exec(server)?.[1] ?? server;
      return {
        trigger,
        service: `${managed.service} (${host})`,
        aws: 'prometheus with serverAddress pointed at an Amazon Managed Service for Prometheus workspace that scrapes the same metrics (KEDA 2.13 and later sign the queries with SigV4 when awsRegion is set and the TriggerAuthentication uses podIdentity provider aws)',
      };
    }
  }
  return undefined;
}

/** The input's (Cluster)TriggerAuthentications by `kind/namespace/name`, with their podIdentity provider. */
function authIndex(inventory: Inventory): Map<string, { ref: ResourceRef; provider: unknown }> {
  const index = new Map<string, { ref: ResourceRef; provider: unknown }>();
  for (const o of inventory.objects) {
    if (!KEDA_GROUPS.has(groupOf(o.ref.apiVersion))) continue;
    const entry = { ref: o.ref, provider: getPath(o.object, ['spec', 'podIdentity', 'provider']) };
    if (o.ref.kind === 'TriggerAuthentication')
      index.set(`TriggerAuthentication/${o.ref.namespace ?? ''}/${o.ref.name}`, entry);
    if (o.ref.kind === 'ClusterTriggerAuthentication')
      index.set(`ClusterTriggerAuthentication//${o.ref.name}`, entry);
  }
  return index;
}

export default defineRule({
  meta: {
    id: 'hpa/keda-scaler',
    targets: ['ScaledObject', 'ScaledJob'],
    category: 'hpa',
    severity: 'warning',
    description:
      "KEDA ScaledObjects and ScaledJobs: KEDA must be installed on EKS first, and triggers on another cloud's services need their AWS counterpart (warning).",
    fixable: false,
    severityNote: 'info when every trigger is portable',
    messages: {
      cloud: {
        message:
          '{{kind}} {{name}} (KEDA) scales {{target}} through its {{triggers}} {{triggerWord}} on {{services}}, which EKS cannot reach as written.',
        explanation:
          'KEDA turns each trigger into an external metric for the HorizontalPodAutoscaler it manages. {{detail}}{{identity}} KEDA itself is not part of EKS: without it the {{kind}} is rejected ("no matches for kind") and nothing scales.',
        remediation:
          'Install KEDA on EKS (Helm chart) with an IAM role through EKS Pod Identity, and rewrite the triggers for AWS: {{aws}}. Authenticate with a TriggerAuthentication using podIdentity provider aws instead of connection strings or the source cloud identity.',
      },
      portable: {
        message:
          '{{kind}} {{name}} (KEDA) scales {{target}} on trigger {{triggers}}; KEDA must be installed on EKS first.',
        explanation:
          'KEDA turns each trigger into an external metric for the HorizontalPodAutoscaler it manages. KEDA is not part of EKS: without it the {{kind}} is rejected ("no matches for kind") and nothing scales. {{detail}}{{identity}}',
        remediation:
          'Install KEDA on EKS (Helm chart) before moving {{target}}, and check that each trigger endpoint (broker, database, Prometheus) is reachable from the EKS VPC.{{extra}}',
      },
    },
  },
  index: authIndex,
  checkObject(item, ctx, report) {
    if (!SCALED_KINDS.has(item.ref.kind) || !KEDA_GROUPS.has(groupOf(item.ref.apiVersion))) return;
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const kind = getPath(spec, ['scaleTargetRef', 'kind']) ?? 'Deployment';
    const name =
      getPath(spec, ['scaleTargetRef', 'name']) ?? getPath(spec, ['scaleTargetRef', 'deploymentName']);
    const target =
      item.ref.kind === 'ScaledJob'
        ? 'its Jobs'
        : typeof name === 'string'
          ? `${typeof kind === 'string' ? kind : 'Deployment'} ${name}`
          : 'its target';
    const triggers = triggersOf(spec);
    const uses = triggers.map(cloudUse).filter((u): u is CloudUse => u !== undefined);
    // The source cloud's identity behind the triggers' TriggerAuthentications.
    const identities = new Set<string>();
    for (const t of triggers) {
      if (!t.authRef) continue;
      const ns = t.authRef.kind === 'ClusterTriggerAuthentication' ? '' : (item.ref.namespace ?? '');
      const auth = ctx.index.get(`${t.authRef.kind}/${ns}/${t.authRef.name}`);
      const provider = auth?.provider;
      const words = typeof provider === 'string' ? FOREIGN_IDENTITY_PROVIDERS[provider] : undefined;
      if (words && auth)
        identities.add(`${auth.ref.kind} ${auth.ref.name} (podIdentity provider ${provider}, ${words})`);
    }
    const identity = identities.size
      ? ` It authenticates through ${joinList([...identities])}, which does not exist on EKS: use podIdentity provider aws with EKS Pod Identity or IRSA.`
      : '';
    const typeList = joinList([...new Set(triggers.map((t) => t.type))]) || '(none)';
    const facts = {
      kedaTriggers: triggers.map((t) => t.type),
      cloudTriggers: uses.map((u) => u.trigger.type),
    };
    const path = ['spec', 'triggers', uses[0]?.trigger.index ?? 0, 'type'];
    if (uses.length > 0) {
      report({
        item,
        messageId: 'cloud',
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          target,
          services: joinList([...new Set(uses.map((u) => u.service))]),
          triggers: joinList([...new Set(uses.map((u) => u.trigger.type))]),
          triggerWord: new Set(uses.map((u) => u.trigger.type)).size === 1 ? 'trigger' : 'triggers',
          detail: `${uses
            .map((u) => `The ${u.trigger.type} trigger reads ${u.service}`)
            .join('; ')}, which stays with the source cloud.`,
          identity,
          aws: uses.map((u) => `${u.trigger.type} becomes ${u.aws}`).join('; '),
        },
        path,
        facts,
      });
      return;
    }
    const resourceTriggers = triggers.filter((t) => t.type === 'cpu' || t.type === 'memory');
    const awsTriggers = triggers.filter((t) => t.type.startsWith('aws-'));
    report({
      item,
      messageId: 'portable',
      severity: 'info',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        target,
        triggers: typeList,
        detail: awsTriggers.length
          ? `Its ${joinList(awsTriggers.map((t) => t.type))} trigger already reads AWS.`
          : '',
        identity,
        extra: `${resourceTriggers.length ? ' The cpu and memory triggers also need the metrics-server EKS add-on.' : ''}${awsTriggers.length ? ' Give KEDA (or the TriggerAuthentication) an IAM role through EKS Pod Identity for the AWS triggers.' : ''}`,
      },
      path,
      facts,
    });
  },
});
