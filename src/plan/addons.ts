// Add-ons, each only when needed, with why, how it is installed and the version for the target
// Kubernetes minor from the dated table in data/eks-addons.json (refreshable with `catalog refresh`).
import type { Catalog } from '../catalog/index.js';
import { compareMinor } from '../catalog/versions.js';
import type { Finding } from '../model/types.js';
import type { PlanAddon, PlanNetwork, PlanOptions, PlanReason, PlanStorageClass } from './types.js';
import { countOf } from './words.js';

/** Source add-ons whose job CloudWatch Observability (logs, Container Insights) or ADOT (metrics, traces) takes. */
const LOGGING_ADDONS = new Set([
  'fluentd',
  'fluent-bit',
  'promtail',
  'loki',
  'gcp-observability',
  'azure-monitor',
  'beats',
  'elasticsearch',
  'datadog',
  'newrelic',
]);
const METRICS_ADDONS = new Set([
  'prometheus',
  'prometheus-operator',
  'opentelemetry-collector',
  'jaeger',
  'grafana',
  'node-exporter',
  'kube-state-metrics',
]);

export interface AddonNeeds {
  network: PlanNetwork;
  storageClasses: PlanStorageClass[];
  networkPolicies: number;
  hpas: number;
  snapshots: number;
  loadBalancerServices: number;
  ingresses: number;
  /** Some workload or add-on gets AWS credentials through EKS Pod Identity. */
  podIdentity: boolean;
}

/**
 * The version of an add-on for a Kubernetes minor, a note when the table has no row for it, and where the
 * version comes from (source and date), or why none is pinned.
 */
export function addonVersion(
  catalog: Catalog,
  name: string,
  minor: string,
): { version: string; note?: string; source: string } {
  const row = catalog.eksAddons[name];
  if (!row)
    return {
      version: 'default',
      note: 'not in the add-on table',
      source: `no dated version in kube2eks's add-on table: the default EKS or the chart picks for Kubernetes ${minor}`,
    };
  const from = `${row.source}${row.date ? `, ${row.date}` : ''}`;
  if (row.followsKubernetesMinor)
    return {
      version: `v${minor}.x`,
      source: `${from}; no chart version is pinned (no dated chart-to-release table): pick the release v${minor}.x`,
    };
  // A floor read from a lower minor's row says so: it is that minor's floor, not the target's.
  const floor = (rowMinor?: string) =>
    !row.floor
      ? ''
      : !rowMinor
        ? '; a floor (a known-good minimum), not the newest'
        : rowMinor === minor
          ? `; a floor (the first release that supports Kubernetes ${minor}), not the newest`
          : `; a floor for Kubernetes ${rowMinor} (the first release that supports it), not for the target ${minor}: the table has no row for ${minor}, so check that this release supports ${minor}`;
  const versions = row.versions ?? {};
  if (versions[minor]) return { version: versions[minor]!, source: `${from}${floor(minor)}` };
  const below = Object.keys(versions)
    .filter((m) => compareMinor(m, minor) < 0)
    .sort(compareMinor)
    .pop();
  if (below)
    return {
      version: versions[below]!,
      note: `the table has no row for ${minor}: ${below}'s version; run kube2eks catalog refresh`,
      source: `${from}${floor(below)}`,
    };
  const version = row.any ?? 'default';
  if (version === 'default')
    return {
      version,
      source: `no dated version found (${from}): the default EKS offers for Kubernetes ${minor}`,
    };
  return { version, source: `${from}${floor()}` };
}

/** Objects that need KEDA on EKS: its ScaledObjects and ScaledJobs, HPAs on custom or external metrics. */
function kedaUsers(findings: readonly Finding[]): number {
  const users = new Set<string>();
  for (const f of findings) {
    const custom = f.data?.customMetrics;
    if (
      f.ruleId === 'hpa/keda-scaler' ||
      (f.ruleId === 'hpa/metrics' && Array.isArray(custom) && custom.length > 0)
    )
      users.add(`${f.resource.namespace ?? ''}/${f.resource.kind}/${f.resource.name}`);
  }
  return users.size;
}

function addonsFound(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings)
    if (f.ruleId === 'addon/platform' && typeof f.data?.addon === 'string') out.add(f.data.addon);
  return out;
}

export function planAddons(
  findings: readonly Finding[],
  options: PlanOptions,
  catalog: Catalog,
  needs: AddonNeeds,
): { addons: PlanAddon[]; reasons: PlanReason[] } {
  const addons: PlanAddon[] = [];
  const minor = options.targetVersion;
  const add = (name: string, why: string, configuration?: Record<string, unknown>) => {
    const row = catalog.eksAddons[name];
    const { version, note, source } = addonVersion(catalog, name, minor);
    addons.push({
      name,
      installedBy: row?.installedBy ?? 'helm',
      version,
      versionSource: source,
      why: note ? `${why} (version: ${note})` : why,
      ...(configuration && Object.keys(configuration).length ? { configuration } : {}),
    });
  };
  const net = needs.network;
  // Dotted keys, as the kit nests them: the CNI's environment goes under `env`, the network policy switch
  // at the top of the add-on's configuration (its configuration schema).
  const cni: Record<string, unknown> = {};
  if (net.prefixDelegation) {
    cni['env.ENABLE_PREFIX_DELEGATION'] = 'true';
    cni['env.WARM_PREFIX_TARGET'] = String(net.warm.WARM_PREFIX_TARGET ?? 1);
  }
  if (net.podSecurityGroups) cni['env.ENABLE_POD_ENI'] = 'true';
  if (net.customNetworking) {
    cni['env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG'] = 'true';
    cni['env.ENI_CONFIG_LABEL_DEF'] = 'topology.kubernetes.io/zone';
  }
  if (needs.networkPolicies) cni.enableNetworkPolicy = 'true';
  add(
    'vpc-cni',
    [
      'pod networking',
      net.prefixDelegation ? 'prefix delegation on' : 'secondary IPs',
      net.customNetworking ? 'custom networking (pods in the secondary CIDR)' : '',
      net.podSecurityGroups ? 'security groups for pods' : '',
      needs.networkPolicies
        ? `network policy agent on: ${needs.networkPolicies} NetworkPolic${needs.networkPolicies === 1 ? 'y' : 'ies'} to enforce`
        : '',
    ]
      .filter(Boolean)
      .join('; '),
    cni,
  );
  add('coredns', 'cluster DNS');
  add('kube-proxy', 'Service routing on every node');
  if (needs.podIdentity)
    add('eks-pod-identity-agent', 'hands EKS Pod Identity credentials to pods (a DaemonSet on every node)');
  // A driver only where claims will use it: the default gp3 class alone needs no driver until a claim comes.
  const uses = (provisioner: string) =>
    needs.storageClasses.filter((c) => c.provisioner === provisioner && c.claims > 0);
  const ebs = uses('ebs.csi.aws.com');
  if (ebs.length)
    add(
      'aws-ebs-csi-driver',
      `EBS volumes for ${ebs
        .map((c) => c.to)
        .filter((v, i, a) => a.indexOf(v) === i)
        .join(', ')} (${countOf(
        ebs.reduce((n, c) => n + c.claims, 0),
        'claim',
      )}); EKS ships no EBS driver`,
    );
  const efs = uses('efs.csi.aws.com');
  if (efs.length)
    add(
      'aws-efs-csi-driver',
      `EFS for ${countOf(
        efs.reduce((n, c) => n + c.claims, 0),
        'shared (ReadWriteMany) claim',
      )}`,
    );
  const fsx = uses('fsx.csi.aws.com');
  if (fsx.length)
    add(
      'aws-fsx-csi-driver',
      `FSx for Lustre for ${countOf(
        fsx.reduce((n, c) => n + c.claims, 0),
        'claim',
      )}`,
    );
  if (needs.snapshots)
    add(
      'snapshot-controller',
      `${countOf(needs.snapshots, 'VolumeSnapshot object')} in the input: the CSI snapshot API needs its controller and CRDs`,
    );
  const keda = kedaUsers(findings);
  if (keda > 0)
    add(
      'keda',
      `${keda} object${keda === 1 ? ' scales' : 's scale'} through KEDA (ScaledObjects, ScaledJobs, HPAs on custom or external metrics)`,
    );
  if (needs.hpas)
    add(
      'metrics-server',
      `${countOf(needs.hpas, 'HorizontalPodAutoscaler')} read CPU and memory from the metrics API`,
    );
  const found = addonsFound(findings);
  const logging = [...found].filter((a) => LOGGING_ADDONS.has(a));
  const metrics = [...found].filter((a) => METRICS_ADDONS.has(a));
  if (logging.length)
    add(
      'amazon-cloudwatch-observability',
      `the source ships logs and node metrics with ${logging.join(', ')}: CloudWatch Container Insights and Fluent Bit to CloudWatch Logs (or keep your own stack)`,
    );
  if (metrics.length)
    add(
      'adot',
      `the source runs ${metrics.join(', ')}: AWS Distro for OpenTelemetry collects Prometheus metrics and traces (to Amazon Managed Service for Prometheus, X-Ray), or keep your own stack`,
    );
  if (needs.loadBalancerServices || needs.ingresses) {
    const config: Record<string, unknown> = { clusterName: options.name };
    if (options.endpoint === 'private') {
      config['enable-shield'] = false;
      config['enable-waf'] = false;
      config['enable-wafv2'] = false;
    }
    add(
      'aws-load-balancer-controller',
      `${countOf(needs.loadBalancerServices, 'LoadBalancer Service')} (NLBs), ${countOf(needs.ingresses, 'Ingress')} (ALBs)${options.endpoint === 'private' ? '; private cluster: Shield and WAF off, certificates by ARN' : ''}`,
      config,
    );
  }
  if (options.autoscaler === 'karpenter')
    add(
      'karpenter',
      'node autoscaling (--autoscaler karpenter): NodePools and an EC2NodeClass from the node groups',
      {
        'settings.clusterName': options.name,
        'settings.interruptionQueue': options.name,
        ...(options.endpoint === 'private' ? { 'settings.isolatedVPC': true } : {}),
      },
    );
  else
    add(
      'cluster-autoscaler',
      "node autoscaling: resizes the node groups, found by their auto-discovery tags; its minor must match the cluster's",
      {
        'autoDiscovery.clusterName': options.name,
        awsRegion: options.region,
      },
    );
  const reasons = addons.map((a) => ({
    subject: `addon:${a.name}`,
    why: `${a.installedBy} ${a.version}: ${a.why}`,
  }));
  return { addons, reasons };
}
