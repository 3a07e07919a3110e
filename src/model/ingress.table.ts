// Ingress knowledge: controllers by class name and controller string, and controller annotations with
// their AWS Load Balancer Controller (ALB) counterparts. Sources: kubernetes/ingress-nginx
// docs/user-guide/nginx-configuration/annotations.md, Traefik "Kubernetes Ingress" routing docs,
// haproxytech kubernetes-ingress annotations docs, Azure AGIC annotations docs, GKE Ingress docs,
// AKS application routing docs, cert-manager ingress-shim docs; EKS side:
// kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md (see data/lb-annotations.json).

export const ALB_CONTROLLER = 'ingress.k8s.aws/alb';
export const ALB_CLASS = 'alb';
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export interface IngressProduct {
  product: string;
  /** How to keep it on EKS instead of moving to ALB (undefined when it cannot run on EKS). */
  keep?: string;
  /** The class asks for a private load balancer. */
  internal?: boolean;
}

const KEEP_NGINX =
  'install ingress-nginx on EKS and expose its controller Service as an NLB (service.beta.kubernetes.io/aws-load-balancer-type: external)';

/** Ingress classes by class name (annotation value or ingressClassName). */
export const CLASS_NAMES: Record<string, IngressProduct> = {
  nginx: { product: 'ingress-nginx', keep: KEEP_NGINX },
  'nginx-internal': { product: 'ingress-nginx (internal)', keep: KEEP_NGINX, internal: true },
  'webapprouting.kubernetes.azure.com': {
    product: 'AKS application routing add-on (managed NGINX)',
    keep: KEEP_NGINX,
  },
  'azure/application-gateway': { product: 'Azure Application Gateway Ingress Controller' },
  'azure-application-gateway': { product: 'Azure Application Gateway Ingress Controller' },
  gce: { product: 'GKE Ingress (Google Cloud external Application Load Balancer)' },
  'gce-internal': {
    product: 'GKE Ingress (Google Cloud internal Application Load Balancer)',
    internal: true,
  },
  'gce-multi-cluster': { product: 'GKE multi-cluster Ingress' },
  traefik: {
    product: 'Traefik',
    keep: 'install Traefik on EKS and expose its Service as an NLB (service.beta.kubernetes.io/aws-load-balancer-type: external)',
  },
  haproxy: {
    product: 'HAProxy Ingress',
    keep: 'install the HAProxy ingress controller on EKS behind an NLB',
  },
  istio: {
    product: 'Istio ingress gateway',
    keep: 'install Istio on EKS and expose its ingress gateway as an NLB',
  },
  kong: { product: 'Kong', keep: 'install Kong on EKS behind an NLB' },
  contour: { product: 'Contour', keep: 'install Contour on EKS behind an NLB' },
  'openshift-default': { product: 'OpenShift router (HAProxy)' },
  cilium: { product: 'Cilium ingress', keep: 'run Cilium on EKS (chaining or ENI mode) behind an NLB' },
  skipper: {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    keep: 'install Skipper with the kube-ingress-aws-controller on EKS',
  },
};

/** Ingress classes by IngressClass spec.controller. */
export const CONTROLLERS: Record<string, IngressProduct> = {
  'k8s.io/ingress-nginx': { product: 'ingress-nginx', keep: KEEP_NGINX },
  'webapprouting.kubernetes.azure.com/nginx': {
    product: 'AKS application routing add-on (managed NGINX)',
    keep: KEEP_NGINX,
  },
  'azure/application-gateway': { product: 'Azure Application Gateway Ingress Controller' },
  'traefik.io/ingress-controller': CLASS_NAMES.traefik!,
  'haproxy.org/ingress-controller/haproxy': CLASS_NAMES.haproxy!,
  'haproxy-ingress.github.io/controller': CLASS_NAMES.haproxy!,
  'istio.io/ingress-controller': CLASS_NAMES.istio!,
  'ingress-controllers.konghq.com/kong': CLASS_NAMES.kong!,
  'projectcontour.io/ingress-controller': CLASS_NAMES.contour!,
  'nginx.org/ingress-controller': {
    product: 'NGINX Ingress Controller (F5 NGINX)',
    keep: 'install the F5 NGINX Ingress Controller on EKS behind an NLB',
  },
  'openshift.io/ingress-to-route': { product: 'OpenShift router (HAProxy)' },
  'io.cilium/ingress-controller': CLASS_NAMES.cilium!,
  'networking.gke.io/ingress-gce': CLASS_NAMES.gce!,
};

/** The parts of an Ingress that annotation translations look at. */
export interface IngressView {
  /** Paths of spec.rules, in order. */
  paths: string[];
  /** Backend Service names of spec.rules and spec.defaultBackend, in order. */
  services: string[];
}

/** What one controller annotation becomes on ALB. */
export interface AnnotationRule {
  product: string;
  /** Concrete ALB annotations for this value; null when nothing is needed (the ALB default suffices). */
  alb?: (value: string, all: Record<string, string>) => Record<string, string> | null;
  /** An ALB setting exists but needs a value only the user has (an ACM ARN, a WAF ACL); a function when the
   * advice depends on the value and the Ingress (its paths, its backends). */
  manual?: string | ((value: string, ingress: IngressView) => string);
  /** No ALB equivalent: keep the controller on EKS if the feature matters. */
  keep?: string;
  /** `keep` applies only to values matching this (otherwise `alb` decides). */
  keepWhen?: RegExp;
  /** No equivalent needed (ALB behaves like this anyway) or nothing to carry over. */
  drop?: string;
}

const ALB = 'alb.ingress.kubernetes.io/';
const seconds = (v: string): string | undefined => (/^[0-9]+$/.test(v.trim()) ? v.trim() : undefined);

function stickiness(all: Record<string, string>, prefix: string): Record<string, string> {
  const maxAge =
    seconds(all[`${prefix}session-cookie-max-age`] ?? '') ??
    seconds(all[`${prefix}session-cookie-expires`] ?? '');
  return {
    [`${ALB}target-group-attributes`]: `stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=${maxAge ?? '86400'}`,
  };
}

function idleTimeout(all: Record<string, string>, keys: string[]): Record<string, string> | null {
  const values = keys.map((k) => Number(seconds(all[k] ?? '') ?? 0));
  const max = Math.max(...values);
  return max > 0
    ? { [`${ALB}load-balancer-attributes`]: `idle_timeout.timeout_seconds=${Math.min(max, 4000)}` }
    : null;
}

const HTTPS_LISTENERS = '[{"HTTP": 80}, {"HTTPS": 443}]';

const NGINX = 'nginx.ingress.kubernetes.io/';
const nginxSsl = (v: string) =>
  /^true$/i.test(v) ? { [`${ALB}ssl-redirect`]: '443', [`${ALB}listen-ports`]: HTTPS_LISTENERS } : null;

/** ingress-nginx annotations (without the nginx.ingress.kubernetes.io/ prefix). */
export const NGINX_ANNOTATIONS: Record<string, Omit<AnnotationRule, 'product'>> = {
  'ssl-redirect': { alb: nginxSsl },
  'force-ssl-redirect': { alb: nginxSsl },
  'backend-protocol': {
    alb: (v) => {
      const p = v.toUpperCase();
      if (p === 'HTTPS') return { [`${ALB}backend-protocol`]: 'HTTPS' };
      if (p === 'GRPC') return { [`${ALB}backend-protocol-version`]: 'GRPC' };
      if (p === 'GRPCS')
        return { [`${ALB}backend-protocol`]: 'HTTPS', [`${ALB}backend-protocol-version`]: 'GRPC' };
      return null;
    },
    keep: 'AJP and FastCGI backends have no ALB equivalent',
    keepWhen: /^(AJP|FCGI)$/i,
  },
  'whitelist-source-range': { alb: (v) => ({ [`${ALB}inbound-cidrs`]: v }) },
  'allowlist-source-range': { alb: (v) => ({ [`${ALB}inbound-cidrs`]: v }) },
  affinity: { alb: (v, all) => (v === 'cookie' ? stickiness(all, NGINX) : null) },
  'affinity-mode': { drop: 'ALB stickiness has no modes' },
  'session-cookie-name': {
    drop: 'ALB names its stickiness cookie AWSALB (use stickiness.type=app_cookie to follow an application cookie)',
  },
  'session-cookie-expires': { drop: 'folded into stickiness.lb_cookie.duration_seconds' },
  'session-cookie-max-age': { drop: 'folded into stickiness.lb_cookie.duration_seconds' },
  'session-cookie-path': { drop: 'no ALB equivalent' },
  'session-cookie-samesite': { drop: 'no ALB equivalent' },
  'session-cookie-secure': { drop: 'no ALB equivalent' },
  'session-cookie-change-on-failure': { drop: 'ALB re-balances stickiness on target failure' },
  'proxy-read-timeout': {
    alb: (_v, all) => idleTimeout(all, [`${NGINX}proxy-read-timeout`, `${NGINX}proxy-send-timeout`]),
  },
  'proxy-send-timeout': {
    alb: (_v, all) => idleTimeout(all, [`${NGINX}proxy-read-timeout`, `${NGINX}proxy-send-timeout`]),
  },
  'proxy-connect-timeout': { drop: 'ALB connection timeouts are fixed' },
  'proxy-body-size': { drop: 'ALB sets no request body limit (enforce one in the application or AWS WAF)' },
  'client-body-buffer-size': { drop: 'no ALB equivalent' },
  'proxy-buffering': { drop: 'no ALB equivalent' },
  'proxy-buffer-size': { drop: 'no ALB equivalent' },
  'proxy-buffers-number': { drop: 'no ALB equivalent' },
  'proxy-request-buffering': { drop: 'no ALB equivalent' },
  'proxy-http-version': { drop: 'ALB speaks HTTP/1.1 or HTTP/2 to targets (backend-protocol-version)' },
  'service-upstream': { drop: 'ALB target-type ip sends traffic to the pods directly' },
  'use-regex': { alb: (v) => (/^true$/i.test(v) ? { [`${ALB}use-regex-path-match`]: 'true' } : null) },
  'load-balance': {
    alb: (v) =>
      v === 'ewma' || v === 'least_conn'
        ? { [`${ALB}target-group-attributes`]: 'load_balancing.algorithm.type=least_outstanding_requests' }
        : null,
  },
  'rewrite-target': {
    keep: 'path rewriting: ALB offers only limited URL-rewrite transforms (alb.ingress.kubernetes.io/transforms.<name>, recent controller versions)',
  },
  'app-root': { manual: `a redirect action (${ALB}actions.<name>) for "/"` },
  'permanent-redirect': { manual: `a redirect action (${ALB}actions.<name>, StatusCode HTTP_301)` },
  'temporal-redirect': { manual: `a redirect action (${ALB}actions.<name>, StatusCode HTTP_302)` },
  'configuration-snippet': { keep: 'raw NGINX configuration' },
  'server-snippet': { keep: 'raw NGINX configuration' },
  'stream-snippet': { keep: 'raw NGINX configuration' },
  'auth-snippet': { keep: 'raw NGINX configuration' },
  'auth-url': {
    keep: 'external authentication by sub-request (ALB authenticates only through OIDC or Amazon Cognito: alb.ingress.kubernetes.io/auth-type)',
  },
  'auth-signin': {
    keep: 'external authentication by sub-request (ALB authenticates only through OIDC or Amazon Cognito)',
  },
  'auth-response-headers': { keep: 'external authentication by sub-request' },
  'auth-method': { keep: 'external authentication by sub-request' },
  'auth-type': { keep: 'basic or digest authentication (ALB has none; OIDC or Cognito instead)' },
  'auth-secret': { keep: 'basic or digest authentication' },
  'auth-realm': { keep: 'basic or digest authentication' },
  'auth-tls-secret': { manual: `${ALB}mutual-authentication with a trust store ARN (mutual TLS)` },
  'auth-tls-verify-client': { manual: `${ALB}mutual-authentication (mutual TLS)` },
  'limit-rps': { manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
  'limit-rpm': { manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
  'limit-connections': { manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
  'enable-modsecurity': { manual: `AWS WAF managed rules (${ALB}wafv2-acl-arn)` },
  'enable-owasp-core-rules': { manual: `AWS WAF managed rules (${ALB}wafv2-acl-arn)` },
  'modsecurity-snippet': { keep: 'ModSecurity rules' },
  'enable-cors': { keep: 'CORS headers (ALB adds none; answer CORS in the application)' },
  'cors-allow-origin': { keep: 'CORS headers' },
  'cors-allow-methods': { keep: 'CORS headers' },
  'cors-allow-headers': { keep: 'CORS headers' },
  'cors-allow-credentials': { keep: 'CORS headers' },
  canary: { manual: `weighted forward actions (${ALB}actions.<name> with forwardConfig target groups)` },
  'canary-weight': { manual: `weighted forward actions (${ALB}actions.<name>)` },
  'canary-by-header': { manual: `a header condition (${ALB}conditions.<name>)` },
  'canary-by-header-value': { manual: `a header condition (${ALB}conditions.<name>)` },
  'canary-by-cookie': { keep: 'cookie-based canary routing' },
  'ssl-passthrough': {
    keep: 'TLS passthrough (ALB always terminates TLS; use an NLB Service with a TCP listener)',
  },
  'upstream-hash-by': { keep: 'consistent hashing' },
  'custom-http-errors': { keep: 'custom error pages' },
  'default-backend': { keep: 'a per-Ingress default backend service for errors' },
  'server-alias': { manual: 'an extra rule per alias host' },
  'ssl-ciphers': { manual: `an ELB security policy (${ALB}ssl-policy)` },
  'ssl-protocols': { manual: `an ELB security policy (${ALB}ssl-policy)` },
  'proxy-ssl-secret': { manual: `${ALB}backend-protocol: HTTPS (ALB does not verify target certificates)` },
  'proxy-ssl-verify': { drop: 'ALB does not verify target certificates' },
  'x-forwarded-prefix': { keep: 'the X-Forwarded-Prefix header' },
  'mirror-target': { keep: 'request mirroring' },
  'mirror-uri': { keep: 'request mirroring' },
  'enable-access-log': {
    drop: `ALB access logs are set per load balancer (${ALB}load-balancer-attributes access_logs.s3.enabled=true)`,
  },
  'session-cookie-conditional-samesite-none': {
    drop: 'no ALB equivalent (the ALB sets its own cookie attributes)',
  },
  'auth-tls-verify-depth': { drop: 'ALB mutual TLS verifies the whole chain against its trust store' },
  'auth-tls-error-page': {
    drop: 'ALB mutual TLS in verify mode rejects the TLS handshake; it shows no error page',
  },
  'auth-tls-pass-certificate-to-upstream': {
    manual: `${ALB}mutual-authentication (passthrough mode forwards the client certificate in the X-Amzn-Mtls-Clientcert header; verify mode adds X-Amzn-Mtls-Clientcert-* headers)`,
  },
  'auth-tls-match-cn': { keep: 'client certificate CN matching' },
  'denylist-source-range': { manual: `an AWS WAF IP set rule (${ALB}wafv2-acl-arn)` },
  'limit-whitelist': { manual: `an AWS WAF rate-based rule scope-down (${ALB}wafv2-acl-arn)` },
  'limit-burst-multiplier': { manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
  'global-rate-limit': { manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
  'global-rate-limit-window': { manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
  'from-to-www-redirect': { manual: `a redirect action (${ALB}actions.<name>) on the www host` },
  'upstream-vhost': {
    manual: `a host-header-rewrite transform (${ALB}transforms.<service name>, recent controller versions)`,
  },
  'preserve-trailing-slash': { drop: 'ALB redirects keep the path as written' },
  'proxy-next-upstream': { drop: 'ALB does not retry requests on another target' },
  'proxy-next-upstream-tries': { drop: 'ALB does not retry requests on another target' },
  'proxy-next-upstream-timeout': { drop: 'ALB does not retry requests on another target' },
  'proxy-redirect-from': { keep: 'rewriting Location headers of responses' },
  'proxy-redirect-to': { keep: 'rewriting Location headers of responses' },
  'proxy-cookie-domain': { keep: 'rewriting Set-Cookie domains' },
  'proxy-cookie-path': { keep: 'rewriting Set-Cookie paths' },
  'custom-headers': { keep: 'adding response headers (ALB adds none; use the application or CloudFront)' },
  'cors-expose-headers': { keep: 'CORS headers' },
  'cors-max-age': { keep: 'CORS headers' },
  satisfy: { keep: 'combining authentication and IP allow lists' },
  'connection-proxy-header': { drop: 'ALB manages the Connection header' },
  'http2-push-preload': { drop: 'HTTP/2 server push is gone from browsers' },
  'server-snippets': { keep: 'raw NGINX configuration' },
};

const AGIC = 'appgw.ingress.kubernetes.io/';

/** `alb.ingress.kubernetes.io/transforms.<service>` keys for the backends of an Ingress. */
function transformsKeys(ing: IngressView): string {
  const names = [...new Set(ing.services)];
  return names.length
    ? names.map((n) => `${ALB}transforms.${n}`).join(', ')
    : `${ALB}transforms.<service name>`;
}

/** A url-rewrite transform that swaps each Ingress path prefix for `prefix` (what AGIC's backend-path-prefix does). */
function urlRewrite(prefix: string, ing: IngressView): string {
  const paths = [...new Set(ing.paths.map((p) => p.replace(/\*$/, '')))];
  const rewrites = (paths.length ? paths : ['/'])
    .map((p) => `{"regex": "^${p.replace(/\/?$/, '/')}(.*)$", "replace": "${prefix.replace(/\/?$/, '/')}$1"}`)
    .join(', ');
  return `a url-rewrite transform per backend Service (${transformsKeys(ing)}: [{"type": "url-rewrite", "urlRewriteConfig": {"rewrites": [${rewrites}]}}], recent AWS Load Balancer Controller versions)`;
}
const TRAEFIK = 'traefik.ingress.kubernetes.io/';
const HAPROXY = 'haproxy.org/';

/** HAProxy Ingress (jcmoraisjr) annotations under one prefix. Source: haproxy-ingress.github.io configuration keys. */
function haproxyIngress(prefix: string, product: string): Record<string, AnnotationRule> {
  return {
    [`${prefix}ssl-redirect`]: { product, alb: nginxSsl },
    [`${prefix}rewrite-target`]: {
      product,
      keep: 'path rewriting: ALB offers only URL-rewrite transforms (alb.ingress.kubernetes.io/transforms.<name>, recent controller versions)',
    },
    [`${prefix}whitelist-source-range`]: {
      product,
      alb: (v) => ({ [`${ALB}inbound-cidrs`]: v.replace(/\s+/g, '') }),
    },
    [`${prefix}allowlist-source-range`]: {
      product,
      alb: (v) => ({ [`${ALB}inbound-cidrs`]: v.replace(/\s+/g, '') }),
    },
    [`${prefix}secure-backends`]: {
      product,
      alb: (v) => (/^true$/i.test(v) ? { [`${ALB}backend-protocol`]: 'HTTPS' } : null),
    },
    [`${prefix}backend-protocol`]: {
      product,
      alb: (v) =>
        /^h2s?$|^grpcs?$/i.test(v)
          ? { [`${ALB}backend-protocol-version`]: /grpc/i.test(v) ? 'GRPC' : 'HTTP2' }
          : null,
    },
    [`${prefix}affinity`]: { product, alb: (v, all) => (v === 'cookie' ? stickiness(all, prefix) : null) },
    [`${prefix}session-cookie-name`]: { product, drop: 'ALB names its stickiness cookie AWSALB' },
    [`${prefix}timeout-client`]: {
      product,
      alb: (v) => {
        const s = /^([0-9]+)s?$/.exec(v.trim())?.[1];
        return s ? { [`${ALB}load-balancer-attributes`]: `idle_timeout.timeout_seconds=${s}` } : null;
      },
    },
    [`${prefix}timeout-server`]: {
      product,
      alb: (v) => {
        const s = /^([0-9]+)s?$/.exec(v.trim())?.[1];
        return s ? { [`${ALB}load-balancer-attributes`]: `idle_timeout.timeout_seconds=${s}` } : null;
      },
    },
    [`${prefix}auth-url`]: {
      product,
      keep: 'external authentication by sub-request (ALB authenticates only through OIDC or Amazon Cognito)',
    },
    [`${prefix}auth-type`]: { product, keep: 'basic authentication (ALB has none; OIDC or Cognito instead)' },
    [`${prefix}auth-secret`]: { product, keep: 'basic authentication' },
    [`${prefix}config-backend`]: { product, keep: 'raw HAProxy configuration' },
    [`${prefix}config-frontend`]: { product, keep: 'raw HAProxy configuration' },
    [`${prefix}waf`]: { product, manual: `AWS WAF managed rules (${ALB}wafv2-acl-arn)` },
    [`${prefix}limit-rps`]: { product, manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)` },
    [`${prefix}cors-enable`]: { product, keep: 'CORS headers' },
    [`${prefix}ssl-passthrough`]: {
      product,
      keep: 'TLS passthrough (ALB always terminates TLS; use an NLB Service with a TCP listener)',
    },
  };
}

/** Annotations of other controllers, by full key. */
export const OTHER_ANNOTATIONS: Record<string, AnnotationRule> = {
  // Azure Application Gateway Ingress Controller
  [`${AGIC}ssl-redirect`]: { product: 'Azure Application Gateway', alb: nginxSsl },
  [`${AGIC}backend-protocol`]: {
    product: 'Azure Application Gateway',
    alb: (v) => (/^https$/i.test(v) ? { [`${ALB}backend-protocol`]: 'HTTPS' } : null),
  },
  [`${AGIC}use-private-ip`]: {
    product: 'Azure Application Gateway',
    alb: (v) => (/^true$/i.test(v) ? { [`${ALB}scheme`]: 'internal' } : null),
  },
  [`${AGIC}health-probe-path`]: {
    product: 'Azure Application Gateway',
    alb: (v) => ({ [`${ALB}healthcheck-path`]: v }),
  },
  [`${AGIC}health-probe-port`]: {
    product: 'Azure Application Gateway',
    alb: (v) => ({ [`${ALB}healthcheck-port`]: v }),
  },
  [`${AGIC}health-probe-status-codes`]: {
    product: 'Azure Application Gateway',
    alb: (v) => ({ [`${ALB}success-codes`]: v }),
  },
  [`${AGIC}cookie-based-affinity`]: {
    product: 'Azure Application Gateway',
    alb: (v, all) => (/^true$/i.test(v) ? stickiness(all, AGIC) : null),
  },
  [`${AGIC}connection-draining-timeout`]: {
    product: 'Azure Application Gateway',
    alb: (v) =>
      seconds(v)
        ? { [`${ALB}target-group-attributes`]: `deregistration_delay.timeout_seconds=${seconds(v)}` }
        : null,
  },
  [`${AGIC}connection-draining`]: {
    product: 'Azure Application Gateway',
    drop: 'ALB always drains deregistering targets',
  },
  [`${AGIC}request-timeout`]: {
    product: 'Azure Application Gateway',
    alb: (v) =>
      seconds(v)
        ? { [`${ALB}load-balancer-attributes`]: `idle_timeout.timeout_seconds=${seconds(v)}` }
        : null,
  },
  [`${AGIC}waf-policy-for-path`]: {
    product: 'Azure Application Gateway',
    manual: `an AWS WAF web ACL (${ALB}wafv2-acl-arn)`,
  },
  [`${AGIC}appgw-ssl-certificate`]: {
    product: 'Azure Application Gateway',
    manual: `an ACM certificate (${ALB}certificate-arn)`,
  },
  [`${AGIC}appgw-trusted-root-certificate`]: {
    product: 'Azure Application Gateway',
    drop: 'ALB does not verify target certificates',
  },
  [`${AGIC}backend-path-prefix`]: {
    product: 'Azure Application Gateway',
    manual: (v, ing) => urlRewrite(v, ing),
  },
  [`${AGIC}backend-hostname`]: {
    product: 'Azure Application Gateway',
    manual: (v, ing) =>
      `a host-header-rewrite transform per backend Service (${transformsKeys(ing)}: [{"type": "host-header-rewrite", "hostHeaderRewriteConfig": {"rewrites": [{"regex": "^.*$", "replace": "${v}"}]}}], recent AWS Load Balancer Controller versions)`,
  },
  [`${AGIC}override-frontend-port`]: { product: 'Azure Application Gateway', manual: `${ALB}listen-ports` },
  // GKE Ingress
  'kubernetes.io/ingress.global-static-ip-name': {
    product: 'GKE Ingress',
    keep: 'a reserved static IP (ALBs have no static addresses: use a Route 53 alias record, AWS Global Accelerator, or alb.ingress.kubernetes.io/enable-frontend-nlb with frontend-nlb-eip-allocations)',
  },
  'kubernetes.io/ingress.regional-static-ip-name': {
    product: 'GKE Ingress',
    keep: 'a reserved static IP (ALBs have no static addresses: use a Route 53 alias record or a frontend NLB)',
  },
  'kubernetes.io/ingress.allow-http': {
    product: 'GKE Ingress',
    alb: (v) => (/^false$/i.test(v) ? { [`${ALB}listen-ports`]: '[{"HTTPS": 443}]' } : null),
  },
  'networking.gke.io/managed-certificates': {
    product: 'GKE Ingress',
    manual: `ACM certificates for the hosts (${ALB}certificate-arn, or let the controller discover them from spec.tls hosts)`,
  },
  'ingress.gcp.kubernetes.io/pre-shared-cert': {
    product: 'GKE Ingress',
    manual: `ACM certificates (${ALB}certificate-arn)`,
  },
  'networking.gke.io/v1beta1.FrontendConfig': {
    product: 'GKE Ingress',
    manual: `${ALB}ssl-policy and ${ALB}ssl-redirect: "443" (from the FrontendConfig)`,
  },
  'networking.gke.io/suppress-firewall-xpn-error': { product: 'GKE Ingress', drop: 'GCP firewall setting' },
  'ingress.gcp.kubernetes.io/backends': {
    product: 'GKE Ingress',
    drop: 'status written by the GKE controller',
  },
  'ingress.kubernetes.io/backends': { product: 'GKE Ingress', drop: 'status written by the GKE controller' },
  'ingress.kubernetes.io/forwarding-rule': {
    product: 'GKE Ingress',
    drop: 'status written by the GKE controller',
  },
  'ingress.kubernetes.io/target-proxy': {
    product: 'GKE Ingress',
    drop: 'status written by the GKE controller',
  },
  'ingress.kubernetes.io/url-map': { product: 'GKE Ingress', drop: 'status written by the GKE controller' },
  // Traefik
  [`${TRAEFIK}router.entrypoints`]: {
    product: 'Traefik',
    alb: (v) =>
      /websecure|https/i.test(v)
        ? { [`${ALB}listen-ports`]: /web(,|$)|http(,|$)/i.test(v) ? HTTPS_LISTENERS : '[{"HTTPS": 443}]' }
        : null,
  },
  [`${TRAEFIK}router.tls`]: {
    product: 'Traefik',
    alb: (v) => (/^true$/i.test(v) ? { [`${ALB}listen-ports`]: '[{"HTTPS": 443}]' } : null),
  },
  [`${TRAEFIK}router.middlewares`]: { product: 'Traefik', keep: 'Traefik middlewares' },
  [`${TRAEFIK}router.priority`]: {
    product: 'Traefik',
    manual: `${ALB}group.order (rule order within an ALB group)`,
  },
  [`${TRAEFIK}router.pathmatcher`]: { product: 'Traefik', drop: 'ALB paths follow the Ingress pathType' },
  [`${TRAEFIK}router.tls.certresolver`]: {
    product: 'Traefik',
    manual: `an ACM certificate for the hosts (${ALB}certificate-arn, or discovery from spec.tls hosts) instead of the ACME resolver`,
  },
  [`${TRAEFIK}router.tls.domains.0.main`]: {
    product: 'Traefik',
    manual: `an ACM certificate for the domain (${ALB}certificate-arn)`,
  },
  [`${TRAEFIK}router.tls.options`]: {
    product: 'Traefik',
    manual: `an ELB security policy (${ALB}ssl-policy) matching the TLSOption`,
  },
  [`${TRAEFIK}service.sticky.cookie`]: {
    product: 'Traefik',
    alb: (v, all) => (/^true$/i.test(v) ? stickiness(all, `${TRAEFIK}service.sticky.cookie.`) : null),
  },
  [`${TRAEFIK}service.sticky.cookie.name`]: {
    product: 'Traefik',
    drop: 'ALB names its stickiness cookie AWSALB (use stickiness.type=app_cookie to follow an application cookie)',
  },
  [`${TRAEFIK}service.sticky.cookie.secure`]: { product: 'Traefik', drop: 'no ALB equivalent' },
  [`${TRAEFIK}service.sticky.cookie.httponly`]: { product: 'Traefik', drop: 'no ALB equivalent' },
  [`${TRAEFIK}service.serversscheme`]: {
    product: 'Traefik',
    alb: (v) => (/^https$/i.test(v) ? { [`${ALB}backend-protocol`]: 'HTTPS' } : null),
    keep: 'h2c backends (an ALB reaches targets over HTTP/1.1, HTTP/2 over TLS or gRPC)',
    keepWhen: /^h2c$/i,
  },
  [`${TRAEFIK}service.passhostheader`]: { product: 'Traefik', drop: 'ALB passes the Host header through' },
  [`${TRAEFIK}service.serverstransport`]: {
    product: 'Traefik',
    drop: 'ALB does not verify target certificates',
  },
  // HAProxy (haproxytech)
  [`${HAPROXY}ssl-redirect`]: { product: 'HAProxy Ingress', alb: nginxSsl },
  [`${HAPROXY}check-http`]: {
    product: 'HAProxy Ingress',
    alb: (v) => ({ [`${ALB}healthcheck-path`]: v.split(/\s+/).pop() ?? v }),
  },
  [`${HAPROXY}timeout-server`]: {
    product: 'HAProxy Ingress',
    alb: (v) => {
      const s = /^([0-9]+)s?$/.exec(v.trim())?.[1];
      return s ? { [`${ALB}load-balancer-attributes`]: `idle_timeout.timeout_seconds=${s}` } : null;
    },
  },
  [`${HAPROXY}allow-list`]: {
    product: 'HAProxy Ingress',
    alb: (v) => ({ [`${ALB}inbound-cidrs`]: v.replace(/\s+/g, '') }),
  },
  [`${HAPROXY}whitelist`]: {
    product: 'HAProxy Ingress',
    alb: (v) => ({ [`${ALB}inbound-cidrs`]: v.replace(/\s+/g, '') }),
  },
  [`${HAPROXY}server-ssl`]: {
    product: 'HAProxy Ingress',
    alb: (v) => (/^true$/i.test(v) ? { [`${ALB}backend-protocol`]: 'HTTPS' } : null),
  },
  [`${HAPROXY}cookie-persistence`]: {
    product: 'HAProxy Ingress',
    alb: (_v, all) => stickiness(all, HAPROXY),
  },
  [`${HAPROXY}load-balance`]: {
    product: 'HAProxy Ingress',
    alb: (v) =>
      /leastconn/.test(v)
        ? { [`${ALB}target-group-attributes`]: 'load_balancing.algorithm.type=least_outstanding_requests' }
        : null,
  },
  [`${HAPROXY}backend-config-snippet`]: { product: 'HAProxy Ingress', keep: 'raw HAProxy configuration' },
  [`${HAPROXY}frontend-config-snippet`]: { product: 'HAProxy Ingress', keep: 'raw HAProxy configuration' },
  [`${HAPROXY}path-rewrite`]: { product: 'HAProxy Ingress', keep: 'path rewriting' },
  [`${HAPROXY}rate-limit-requests`]: {
    product: 'HAProxy Ingress',
    manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)`,
  },
  [`${HAPROXY}rate-limit-period`]: {
    product: 'HAProxy Ingress',
    manual: `an AWS WAF rate-based rule (${ALB}wafv2-acl-arn)`,
  },
  [`${HAPROXY}timeout-client`]: {
    product: 'HAProxy Ingress',
    alb: (v) => {
      const s = /^([0-9]+)s?$/.exec(v.trim())?.[1];
      return s ? { [`${ALB}load-balancer-attributes`]: `idle_timeout.timeout_seconds=${s}` } : null;
    },
  },
  [`${HAPROXY}timeout-connect`]: { product: 'HAProxy Ingress', drop: 'ALB connection timeouts are fixed' },
  [`${HAPROXY}timeout-http-request`]: {
    product: 'HAProxy Ingress',
    drop: 'ALB request timeouts follow the idle timeout (load-balancer-attributes idle_timeout.timeout_seconds)',
  },
  [`${HAPROXY}timeout-queue`]: { product: 'HAProxy Ingress', drop: 'an ALB does not queue requests' },
  [`${HAPROXY}timeout-tunnel`]: {
    product: 'HAProxy Ingress',
    drop: 'WebSocket connections on an ALB follow the idle timeout',
  },
  [`${HAPROXY}set-host`]: {
    product: 'HAProxy Ingress',
    manual: (v, ing) =>
      `a host-header-rewrite transform per backend Service (${transformsKeys(ing)}: [{"type": "host-header-rewrite", "hostHeaderRewriteConfig": {"rewrites": [{"regex": "^.*$", "replace": "${v}"}]}}], recent AWS Load Balancer Controller versions)`,
  },
  [`${HAPROXY}request-set-header`]: { product: 'HAProxy Ingress', keep: 'setting request headers' },
  [`${HAPROXY}response-set-header`]: { product: 'HAProxy Ingress', keep: 'setting response headers' },
  [`${HAPROXY}cors-enable`]: { product: 'HAProxy Ingress', keep: 'CORS headers' },
  [`${HAPROXY}auth-type`]: {
    product: 'HAProxy Ingress',
    keep: 'basic authentication (ALB has none; OIDC or Cognito instead)',
  },
  [`${HAPROXY}auth-secret`]: { product: 'HAProxy Ingress', keep: 'basic authentication' },
  [`${HAPROXY}auth-realm`]: { product: 'HAProxy Ingress', keep: 'basic authentication' },
  [`${HAPROXY}deny-list`]: {
    product: 'HAProxy Ingress',
    manual: `an AWS WAF IP set rule (${ALB}wafv2-acl-arn)`,
  },
  [`${HAPROXY}blacklist`]: {
    product: 'HAProxy Ingress',
    manual: `an AWS WAF IP set rule (${ALB}wafv2-acl-arn)`,
  },
  [`${HAPROXY}route-acl`]: { product: 'HAProxy Ingress', keep: 'routing on HAProxy ACLs' },
  [`${HAPROXY}forwarded-for`]: { product: 'HAProxy Ingress', drop: 'ALB always adds X-Forwarded-For' },
  [`${HAPROXY}scale-server-slots`]: { product: 'HAProxy Ingress', drop: 'no ALB equivalent' },
  [`${HAPROXY}src-ip-header`]: { product: 'HAProxy Ingress', drop: 'ALB sees the client address itself' },
  [`${HAPROXY}ssl-passthrough`]: {
    product: 'HAProxy Ingress',
    keep: 'TLS passthrough (ALB always terminates TLS; use an NLB Service with a TCP listener)',
  },
  // HAProxy Ingress (jcmoraisjr): haproxy-ingress.github.io/ and the older ingress.kubernetes.io/ prefix.
  ...haproxyIngress('haproxy-ingress.github.io/', 'HAProxy Ingress'),
  // The unprefixed form was shared by HAProxy Ingress, Traefik 1.x and Voyager.
  ...haproxyIngress('ingress.kubernetes.io/', 'ingress.kubernetes.io (HAProxy Ingress, Traefik 1.x)'),
  // Zalando kube-ingress-aws-controller + Skipper: an ALB/NLB controller of its own, routes in Skipper.
  'zalando.org/backend-weights': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    manual: `weighted target groups in a forward action (${ALB}actions.<name> with forwardConfig.targetGroups weights, referenced as the backend service "<name>" with port "use-annotation")`,
  },
  'zalando.org/skipper-filter': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    keep: 'Skipper filters',
  },
  'zalando.org/skipper-predicate': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    keep: 'Skipper route predicates',
  },
  'zalando.org/skipper-routes': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    keep: 'Skipper routes',
  },
  'zalando.org/skipper-ingress-redirect': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    alb: (v) =>
      /^true$/i.test(v) ? { [`${ALB}ssl-redirect`]: '443', [`${ALB}listen-ports`]: HTTPS_LISTENERS } : null,
  },
  'zalando.org/aws-load-balancer-ssl-cert': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    alb: (v) => ({ [`${ALB}certificate-arn`]: v }),
  },
  'zalando.org/aws-load-balancer-scheme': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    alb: (v) => (/^(internal|internet-facing)$/.test(v) ? { [`${ALB}scheme`]: v } : null),
  },
  'zalando.org/aws-load-balancer-security-group': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    alb: (v) => ({ [`${ALB}security-groups`]: v }),
  },
  'zalando.org/aws-waf-web-acl-id': {
    product: 'Skipper (Zalando kube-ingress-aws-controller)',
    alb: (v) => (v.startsWith('arn:') ? { [`${ALB}wafv2-acl-arn`]: v } : null),
  },
  // cert-manager and kube-lego put certificates into Secrets; an ALB takes certificates only from ACM.
  'cert-manager.io/cluster-issuer': {
    product: 'cert-manager',
    manual: `an ACM certificate for the hosts (${ALB}certificate-arn, or discovery from spec.tls hosts): ALB does not read TLS Secrets`,
  },
  'cert-manager.io/issuer': {
    product: 'cert-manager',
    manual: `an ACM certificate for the hosts (${ALB}certificate-arn, or discovery from spec.tls hosts): ALB does not read TLS Secrets`,
  },
  'kubernetes.io/tls-acme': {
    product: 'cert-manager / kube-lego',
    manual: `an ACM certificate for the hosts (${ALB}certificate-arn, or discovery from spec.tls hosts): ALB does not read TLS Secrets`,
  },
};

/** Prefixes of controller annotations not listed one by one (reported for review). */
export const CONTROLLER_PREFIXES: ReadonlyArray<{ prefix: string; product: string }> = [
  { prefix: NGINX, product: 'ingress-nginx' },
  { prefix: AGIC, product: 'Azure Application Gateway' },
  { prefix: TRAEFIK, product: 'Traefik' },
  { prefix: 'traefik.frontend.', product: 'Traefik 1.x' },
  { prefix: 'traefik.backend.', product: 'Traefik 1.x' },
  { prefix: HAPROXY, product: 'HAProxy Ingress' },
  { prefix: 'haproxy-ingress.github.io/', product: 'HAProxy Ingress' },
  { prefix: 'nginx.org/', product: 'F5 NGINX Ingress Controller' },
  { prefix: 'ingress.gcp.kubernetes.io/', product: 'GKE Ingress' },
  { prefix: 'networking.gke.io/', product: 'GKE Ingress' },
  { prefix: 'konghq.com/', product: 'Kong' },
  { prefix: 'projectcontour.io/', product: 'Contour' },
  { prefix: 'cert-manager.io/', product: 'cert-manager' },
  { prefix: 'zalando.org/', product: 'Skipper (Zalando kube-ingress-aws-controller)' },
  { prefix: 'ingress.citrix.com/', product: 'Citrix ingress controller' },
  { prefix: 'getambassador.io/', product: 'Emissary-ingress (Ambassador)' },
];

export { NGINX as NGINX_PREFIX };

/** Gateway API controllers of the AWS Load Balancer Controller (v2.13+) and Amazon VPC Lattice. */
export const AWS_GATEWAY_CONTROLLERS: ReadonlySet<string> = new Set([
  'gateway.k8s.aws/alb',
  'gateway.k8s.aws/nlb',
  'application-networking.k8s.aws/gateway-api-controller',
]);

/** Gateway API implementations by GatewayClass controllerName (prefix) or well-known class name. */
export const GATEWAY_IMPLEMENTATIONS: ReadonlyArray<{ match: RegExp; product: string; keep?: string }> = [
  {
    match: /^networking\.gke\.io\/gateway|^gke-l7-|^gke-l4-/,
    product: 'GKE Gateway controller (Google Cloud load balancers)',
  },
  {
    match: /^istio\.io\/|^istio$/,
    product: 'Istio',
    keep: 'install Istio on EKS and expose its gateway through an NLB',
  },
  {
    match: /^io\.cilium\/|^cilium$/,
    product: 'Cilium Gateway API',
    keep: 'run Cilium on EKS and expose its gateway through an NLB',
  },
  {
    match: /^gateway\.envoyproxy\.io\/|^eg$|envoy/,
    product: 'Envoy Gateway',
    keep: 'install Envoy Gateway on EKS behind an NLB',
  },
  {
    match: /^gateway\.nginx\.org\/|^nginx$/,
    product: 'NGINX Gateway Fabric',
    keep: 'install NGINX Gateway Fabric on EKS behind an NLB',
  },
  { match: /^traefik\.io\/|^traefik$/, product: 'Traefik', keep: 'install Traefik on EKS behind an NLB' },
  { match: /^konghq\.com\/|^kong$/, product: 'Kong', keep: 'install Kong on EKS behind an NLB' },
  {
    match: /^projectcontour\.io\/|^contour$/,
    product: 'Contour',
    keep: 'install Contour on EKS behind an NLB',
  },
  {
    match: /^approuting\.kubernetes\.azure\.com|^azure-alb-external$|^alb\.networking\.azure\.io\//,
    product: 'Azure Application Gateway for Containers',
  },
];
