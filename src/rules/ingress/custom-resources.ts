// ingress/custom-resources: ingress-side custom resources of other controllers — GKE BackendConfig,
// FrontendConfig and ManagedCertificate, Traefik IngressRoute/Middleware, Contour HTTPProxy, NGINX
// VirtualServer — with what replaces each on an ALB.
import { groupOf, isRecord } from '../../model/kinds.js';
import type { InventoryObject } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

const ALB = 'alb.ingress.kubernetes.io/';

/** BackendConfig spec fields and their ALB counterparts. Source: GKE "Ingress configuration" docs. */
const BACKEND_CONFIG_FIELDS: Record<string, string> = {
  healthCheck: `${ALB}healthcheck-path, healthcheck-port, healthcheck-protocol, healthcheck-interval-seconds, healthcheck-timeout-seconds, healthy-threshold-count and unhealthy-threshold-count`,
  timeoutSec: `${ALB}load-balancer-attributes: idle_timeout.timeout_seconds=<seconds>`,
  connectionDraining: `${ALB}target-group-attributes: deregistration_delay.timeout_seconds=<seconds>`,
  sessionAffinity: `${ALB}target-group-attributes: stickiness.enabled=true,stickiness.type=lb_cookie (GENERATED_COOKIE; CLIENT_IP has no ALB equivalent)`,
  iap: `${ALB}auth-type: oidc or cognito (Identity-Aware Proxy has no direct equivalent)`,
  securityPolicy: `an AWS WAF web ACL in ${ALB}wafv2-acl-arn (replaces the Cloud Armor policy)`,
  cdn: 'Amazon CloudFront in front of the ALB (replaces Cloud CDN)',
  logging: `ALB access logs: ${ALB}load-balancer-attributes: access_logs.s3.enabled=true,access_logs.s3.bucket=<bucket>`,
  customRequestHeaders: 'no ALB equivalent (CloudFront or the application adds headers)',
  customResponseHeaders: 'no ALB equivalent (CloudFront response headers policy or the application)',
};

interface KindFact {
  group: RegExp;
  product: string;
  replacement: (spec: Record<string, unknown>) => string;
}

const KINDS: Record<string, KindFact> = {
  BackendConfig: {
    group: /^cloud\.google\.com$/,
    product: 'GKE Ingress',
    replacement: (spec) => {
      const fields = Object.keys(spec).filter((f) => BACKEND_CONFIG_FIELDS[f]);
      return fields.length
        ? `target group and load balancer settings on the Ingress or backend Service: ${fields.map((f) => `${f} -> ${BACKEND_CONFIG_FIELDS[f]}`).join('; ')}`
        : 'target group settings in alb.ingress.kubernetes.io/* annotations on the Ingress or the backend Service';
    },
  },
  FrontendConfig: {
    group: /^networking\.gke\.io$/,
    product: 'GKE Ingress',
    replacement: (spec) => {
      const parts: string[] = [];
      if (isRecord(spec.redirectToHttps) && spec.redirectToHttps.enabled === true) {
        parts.push(
          `redirectToHttps -> ${ALB}ssl-redirect: "443" with listen-ports [{"HTTP": 80}, {"HTTPS": 443}]`,
        );
      }
      if (typeof spec.sslPolicy === 'string') {
        parts.push(`sslPolicy ${spec.sslPolicy} -> ${ALB}ssl-policy: an ELBSecurityPolicy-TLS13-* policy`);
      }
      return parts.length
        ? `ALB listener settings: ${parts.join('; ')}`
        : `ALB listener settings (${ALB}ssl-redirect, ${ALB}ssl-policy)`;
    },
  },
  ManagedCertificate: {
    group: /^networking\.gke\.io$/,
    product: 'GKE Ingress',
    replacement: (spec) => {
      const raw = spec.domains;
      const domains = Array.isArray(raw) ? raw.filter((d): d is string => typeof d === 'string') : [];
      return `an AWS Certificate Manager certificate${domains.length ? ` for ${joinList(domains)}` : ''} (DNS validation, e.g. in Route 53), referenced by ${ALB}certificate-arn or discovered by the controller from the Ingress hosts`;
    },
  },
  HealthCheckPolicy: {
    group: /^networking\.gke\.io$/,
    product: 'GKE Gateway',
    replacement: () =>
      'a TargetGroupConfiguration of the AWS Load Balancer Controller (health check settings of the target group), or alb.ingress.kubernetes.io/healthcheck-* annotations for Ingresses',
  },
  GCPBackendPolicy: {
    group: /^networking\.gke\.io$/,
    product: 'GKE Gateway',
    replacement: () =>
      'a TargetGroupConfiguration of the AWS Load Balancer Controller (timeouts, draining, stickiness) and AWS WAF for Cloud Armor policies',
  },
  GCPGatewayPolicy: {
    group: /^networking\.gke\.io$/,
    product: 'GKE Gateway',
    replacement: () =>
      'a LoadBalancerConfiguration of the AWS Load Balancer Controller (SSL policy, scheme, attributes of the load balancer)',
  },
  IngressRoute: {
    group: /^traefik\.(containo\.us|io)$/,
    product: 'Traefik',
    replacement: () =>
      'an Ingress of class alb with the same hosts and paths, or Traefik itself installed on EKS behind an NLB',
  },
  IngressRouteTCP: {
    group: /^traefik\.(containo\.us|io)$/,
    product: 'Traefik',
    replacement: () =>
      'a Service of type LoadBalancer (an NLB with TCP/TLS listeners), or Traefik on EKS behind an NLB',
  },
  IngressRouteUDP: {
    group: /^traefik\.(containo\.us|io)$/,
    product: 'Traefik',
    replacement: () =>
      'a Service of type LoadBalancer (an NLB with UDP listeners), or Traefik on EKS behind an NLB',
  },
  Middleware: {
    group: /^traefik\.(containo\.us|io)$/,
    product: 'Traefik',
    replacement: () =>
      'ALB features where they exist (redirects and fixed responses as alb.ingress.kubernetes.io/actions, authentication with auth-type oidc/cognito, rate limits in AWS WAF), or Traefik kept on EKS',
  },
  HTTPProxy: {
    group: /^projectcontour\.io$/,
    product: 'Contour',
    replacement: () =>
      'an Ingress of class alb with the same routes, or Contour installed on EKS behind an NLB',
  },
  VirtualServer: {
    group: /^k8s\.nginx\.org$/,
    product: 'F5 NGINX Ingress Controller',
    replacement: () =>
      'an Ingress of class alb with the same routes, or the NGINX Ingress Controller installed on EKS behind an NLB',
  },
  VirtualServerRoute: {
    group: /^k8s\.nginx\.org$/,
    product: 'F5 NGINX Ingress Controller',
    replacement: () => 'rules of an Ingress of class alb, or the NGINX Ingress Controller kept on EKS',
  },
};

export default defineRule({
  meta: {
    id: 'ingress/custom-resources',
    category: 'ingress',
    severity: 'warning',
    description:
      'Ingress-side custom resources of other controllers (GKE BackendConfig, FrontendConfig, ManagedCertificate; Traefik, Contour and NGINX routes) and their ALB counterparts.',
    fixable: false,
    messages: {
      replace: {
        message:
          '{{kind}} {{name}} ({{apiVersion}}) configures {{product}}, which EKS does not run; on EKS it becomes {{short}}.',
        explanation:
          'The {{product}} controller reads this resource; on EKS the AWS Load Balancer Controller ignores it, so the settings it carries are lost unless they are rewritten.{{usedBy}}',
        remediation: 'Replace it with {{replacement}}, then drop the {{kind}}.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const fact = KINDS[item.ref.kind];
    if (!fact?.group.test(groupOf(item.ref.apiVersion))) return;
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const replacement = fact.replacement(spec);
    const usedBy = referencesTo(item.ref.kind, item.ref.name, item.ref.namespace, ctx.inventory.objects);
    report({
      item,
      messageId: 'replace',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        apiVersion: item.ref.apiVersion,
        product: fact.product,
        short: SHORT[item.ref.kind] ?? 'ALB settings',
        replacement,
        usedBy: usedBy.length ? ` It is used by ${joinList(usedBy)}.` : '',
      },
      path: ['kind'],
      facts: { product: fact.product, usedBy },
    });
  },
});

const SHORT: Record<string, string> = {
  HealthCheckPolicy: 'target group health check settings',
  GCPBackendPolicy: 'target group settings of the AWS Load Balancer Controller',
  GCPGatewayPolicy: 'load balancer settings of the AWS Load Balancer Controller',
  BackendConfig: 'target group attributes and health checks of the ALB',
  FrontendConfig: 'ALB listener settings',
  ManagedCertificate: 'an AWS Certificate Manager (ACM) certificate',
  IngressRoute: 'an Ingress of class alb',
  IngressRouteTCP: 'an NLB Service',
  IngressRouteUDP: 'an NLB Service',
  Middleware: 'ALB actions, authentication or AWS WAF rules',
  HTTPProxy: 'an Ingress of class alb',
  VirtualServer: 'an Ingress of class alb',
  VirtualServerRoute: 'Ingress rules of class alb',
};

/** String values of a JSON annotation (`{"default": "bc"}`, `{"ports": {"80": "bc"}}`). */
function jsonStrings(text: string): string[] {
  try {
    const walk = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : isRecord(v) ? Object.values(v).flatMap(walk) : [];
    return walk(JSON.parse(text));
  } catch {
    return [];
  }
}

/** Objects that name a GKE resource in their annotations (Services for BackendConfig, Ingresses for the rest). */
function referencesTo(
  kind: string,
  name: string,
  namespace: string | undefined,
  objects: readonly InventoryObject[],
): string[] {
  const keys: Record<string, string[]> = {
    BackendConfig: ['cloud.google.com/backend-config', 'beta.cloud.google.com/backend-config'],
    FrontendConfig: ['networking.gke.io/v1beta1.FrontendConfig'],
    ManagedCertificate: ['networking.gke.io/managed-certificates'],
  };
  const wanted = keys[kind];
  if (!wanted) return [];
  const out: string[] = [];
  for (const o of objects) {
    if (o.ref.namespace !== namespace) continue;
    const ann = o.object.metadata?.annotations ?? {};
    for (const key of wanted) {
      const value = ann[key];
      if (typeof value !== 'string') continue;
      const names = kind === 'BackendConfig' ? jsonStrings(value) : value.split(',').map((v) => v.trim());
      if (names.includes(name)) out.push(`${o.ref.kind} ${o.ref.name}`);
    }
  }
  return out;
}
