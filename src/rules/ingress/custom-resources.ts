// ingress/custom-resources: ingress-side custom resources of other controllers — GKE BackendConfig,
// FrontendConfig and ManagedCertificate, Traefik IngressRoute/Middleware/TLSOption/…, Azure Application
// Gateway Ingress Controller CRs, Contour HTTPProxy, NGINX VirtualServer — with what replaces each on an ALB.

import { groupOf, isRecord } from '../../model/kinds.js';
import type { Inventory } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

const ALB = 'alb.ingress.kubernetes.io/';

/** BackendConfig spec fields and their ALB counterparts, filled with the values of the spec when it has them.
 * Source: GKE "Ingress configuration" docs (BackendConfig fields). */
const BACKEND_CONFIG_FIELDS: Record<string, (v: unknown) => string> = {
  healthCheck: (v) => {
    const hc = isRecord(v) ? v : {};
    const pairs: Array<[string, string, unknown]> = [
      ['requestPath', 'healthcheck-path', hc.requestPath],
      ['port', 'healthcheck-port', hc.port],
      ['type', 'healthcheck-protocol', typeof hc.type === 'string' ? hc.type.toUpperCase() : undefined],
      ['checkIntervalSec', 'healthcheck-interval-seconds', hc.checkIntervalSec],
      ['timeoutSec', 'healthcheck-timeout-seconds', hc.timeoutSec],
      ['healthyThreshold', 'healthy-threshold-count', hc.healthyThreshold],
      ['unhealthyThreshold', 'unhealthy-threshold-count', hc.unhealthyThreshold],
    ];
    const set = pairs.filter(([, , value]) => typeof value === 'string' || typeof value === 'number');
    return set.length
      ? set.map(([, key, value]) => `${ALB}${key}: "${String(value)}"`).join(', ')
      : `${ALB}healthcheck-path, healthcheck-port, healthcheck-protocol, healthcheck-interval-seconds, healthcheck-timeout-seconds, healthy-threshold-count and unhealthy-threshold-count`;
  },
  timeoutSec: (v) =>
    `${ALB}load-balancer-attributes: idle_timeout.timeout_seconds=${typeof v === 'number' ? v : '<seconds>'}`,
  connectionDraining: (v) => {
    const s = isRecord(v) ? v.drainingTimeoutSec : undefined;
    return `${ALB}target-group-attributes: deregistration_delay.timeout_seconds=${typeof s === 'number' ? s : '<seconds>'}`;
  },
  sessionAffinity: (v) => {
    const type = isRecord(v) ? v.affinityType : undefined;
    const ttl = isRecord(v) ? v.affinityCookieTtlSec : undefined;
    if (type === 'CLIENT_IP')
      return 'no ALB equivalent for client-IP affinity (use cookie stickiness, or an NLB with source_ip stickiness)';
    return `${ALB}target-group-attributes: stickiness.enabled=true,stickiness.type=lb_cookie${typeof ttl === 'number' ? `,stickiness.lb_cookie.duration_seconds=${ttl}` : ''}`;
  },
  iap: () => `${ALB}auth-type: oidc or cognito (Identity-Aware Proxy has no direct equivalent)`,
  securityPolicy: () => `an AWS WAF web ACL in ${ALB}wafv2-acl-arn (replaces the Cloud Armor policy)`,
  cdn: (v) =>
    isRecord(v) && v.enabled === false
      ? 'nothing (Cloud CDN is off)'
      : 'Amazon CloudFront in front of the ALB (replaces Cloud CDN)',
  logging: (v) =>
    isRecord(v) && v.enable === false
      ? 'nothing (logging is off)'
      : `ALB access logs: ${ALB}load-balancer-attributes: access_logs.s3.enabled=true,access_logs.s3.bucket=<bucket>`,
  customRequestHeaders: () => 'no ALB equivalent (CloudFront or the application adds headers)',
  customResponseHeaders: () => 'no ALB equivalent (CloudFront response headers policy or the application)',
};

const TRAEFIK_GROUP = /^traefik\.(containo\.us|io)$/;
const AGIC_GROUP = /^appgw\.ingress\.(k8s|azure)\.io$/;
const AGIC = 'Azure Application Gateway Ingress (AGIC)';

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
        ? `target group and load balancer settings on the Ingress or backend Service: ${fields.map((f) => `${f} -> ${BACKEND_CONFIG_FIELDS[f]?.(spec[f])}`).join('; ')}`
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
  MultiClusterIngress: {
    group: /^networking\.gke\.io$/,
    product: 'GKE multi-cluster Ingress',
    replacement: () =>
      'an Ingress of class alb in each EKS cluster, with Route 53 latency or failover records (or AWS Global Accelerator) in front of the ALBs',
  },
  MultiClusterService: {
    group: /^networking\.gke\.io$/,
    product: 'GKE multi-cluster Ingress',
    replacement: () =>
      "a Service in each EKS cluster behind that cluster's ALB (AWS Cloud Map MCS controller or Amazon VPC Lattice for cross-cluster service discovery)",
  },
  NginxIngressController: {
    group: /^approuting\.kubernetes\.azure\.com$/,
    product: 'AKS application routing add-on',
    replacement: () =>
      'ingress-nginx installed on EKS and exposed through an NLB (service.beta.kubernetes.io/aws-load-balancer-type: external), or the Ingresses moved to class alb',
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
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      'an Ingress of class alb with the same hosts and paths, or Traefik itself installed on EKS behind an NLB',
  },
  IngressRouteTCP: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      'a Service of type LoadBalancer (an NLB with TCP/TLS listeners), or Traefik on EKS behind an NLB',
  },
  IngressRouteUDP: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      'a Service of type LoadBalancer (an NLB with UDP listeners), or Traefik on EKS behind an NLB',
  },
  Middleware: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      'ALB features where they exist (redirects and fixed responses as alb.ingress.kubernetes.io/actions, authentication with auth-type oidc/cognito, rate limits in AWS WAF), or Traefik kept on EKS',
  },
  MiddlewareTCP: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      'NLB features where they exist (source ranges in loadBalancerSourceRanges, security groups), or Traefik kept on EKS',
  },
  TLSOption: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: (spec) =>
      `an ELB security policy in ${ALB}ssl-policy${typeof spec.minVersion === 'string' ? ` (minVersion ${spec.minVersion}: an ELBSecurityPolicy-TLS13-* or -TLS-1-2-* policy)` : ''}${isRecord(spec.clientAuth) ? ` and ${ALB}mutual-authentication with a trust store for the client certificates` : ''}`,
  },
  TLSStore: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      `certificates in AWS Certificate Manager (${ALB}certificate-arn, or discovered from the Ingress hosts)`,
  },
  ServersTransport: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      `target group settings (${ALB}backend-protocol, backend-protocol-version); an ALB does not verify target certificates`,
  },
  TraefikService: {
    group: TRAEFIK_GROUP,
    product: 'Traefik',
    replacement: () =>
      `weighted target groups in a forward action (${ALB}actions.<name>) for weighted services; mirroring has no ALB equivalent`,
  },
  AzureIngressProhibitedTarget: {
    group: AGIC_GROUP,
    product: AGIC,
    replacement: () =>
      'nothing: it only tells AGIC which parts of a shared Application Gateway to leave alone; an ALB created by the AWS Load Balancer Controller serves only its own Ingresses (share one with alb.ingress.kubernetes.io/group.name)',
  },
  AzureIngressManagedTarget: {
    group: AGIC_GROUP,
    product: AGIC,
    replacement: () =>
      'nothing: AWS Load Balancer Controller ALBs serve only the Ingresses of their IngressGroup (alb.ingress.kubernetes.io/group.name)',
  },
  AzureApplicationGatewayRewrite: {
    group: AGIC_GROUP,
    product: AGIC,
    replacement: () =>
      `URL and host header rewrites as ${ALB}transforms.<service name> (url-rewrite, host-header-rewrite); header set/remove rules have no ALB equivalent`,
  },
  AzureApplicationGatewayBackendPool: {
    group: AGIC_GROUP,
    product: AGIC,
    replacement: () => 'target groups the AWS Load Balancer Controller creates from the Ingress backends',
  },
  AzureApplicationGatewayLoadDistributionPolicy: {
    group: AGIC_GROUP,
    product: AGIC,
    replacement: () => `weighted target groups in a forward action (${ALB}actions.<name>)`,
  },
  AzureApplicationGatewayInstanceUpdateStatus: {
    group: AGIC_GROUP,
    product: AGIC,
    replacement: () => 'nothing (status written by AGIC)',
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
    targets: Object.keys(KINDS),
    category: 'ingress',
    severity: 'warning',
    description:
      'Ingress-side custom resources of other controllers (GKE BackendConfig, FrontendConfig, ManagedCertificate; Traefik, Azure Application Gateway, Contour and NGINX resources) and their ALB counterparts.',
    fixable: false,
    messages: {
      replace: {
        message:
          '{{kind}} {{name}} ({{apiVersion}}) configures {{product}}, which EKS does not run; on EKS it becomes {{short}}.',
        explanation:
          'The {{product}} controller reads this resource; on EKS the AWS Load Balancer Controller ignores it, so the settings it carries are lost unless they are rewritten.{{usedBy}}',
        remediation: 'Replace it with {{replacement}}, then drop the {{kind}}.',
      },
      drop: {
        message:
          '{{kind}} {{name}} ({{apiVersion}}) configures {{product}}, which EKS does not run; on EKS it is not needed.',
        explanation:
          'The {{product}} controller reads this resource; on EKS the AWS Load Balancer Controller ignores it.{{usedBy}}',
        remediation: 'Drop the {{kind}}: {{replacement}}.',
      },
    },
  },
  index: referrersOf,
  checkObject(item, ctx, report) {
    const fact = Object.hasOwn(KINDS, item.ref.kind) ? KINDS[item.ref.kind] : undefined;
    if (!fact?.group.test(groupOf(item.ref.apiVersion))) return;
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const replacement = fact.replacement(spec);
    const usedBy = referencesTo(item.ref.kind, item.ref.name, item.ref.namespace, ctx.index);
    const needless = replacement.startsWith('nothing');
    report({
      item,
      messageId: needless ? 'drop' : 'replace',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        apiVersion: item.ref.apiVersion,
        product: fact.product,
        short: SHORT[item.ref.kind] ?? 'ALB settings',
        replacement: needless ? reasonOf(replacement) : replacement,
        usedBy: usedBy.length ? ` It is used by ${joinList(usedBy)}.` : '',
      },
      path: ['kind'],
      facts: {
        product: fact.product,
        usedBy,
        // A certificate resource's names, for the checklist's ACM step.
        ...(Array.isArray(spec.domains)
          ? { domains: spec.domains.filter((d) => typeof d === 'string') }
          : {}),
      },
    });
  },
});

/** "nothing: why" or "nothing (why)" -> "why". */
function reasonOf(replacement: string): string {
  const paren = /^nothing \((.*)\)$/.exec(replacement);
  if (paren?.[1]) return paren[1];
  return replacement.replace(/^nothing:?\s*/, '') || 'nothing replaces it';
}

const SHORT: Record<string, string> = {
  HealthCheckPolicy: 'target group health check settings',
  MultiClusterIngress: 'one ALB Ingress per EKS cluster behind Route 53 or Global Accelerator',
  MultiClusterService: 'a Service per EKS cluster',
  NginxIngressController: 'a self-managed ingress-nginx behind an NLB, or ALB Ingresses',
  GCPBackendPolicy: 'target group settings of the AWS Load Balancer Controller',
  GCPGatewayPolicy: 'load balancer settings of the AWS Load Balancer Controller',
  BackendConfig: 'target group attributes and health checks of the ALB',
  FrontendConfig: 'ALB listener settings',
  ManagedCertificate: 'an AWS Certificate Manager (ACM) certificate',
  IngressRoute: 'an Ingress of class alb',
  IngressRouteTCP: 'an NLB Service',
  IngressRouteUDP: 'an NLB Service',
  Middleware: 'ALB actions, authentication or AWS WAF rules',
  MiddlewareTCP: 'NLB settings',
  TLSOption: 'an ELB security policy (alb.ingress.kubernetes.io/ssl-policy)',
  TLSStore: 'ACM certificates',
  ServersTransport: 'target group settings',
  TraefikService: 'weighted target groups of an ALB forward action',
  AzureIngressProhibitedTarget: 'nothing (ALBs are not shared with other tools)',
  AzureIngressManagedTarget: 'nothing (ALBs are not shared with other tools)',
  AzureApplicationGatewayRewrite: 'ALB URL and host header rewrite transforms',
  AzureApplicationGatewayBackendPool: 'ALB target groups',
  AzureApplicationGatewayLoadDistributionPolicy: 'weighted target groups of an ALB forward action',
  AzureApplicationGatewayInstanceUpdateStatus: 'nothing',
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

/** The annotations that name a GKE resource (on Services for BackendConfig, on Ingresses for the rest). */
const REFERENCE_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  BackendConfig: ['cloud.google.com/backend-config', 'beta.cloud.google.com/backend-config'],
  FrontendConfig: ['networking.gke.io/v1beta1.FrontendConfig'],
  ManagedCertificate: ['networking.gke.io/managed-certificates'],
};

interface Referrer {
  kind: string;
  name: string;
  /** The reference annotations it carries. */
  annotations: Record<string, string>;
}

/** Objects carrying a reference annotation, by namespace (`''` for none), in inventory order. */
function referrersOf(inventory: Inventory): Map<string, Referrer[]> {
  const keys = Object.values(REFERENCE_ANNOTATIONS).flat();
  const byNamespace = new Map<string, Referrer[]>();
  for (const o of inventory.objects) {
    const ann = o.object.metadata?.annotations;
    if (!isRecord(ann)) continue;
    const annotations: Record<string, string> = {};
    for (const key of keys) if (typeof ann[key] === 'string') annotations[key] = ann[key];
    if (Object.keys(annotations).length === 0) continue;
    const list = byNamespace.get(o.ref.namespace ?? '') ?? [];
    list.push({ kind: o.ref.kind, name: o.ref.name, annotations });
    byNamespace.set(o.ref.namespace ?? '', list);
  }
  return byNamespace;
}

/** Objects that name a GKE resource in their annotations. */
function referencesTo(
  kind: string,
  name: string,
  namespace: string | undefined,
  referrers: Map<string, Referrer[]>,
): string[] {
  const wanted = REFERENCE_ANNOTATIONS[kind];
  if (!wanted) return [];
  const out: string[] = [];
  for (const o of referrers.get(namespace ?? '') ?? []) {
    const ann = o.annotations;
    for (const key of wanted) {
      const value = ann[key];
      if (typeof value !== 'string') continue;
      const names = kind === 'BackendConfig' ? jsonStrings(value) : value.split(',').map((v) => v.trim());
      if (names.includes(name)) out.push(`${o.kind} ${o.name}`);
    }
  }
  return out;
}
