// openshift/resource: OpenShift-only kinds (Route, DeploymentConfig, ImageStream, BuildConfig, Template, SCC,
// Project, …) and their EKS counterparts.
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import { defineRule, fillTemplate, joinList } from '../define.js';
import { evaluatePolicy, sccPolicy } from '../security/psa.js';
import {
  IMAGE_TRIGGERS_ANNOTATION,
  LEGACY_V1_KINDS,
  OPENSHIFT_KINDS,
  type OpenShiftKind,
} from './kinds.table.js';

/** The OpenShift kind an object is, or undefined; `other` for kinds of an openshift.io group not in the table. */
export function openShiftKindOf(apiVersion: string, kind: string): OpenShiftKind | 'other' | undefined {
  const group = groupOf(apiVersion);
  if (group === '' && apiVersion === 'v1') {
    return LEGACY_V1_KINDS.has(kind) ? OPENSHIFT_KINDS.find((k) => k.kind === kind) : undefined;
  }
  if (!group.endsWith('.openshift.io') && group !== 'openshift.io') return undefined;
  return OPENSHIFT_KINDS.find((k) => k.kind === kind && k.group === group) ?? 'other';
}

function routeDetail(spec: unknown): string {
  if (!isRecord(spec)) return '';
  const parts: string[] = [];
  if (typeof spec.host === 'string')
    parts.push(`host ${spec.host}${typeof spec.path === 'string' ? spec.path : ''}`);
  const termination = getPath(spec, ['tls', 'termination']);
  if (typeof termination === 'string') parts.push(`TLS ${termination}`);
  const to = getPath(spec, ['to', 'name']);
  if (typeof to === 'string') parts.push(`to Service ${to}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function templateObjects(objects: unknown): string {
  if (!Array.isArray(objects) || objects.length === 0) return '';
  const names = objects
    .filter(isRecord)
    .map((o) => `${String(o.kind ?? '?')} ${String(getPath(o, ['metadata', 'name']) ?? '?')}`);
  return ` (it holds ${joinList(names)})`;
}

export default defineRule({
  meta: {
    id: 'openshift/resource',
    category: 'openshift',
    severity: 'warning',
    description:
      'OpenShift-only objects (Route, DeploymentConfig, ImageStream, BuildConfig, Template, SecurityContextConstraints, Project, …) with their EKS counterparts.',
    fixable: false,
    messages: {
      known: {
        message: '{{kind}} {{name}} is an OpenShift {{kind}}{{detail}}; on EKS it becomes {{counterpart}}.',
        explanation:
          '{{why}} EKS runs upstream Kubernetes without the OpenShift APIs ({{group}}), so applying it fails with "no matches for kind {{kind}}".',
        remediation: '{{advice}}',
      },
      triggers: {
        message: '{{kind}} {{name}} is redeployed by OpenShift image triggers ({{annotation}}).',
        explanation:
          'OpenShift watches the ImageStream tags named in the annotation and patches the image when they move. EKS has no ImageStreams and ignores the annotation, so the workload would stay on its old image.',
        remediation:
          'Let the CI/CD pipeline set the image tag (or digest) from Amazon ECR, or use Argo CD Image Updater or Flux image automation; remove the annotation.',
      },
      other: {
        message: '{{kind}} {{name}} uses the OpenShift API {{apiVersion}}, which EKS does not serve.',
        explanation:
          'EKS runs upstream Kubernetes without the OpenShift APIs, so applying it fails with "no matches for kind {{kind}}".',
        remediation:
          'Find what the object configures on OpenShift and replace it with the upstream Kubernetes or AWS equivalent, or drop it if it configures OpenShift itself.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    const { apiVersion, kind, name } = item.ref;
    const spec = openShiftKindOf(apiVersion, kind);
    if (!spec) {
      const triggers = item.object.metadata?.annotations?.[IMAGE_TRIGGERS_ANNOTATION];
      if (typeof triggers === 'string')
        report({
          item,
          messageId: 'triggers',
          data: { kind, name, annotation: IMAGE_TRIGGERS_ANNOTATION },
          path: ['metadata', 'annotations', IMAGE_TRIGGERS_ANNOTATION],
        });
      return;
    }
    if (spec === 'other') {
      report({ item, messageId: 'other', data: { kind, name, apiVersion }, path: ['apiVersion'] });
      return;
    }
    const obj = item.object;
    let detail = '';
    let advice = spec.advice;
    const facts: Record<string, unknown> = { counterpart: spec.counterpart };
    if (kind === 'Route') detail = routeDetail(obj.spec);
    if (kind === 'Template') advice = fillTemplate(advice, { objects: templateObjects(obj.objects) });
    if (kind === 'SecurityContextConstraints') {
      const verdict = evaluatePolicy(sccPolicy(obj));
      detail = ` (Pod Security Admission level ${verdict.level})`;
      advice = fillTemplate(advice, {
        level: verdict.level,
        reasons: verdict.reasons.length
          ? `it allows ${joinList(verdict.reasons)}`
          : 'it matches the restricted level',
      });
      facts.psaLevel = verdict.level;
    }
    report({
      item,
      messageId: 'known',
      data: { kind, name, detail, counterpart: spec.counterpart, why: spec.why, group: spec.group, advice },
      path: ['kind'],
      facts,
    });
  },
});
