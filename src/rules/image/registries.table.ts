// Registries images come from, and whether Amazon ECR can serve them through a pull-through cache.
// Sources: Amazon ECR User Guide "Sync an upstream registry with an Amazon ECR private registry" and the
// CreatePullThroughCacheRule API reference (upstreamRegistryUrl: ecr, public.ecr.aws, registry-1.docker.io,
// ghcr.io, registry.gitlab.com, registry.k8s.io, <name>.azurecr.io, quay.io) and Chainguard's ECR pull-through
// guide (cgr.dev); Kubernetes blog "k8s.gcr.io is frozen" (2023-03-10, redirect to registry.k8s.io);
// Google Cloud "Container Registry deprecation" (gcr.io served by Artifact Registry, shut down 2025-03-18). Checked 2026-08.

export interface RegistryInfo {
  /** Short key kept in facts (the generate step groups the copy list by it). */
  id: string;
  /** Name for messages. */
  label: string;
  /** ECR pull-through cache can serve it (a cache rule; some need upstream credentials in Secrets Manager). */
  pullThroughCache: boolean;
  /** Upstream credentials a pull-through rule needs (stored in Secrets Manager under ecr-pullthroughcache/). */
  needsCredentials?: boolean;
  /** The registry belongs to the platform being left, or is frozen: images must leave it before the move. */
  goesAway: boolean;
  /** One sentence about this registry on EKS. */
  note: string;
}

interface RegistryRule extends RegistryInfo {
  match: (host: string) => boolean;
}

const exact =
  (...hosts: string[]) =>
  (host: string) =>
    hosts.includes(host);

const RULES: readonly RegistryRule[] = [
  {
    id: 'docker-hub',
    label: 'Docker Hub',
    match: exact('docker.io'),
    pullThroughCache: true,
    needsCredentials: true,
    goesAway: false,
    note: 'Docker Hub limits anonymous pulls per source IP, which EKS nodes behind one NAT gateway share; an ECR pull-through cache (docker-hub prefix, Docker Hub credentials in Secrets Manager) or a copy in ECR avoids the limit.',
  },
  {
    id: 'gcr-mirror',
    label: "Google's Docker Hub mirror (mirror.gcr.io)",
    match: exact('mirror.gcr.io'),
    pullThroughCache: false,
    goesAway: true,
    note: 'mirror.gcr.io caches Docker Hub images for Google Cloud; on EKS pull the same image from Docker Hub through an ECR pull-through cache (docker-hub prefix) or copy it to Amazon ECR.',
  },
  {
    id: 'k8s-gcr',
    label: 'k8s.gcr.io (frozen; moved to registry.k8s.io)',
    match: exact('k8s.gcr.io'),
    pullThroughCache: false,
    goesAway: true,
    note: 'k8s.gcr.io is frozen since April 2023: it receives no new images and its traffic is redirected to registry.k8s.io.',
  },
  {
    id: 'gcr',
    label: 'Google Container Registry (gcr.io)',
    match: (h) => h === 'gcr.io' || h.endsWith('.gcr.io'),
    pullThroughCache: false,
    goesAway: true,
    note: 'Container Registry is shut down (gcr.io is now served by Artifact Registry). Public repositories still pull anonymously, from EKS too; private ones need Google credentials that EKS nodes do not have. ECR pull-through cache cannot serve it: copy the image to Amazon ECR (required for private repositories, and the way to stop depending on Google Cloud).',
  },
  {
    id: 'artifact-registry',
    label: 'Google Artifact Registry',
    match: (h) => h.endsWith('-docker.pkg.dev') || h.endsWith('.pkg.dev'),
    pullThroughCache: false,
    goesAway: true,
    note: 'Public Artifact Registry repositories pull anonymously, from EKS too; private ones need Google credentials that EKS nodes do not have. ECR pull-through cache cannot serve Artifact Registry: copy the image to Amazon ECR (required for private repositories, and the way to stop depending on Google Cloud).',
  },
  {
    id: 'acr',
    label: 'Azure Container Registry',
    match: (h) => /\.azurecr\.(io|cn|us)$/.test(h),
    pullThroughCache: true,
    needsCredentials: true,
    goesAway: true,
    note: 'An ECR pull-through cache rule can serve it (ACR credentials in Secrets Manager) while the ACR exists, but it goes away with the Azure subscription: copy the image to Amazon ECR before decommissioning.',
  },
  {
    id: 'quay',
    label: 'Quay.io',
    match: exact('quay.io'),
    pullThroughCache: true,
    goesAway: false,
    note: 'ECR pull-through cache supports quay.io (quay prefix), or the image can be copied to ECR.',
  },
  {
    id: 'ghcr',
    label: 'GitHub Container Registry',
    match: exact('ghcr.io'),
    pullThroughCache: true,
    needsCredentials: true,
    goesAway: false,
    note: 'ECR pull-through cache supports ghcr.io with a GitHub token in Secrets Manager.',
  },
  {
    id: 'gitlab',
    label: 'GitLab Container Registry',
    match: exact('registry.gitlab.com'),
    pullThroughCache: true,
    needsCredentials: true,
    goesAway: false,
    note: 'ECR pull-through cache supports registry.gitlab.com with a GitLab token in Secrets Manager.',
  },
  {
    id: 'chainguard',
    label: 'Chainguard registry',
    match: exact('cgr.dev'),
    pullThroughCache: true,
    needsCredentials: true,
    goesAway: false,
    note: 'ECR pull-through cache supports cgr.dev with Chainguard credentials in Secrets Manager.',
  },
  {
    id: 'registry-k8s',
    label: 'registry.k8s.io',
    match: exact('registry.k8s.io'),
    pullThroughCache: true,
    goesAway: false,
    note: 'Public and reachable from EKS; ECR pull-through cache (kubernetes prefix) keeps pulls inside AWS and works for private clusters.',
  },
  {
    id: 'mcr',
    label: 'Microsoft Container Registry',
    match: exact('mcr.microsoft.com'),
    pullThroughCache: false,
    goesAway: false,
    note: 'Public and reachable from EKS nodes with internet egress; ECR pull-through cache cannot serve it, so copy it to ECR for private clusters.',
  },
  {
    id: 'ecr-public',
    label: 'Amazon ECR Public',
    match: exact('public.ecr.aws'),
    pullThroughCache: true,
    goesAway: false,
    note: 'Already on AWS and pullable from EKS; ECR pull-through cache (ecr-public prefix) keeps it available to private clusters.',
  },
  {
    id: 'nvidia-ngc',
    label: 'NVIDIA NGC (nvcr.io)',
    match: exact('nvcr.io'),
    pullThroughCache: false,
    goesAway: false,
    note: 'Public NGC images are reachable from EKS nodes with internet egress (private NGC repositories need an NGC API key as a pull Secret); ECR pull-through cache cannot serve nvcr.io, so copy them to ECR for private clusters.',
  },
  {
    id: 'elastic',
    label: 'the Elastic registry (docker.elastic.co)',
    match: exact('docker.elastic.co'),
    pullThroughCache: false,
    goesAway: false,
    note: 'Public and reachable from EKS nodes with internet egress; ECR pull-through cache cannot serve it, so copy it to ECR for private clusters.',
  },
  {
    id: 'redhat',
    label: 'the Red Hat registry',
    match: exact('registry.redhat.io', 'registry.access.redhat.com', 'registry.connect.redhat.com'),
    pullThroughCache: false,
    needsCredentials: true,
    goesAway: false,
    note: 'registry.redhat.io needs Red Hat credentials (on OpenShift they come from the cluster pull secret, which EKS nodes do not have); ECR pull-through cache cannot serve it, so copy the image to ECR or give the pods an imagePullSecret for it.',
  },
  {
    id: 'github-packages-legacy',
    label: 'the retired GitHub Packages Docker registry (docker.pkg.github.com)',
    match: exact('docker.pkg.github.com'),
    pullThroughCache: false,
    goesAway: true,
    note: 'GitHub moved Docker images from docker.pkg.github.com to ghcr.io; pull it from ghcr.io (which ECR pull-through cache supports) or copy it to Amazon ECR.',
  },
  {
    id: 'ecr',
    label: 'Amazon ECR (private)',
    match: (h) => /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(h),
    pullThroughCache: true,
    goesAway: false,
    note: 'Already in Amazon ECR: the EKS node role needs pull access (AmazonEC2ContainerRegistryReadOnly, or a repository policy for another account); a cross-Region ECR pull-through rule can keep a copy near the cluster.',
  },
];

const PRIVATE: RegistryInfo = {
  id: 'private',
  label: 'a private or third-party registry',
  pullThroughCache: false,
  goesAway: true,
  note: 'ECR pull-through cache cannot serve this registry, and EKS nodes may not reach it or hold its credentials: copy the image to Amazon ECR.',
};

/** Template values in a reference (`<registry>/app`, `${REGISTRY}/app`, `{{ .Values.image }}`). */
const PLACEHOLDER = /[<>]|\$\{|\$\(|\{\{|%%/;

const PLACEHOLDER_INFO: RegistryInfo = {
  id: 'placeholder',
  label: 'a placeholder registry (a value to fill in)',
  pullThroughCache: false,
  goesAway: true,
  note: 'The reference is a template value, not an image a node can pull: fill in the registry the image is built into today, then copy the image to Amazon ECR.',
};

/** True when the image reference is a template value rather than a pullable reference. */
export function isPlaceholderImage(image: string): boolean {
  return PLACEHOLDER.test(image);
}

export function registryInfo(host: string, image?: string): RegistryInfo {
  let rule = RULES.find((r) => r.match(host));
  if (image !== undefined) {
    // A template value where the registry goes: `<name>.azurecr.io/app` still names its registry,
    // `<registry>/app`, `${REGISTRY}/app` or `{{ .Values.image }}` names none.
    const slash = image.indexOf('/');
    const first = slash === -1 ? image : image.slice(0, slash);
    if (isPlaceholderImage(first)) {
      rule = RULES.find((r) => r.id !== 'docker-hub' && r.match(first.toLowerCase()));
      if (!rule) return PLACEHOLDER_INFO;
    }
  }
  if (!rule) return PRIVATE;
  const { match: _match, ...info } = rule;
  return info;
}

/** gcr.io mirrors of the Kubernetes project's images that registry.k8s.io now serves. */
export function registryK8sEquivalent(registry: string, repository: string): string | undefined {
  if (registry === 'k8s.gcr.io') return `registry.k8s.io/${repository}`;
  const mirror = /^(?:us|eu|asia)\.gcr\.io$/.test(registry) && repository.startsWith('k8s-artifacts-prod/');
  return mirror ? `registry.k8s.io/${repository.slice('k8s-artifacts-prod/'.length)}` : undefined;
}

/**
 * Images of retired Kubernetes add-ons: nothing to copy, the add-on itself is replaced on EKS. Sources:
 * kubernetes-retired/heapster README (deprecated in 1.11, retired with 1.13, with its InfluxDB and Grafana
 * images), Kubernetes 1.13 release notes (CoreDNS the default cluster DNS, kube-dns images
 * k8s-dns-kube-dns, k8s-dns-dnsmasq-nanny, k8s-dns-sidecar), Amazon EKS user guide (coredns and
 * metrics-server add-ons).
 */
export const RETIRED_IMAGES: ReadonlyArray<{ repository: RegExp; addon: string; replacement: string }> = [
  {
    repository: /(^|\/)heapster-influxdb(-[a-z0-9]+)?$/,
    addon: 'InfluxDB for Heapster',
    replacement:
      'Amazon CloudWatch Container Insights, or Prometheus with Amazon Managed Service for Prometheus',
  },
  {
    repository: /(^|\/)heapster-grafana(-[a-z0-9]+)?$/,
    addon: 'Grafana for Heapster',
    replacement: 'Amazon Managed Grafana, or Grafana on Prometheus',
  },
  {
    repository: /(^|\/)heapster(-[a-z0-9]+)?$/,
    addon: 'Heapster',
    replacement: 'metrics-server (the metrics-server EKS community add-on) for kubectl top and HPAs',
  },
  {
    repository:
      /(^|\/)(k8s-dns-(kube-dns|dnsmasq-nanny|sidecar)|kubedns|kube-dnsmasq|exechealthz)(-[a-z0-9]+)?$/,
    addon: 'kube-dns',
    replacement: 'CoreDNS, which EKS installs as the coredns add-on',
  },
];

export function retiredImage(repository: string): (typeof RETIRED_IMAGES)[number] | undefined {
  return RETIRED_IMAGES.find((r) => r.repository.test(repository));
}
