// openshift/resource: OpenShift-only kinds (Route, DeploymentConfig, ImageStream, BuildConfig, Template, SCC,
// Project, …) and their EKS counterparts.
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import { describeUnlessRequested, evaluatePolicy, sccPolicy } from '../../model/pod-security.js';
import { namespacesOfIdentities, namespacesUsing, rbacObjectsOf } from '../../model/rbac.js';
import type { KubeObject } from '../../model/types.js';
import { defineRule, fillTemplate, joinList } from '../define.js';
import {
  BUILT_IN_SCCS,
  CABUNDLE_TARGETS,
  IMAGE_TRIGGERS_ANNOTATION,
  INJECT_CABUNDLE_ANNOTATIONS,
  LEGACY_V1_KINDS,
  OPENSHIFT_KINDS,
  type OpenShiftKind,
  SERVING_CERT_ANNOTATIONS,
} from './kinds.table.js';

/** The OpenShift kind an object is, or undefined; `other` for kinds of an openshift.io group not in the table. */
function openShiftKindOf(apiVersion: string, kind: string): OpenShiftKind | 'other' | undefined {
  const group = groupOf(apiVersion);
  if (group === '' && apiVersion === 'v1') {
    return LEGACY_V1_KINDS.has(kind) ? OPENSHIFT_KINDS.find((k) => k.kind === kind) : undefined;
  }
  if (!group.endsWith('.openshift.io') && group !== 'openshift.io') return undefined;
  return OPENSHIFT_KINDS.find((k) => k.kind === kind && k.group === group) ?? 'other';
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** OpenShift creates these SCCs itself (by name, or by its release-payload annotations). */
function isBuiltInScc(obj: KubeObject): boolean {
  const annotations = Object.keys(obj.metadata?.annotations ?? {});
  return (
    BUILT_IN_SCCS.has(obj.metadata?.name ?? '') ||
    annotations.some(
      (a) => a.startsWith('include.release.openshift.io/') || a === 'release.openshift.io/create-only',
    )
  );
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

/** Route annotations of the OpenShift router (HAProxy) and what they become on an ALB. */
const ROUTER_ANNOTATIONS: Readonly<Record<string, string>> = {
  'haproxy.router.openshift.io/timeout':
    'alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=<seconds>',
  'haproxy.router.openshift.io/ip_whitelist': 'alb.ingress.kubernetes.io/inbound-cidrs',
  'haproxy.router.openshift.io/ip_allowlist': 'alb.ingress.kubernetes.io/inbound-cidrs',
  'haproxy.router.openshift.io/disable_cookies':
    'alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=false',
  'router.openshift.io/cookie_name':
    'alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=true,stickiness.type=app_cookie,stickiness.app_cookie.cookie_name=<name>',
  'haproxy.router.openshift.io/hsts_header':
    'an HSTS header set by the application (or a CloudFront response headers policy); the ALB does not add it',
  'haproxy.router.openshift.io/rate-limit-connections':
    'AWS WAF rate-based rules (alb.ingress.kubernetes.io/wafv2-acl-arn)',
};

/** What a Route becomes on EKS, from its TLS termination, backends and router annotations. */
function routePlan(route: KubeObject): { counterpart: string; advice: string } {
  const spec = isRecord(route.spec) ? route.spec : {};
  const termination = String(getPath(spec, ['tls', 'termination']) ?? '').toLowerCase();
  const annotations = route.metadata?.annotations ?? {};
  const parts: string[] = [];
  if (termination === 'passthrough') {
    parts.push(
      'TLS passthrough needs a TCP listener, which an ALB does not have: expose the Service as type LoadBalancer on an NLB (service.beta.kubernetes.io/aws-load-balancer-type: external, a TCP 443 listener) and point the Route host name at it in Route 53; the pod keeps terminating TLS.',
    );
    return {
      counterpart:
        'an NLB with a TCP listener (a LoadBalancer Service through the AWS Load Balancer Controller)',
      advice: parts.join(' '),
    };
  }
  parts.push(
    'Write an Ingress with ingressClassName: alb (host and path from the Route, alb.ingress.kubernetes.io/group.name to share one ALB) or an HTTPRoute for the AWS Gateway API Controller.',
  );
  if (termination === 'edge')
    parts.push(
      'Edge termination becomes an ACM certificate on the ALB (alb.ingress.kubernetes.io/certificate-arn).',
    );
  else if (termination === 'reencrypt')
    parts.push(
      'Re-encrypt becomes an ACM certificate on the ALB plus alb.ingress.kubernetes.io/backend-protocol: HTTPS (the ALB does not verify the pod certificate, so a service CA is not needed for it).',
    );
  else
    parts.push(
      'Without tls the Route serves plain HTTP; an ALB listener on port 80 does the same, and an ACM certificate adds HTTPS.',
    );
  const insecure = String(getPath(spec, ['tls', 'insecureEdgeTerminationPolicy']) ?? '');
  if (insecure === 'Redirect')
    parts.push(
      'insecureEdgeTerminationPolicy: Redirect becomes alb.ingress.kubernetes.io/ssl-redirect: "443".',
    );
  const alternates = getPath(spec, ['alternateBackends']);
  if (Array.isArray(alternates) && alternates.length)
    parts.push(
      'Its weighted alternateBackends become a forward action with weighted target groups (alb.ingress.kubernetes.io/actions.<name>) or weighted backendRefs of an HTTPRoute.',
    );
  if (spec.wildcardPolicy === 'Subdomain')
    parts.push(
      'wildcardPolicy: Subdomain becomes a wildcard host (*.domain) on the Ingress and a wildcard ACM certificate.',
    );
  const mapped = Object.keys(annotations)
    .filter((a) => ROUTER_ANNOTATIONS[a])
    .map((a) => `${a} becomes ${ROUTER_ANNOTATIONS[a]}`);
  if (mapped.length) parts.push(`Router annotations: ${mapped.join('; ')}.`);
  const unmapped = Object.keys(annotations).filter(
    (a) =>
      (a.startsWith('haproxy.router.openshift.io/') || a.startsWith('router.openshift.io/')) &&
      !ROUTER_ANNOTATIONS[a],
  );
  if (unmapped.length)
    parts.push(
      `${joinList(unmapped)} ${unmapped.length > 1 ? 'have' : 'has'} no ALB equivalent: check what each tuned.`,
    );
  return {
    counterpart: 'an Ingress served by an ALB (AWS Load Balancer Controller) or a Gateway API HTTPRoute',
    advice: parts.join(' '),
  };
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
    targets: ['*'],
    category: 'openshift',
    severity: 'warning',
    description:
      'OpenShift-only objects (Route, DeploymentConfig, ImageStream, BuildConfig, Template, SecurityContextConstraints, Project, …) with their EKS counterparts.',
    fixable: false,
    messages: {
      known: {
        message: '{{kind}} {{name}} is an OpenShift {{kind}}{{detail}}; on EKS it becomes {{counterpart}}.',
        explanation:
          '{{why}} EKS runs upstream Kubernetes without the OpenShift APIs ({{group}}), so applying it fails with "no matches for kind {{kind}}"{{legacy}}.',
        remediation: '{{advice}}',
      },
      triggers: {
        message: '{{kind}} {{name}} is redeployed by OpenShift image triggers ({{annotation}}).',
        explanation:
          'OpenShift watches the ImageStream tags named in the annotation and patches the image when they move. EKS has no ImageStreams and ignores the annotation, so the workload would stay on its old image.',
        remediation:
          'Let the CI/CD pipeline set the image tag (or digest) from Amazon ECR, or use Argo CD Image Updater or Flux image automation; remove the annotation.',
      },
      servingCert: {
        message:
          '{{kind}} {{name}} gets its TLS certificate from the OpenShift service CA ({{annotation}}: {{secret}}).',
        explanation:
          "OpenShift's service CA operator watches this annotation and writes a certificate for the Service's cluster DNS name into Secret {{secret}}. EKS has no service CA: the Secret is never created, so pods that mount it stay in ContainerCreating and clients that trusted the service CA fail TLS verification.",
        remediation:
          'Issue the certificate with cert-manager: a Certificate for {{name}}.<namespace>.svc written to Secret {{secret}}, from a CA Issuer or from AWS Private CA through the aws-privateca-issuer plugin; distribute the CA with trust-manager. Then remove the annotation.',
      },
      injectCabundle: {
        message: '{{kind}} {{name}} asks the OpenShift service CA to inject its CA bundle ({{annotation}}).',
        explanation:
          'OpenShift fills in the service CA certificate ({{target}}) so that clients trust certificates the service CA issued. Nothing does that on EKS, so the bundle stays empty or stale and TLS verification fails.',
        remediation:
          "Use cert-manager's CA injector (the cert-manager.io/inject-ca-from annotation) for webhook configurations, APIServices and CRDs, or a trust-manager Bundle for ConfigMaps, with certificates issued by cert-manager; then remove the annotation.",
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
  index: rbacObjectsOf,
  checkObject(item, ctx, report) {
    const { apiVersion, kind, name } = item.ref;
    const spec = openShiftKindOf(apiVersion, kind);
    if (!spec) {
      const annotations = item.object.metadata?.annotations ?? {};
      const triggers = annotations[IMAGE_TRIGGERS_ANNOTATION];
      if (typeof triggers === 'string')
        report({
          item,
          messageId: 'triggers',
          data: { kind, name, annotation: IMAGE_TRIGGERS_ANNOTATION },
          path: ['metadata', 'annotations', IMAGE_TRIGGERS_ANNOTATION],
        });
      const serving = SERVING_CERT_ANNOTATIONS.find((a) => typeof annotations[a] === 'string');
      if (kind === 'Service' && serving)
        report({
          item,
          messageId: 'servingCert',
          data: { kind, name, annotation: serving, secret: String(annotations[serving]) },
          path: ['metadata', 'annotations', serving],
          facts: { servingCertSecret: annotations[serving] },
        });
      const inject = INJECT_CABUNDLE_ANNOTATIONS.find((a) => annotations[a] === 'true');
      if (inject)
        report({
          item,
          messageId: 'injectCabundle',
          data: { kind, name, annotation: inject, target: CABUNDLE_TARGETS[kind] ?? 'its caBundle field' },
          path: ['metadata', 'annotations', inject],
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
    let why = spec.why;
    const facts: Record<string, unknown> = { counterpart: spec.counterpart };
    let counterpart = spec.counterpart;
    if (kind === 'Route') {
      detail = routeDetail(obj.spec);
      const route = routePlan(obj);
      counterpart = route.counterpart;
      advice = route.advice;
      facts.counterpart = counterpart;
    }
    if (kind === 'Template') advice = fillTemplate(advice, { objects: templateObjects(obj.objects) });
    if (kind === 'SecurityContextConstraints') {
      const verdict = evaluatePolicy(sccPolicy(obj));
      const unless = describeUnlessRequested(verdict);
      // Who may use the SCC: its users and groups lists, and RBAC granting `use` of it.
      const namespaces = [
        ...new Set([
          ...namespacesOfIdentities(strings(obj.users), strings(obj.groups)),
          ...namespacesUsing(ctx.index, name, 'securitycontextconstraints'),
        ]),
      ].sort();
      detail = ` (Pod Security Admission level ${verdict.level}${unless})`;
      advice = fillTemplate(advice, {
        level: `${verdict.level}${describeUnlessRequested(verdict, 'or')}`,
        namespaces: namespaces.length ? ` (${joinList(namespaces)})` : '',
        reasons: verdict.reasons.length
          ? `it allows ${joinList(verdict.reasons)}`
          : 'it matches the restricted level',
      });
      if (isBuiltInScc(obj))
        why = `${why} ${name} is one of OpenShift's built-in SCCs: only what your own workloads were granted from it needs a counterpart on EKS.`;
      facts.psaLevel = verdict.level;
      facts.namespaces = namespaces;
    }
    report({
      item,
      messageId: 'known',
      data: {
        kind,
        name,
        detail,
        counterpart,
        why,
        group: spec.group,
        advice,
        legacy:
          apiVersion === 'v1'
            ? ` (it is written with apiVersion v1, the legacy OpenShift 3 API, which EKS reads as a core kind it does not have)`
            : '',
      },
      path: ['kind'],
      facts,
    });
  },
});
