// api/removed: the object's apiVersion is no longer served by the target EKS version.

import { structuralOps } from '../../model/api-migrations.js';
import { deprecationOf, isRemovedBy, kindHasDeprecations, writtenApi } from '../../model/api-versions.js';
import { pointer } from '../../model/kinds.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'api/removed',
    targets: ['*'],
    category: 'removed-api',
    severity: 'blocker',
    description: 'Objects written in an API version that the target EKS version no longer serves.',
    fixable: true,
    fixNote: 'the `apiVersion` line',
    messages: {
      replaced: {
        message: '{{apiVersion}} {{kind}} was removed in Kubernetes {{removedIn}}; use {{replacement}}.',
        explanation:
          'EKS {{target}} runs upstream Kubernetes, which stopped serving {{apiVersion}} for {{kind}} in {{removedIn}}: applying this manifest fails with "no matches for kind". {{origin}}',
        remediation:
          'Rewrite the manifest to apiVersion {{replacement}} (kube2eks generate does it) and check the fields that changed between versions{{extra}}.',
      },
      gone: {
        message:
          '{{apiVersion}} {{kind}} was removed in Kubernetes {{removedIn}} and has no replacement API.',
        explanation: 'EKS {{target}} does not serve {{kind}} at all. {{origin}}',
        remediation: '{{gone}}',
      },
    },
  },
  checkObject(item, ctx, report) {
    if (!kindHasDeprecations(ctx.catalog.deprecatedApis, item.ref.kind)) return;
    const { apiVersion, fromLastApplied } = writtenApi(item);
    const api = deprecationOf(ctx.catalog.deprecatedApis, apiVersion, item.ref.kind);
    if (!api || !isRemovedBy(api, ctx.targetVersion)) return;
    const origin = fromLastApplied
      ? `The cluster serves this object at ${item.ref.apiVersion}, but its last-applied-configuration shows it was written as ${apiVersion}: the manifests in the team's repository still use the removed version.`
      : '';
    const data = {
      apiVersion,
      kind: item.ref.kind,
      removedIn: api.removedIn ?? '',
      target: ctx.targetVersion,
      origin,
    };
    if (api.replacement) {
      const extra = STRUCTURAL_NOTES[`${apiVersion} ${item.ref.kind}`] ?? STRUCTURAL_NOTES[apiVersion] ?? '';
      report({
        item,
        messageId: 'replaced',
        data: { ...data, replacement: api.replacement, extra },
        path: ['apiVersion'],
        fix: fromLastApplied
          ? []
          : [
              { op: 'replace', path: pointer(['apiVersion']), value: api.replacement },
              ...structuralOps(apiVersion, item.object),
            ],
        facts: { replacement: api.replacement },
      });
    } else {
      report({
        item,
        messageId: 'gone',
        data: { ...data, gone: GONE_ADVICE[item.ref.kind] ?? DEFAULT_GONE },
        path: ['apiVersion'],
      });
    }
  },
});

/** What else changes when moving to the replacement (beyond the apiVersion line). */
const STRUCTURAL_NOTES: Record<string, string> = {
  'extensions/v1beta1 Deployment': ': apps/v1 requires spec.selector matching the template labels',
  'extensions/v1beta1 DaemonSet': ': apps/v1 requires spec.selector matching the template labels',
  'extensions/v1beta1 ReplicaSet': ': apps/v1 requires spec.selector matching the template labels',
  'apps/v1beta1': ': apps/v1 requires spec.selector matching the template labels',
  'apps/v1beta2': ': apps/v1 requires spec.selector matching the template labels',
  'extensions/v1beta1 Ingress':
    ': networking.k8s.io/v1 backends become service.name and service.port.number, and every path needs a pathType',
  'networking.k8s.io/v1beta1 Ingress':
    ': networking.k8s.io/v1 backends become service.name and service.port.number, and every path needs a pathType',
  'apiextensions.k8s.io/v1beta1': ': apiextensions.k8s.io/v1 needs a structural schema per version',
  'batch/v1beta1': '',
  'autoscaling/v2beta1 HorizontalPodAutoscaler':
    ': autoscaling/v2 nests each metric name and target (metricName becomes metric.name, metricSelector metric.selector, and targetAverageValue, targetValue or targetAverageUtilization a target with type AverageValue, Value or Utilization); kube2eks generate rewrites them',
  'autoscaling/v2beta2 HorizontalPodAutoscaler': ': none did, autoscaling/v2 has the same fields',
  'policy/v1beta1 PodDisruptionBudget':
    ': in policy/v1 an empty selector selects every pod of the namespace instead of none',
};

const DEFAULT_GONE = 'Remove the object from the manifests before the move.';
const GONE_ADVICE: Record<string, string> = {
  PodSecurityPolicy:
    'Remove the PodSecurityPolicy and enforce the same controls with Pod Security Admission (pod-security.kubernetes.io/enforce labels on namespaces) or a policy engine such as Kyverno or OPA Gatekeeper.',
};
