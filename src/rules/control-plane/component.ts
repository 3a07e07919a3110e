// control-plane/component: control-plane pieces of the source cluster that EKS runs (or replaces) itself.

import { flagValue } from '../../model/command-line.js';
import { controlPlaneComponentOf, isKubeProxy } from '../../model/control-plane.js';
import { corefileAnalysis, type DnsForward } from '../../model/corefile.js';
import { imageRepository } from '../../model/images.js';
import { containersOf, isRecord, podTemplateOf, refKey } from '../../model/kinds.js';
import type { FieldPath, InventoryObject, KubeObject } from '../../model/types.js';
import { imagesOf } from '../../model/workloads.js';
import { defineRule, joinList, type Report } from '../define.js';
import { AUTOSCALER_PROVIDERS, CLOUD_PROVIDER_NAMES } from './components.table.js';

type MessageId = 'component' | 'etcdBackup' | 'etcdOperator' | 'autoscaler' | 'kubeProxy' | 'dns';

const words = (lines: string[][]): string[] => lines.flat();

/** The cloud a cloud controller (or node) manager talks to: its --cloud-provider flag, else its image name. */
function cloudOf(obj: KubeObject): string | undefined {
  const flag = commandLines(obj)
    .map((l) => flagValue(l.words, '--cloud-provider'))
    .find((v) => v !== undefined);
  if (flag && CLOUD_PROVIDER_NAMES[flag]) return CLOUD_PROVIDER_NAMES[flag];
  for (const repo of imagesOf(obj).map(imageRepository)) {
    const word = repo
      .split(/[/-]/)
      .find((w) => CLOUD_PROVIDER_NAMES[w] !== undefined && w !== 'oci' && w !== 'ibm');
    if (word) return CLOUD_PROVIDER_NAMES[word];
  }
  return undefined;
}

function commandLines(obj: KubeObject): Array<{ words: string[]; path: FieldPath }> {
  const view = podTemplateOf(obj);
  if (!view) return [];
  return containersOf(view).map(({ container, path }) => {
    const out: string[] = [];
    for (const key of ['command', 'args'] as const) {
      const list = container[key];
      if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') out.push(w);
    }
    return { words: out, path };
  });
}

/** The Route 53 Resolver forwarding rules that would replace the Corefile's stub domains, in words. */
function resolverRules(forwards: DnsForward[]): string {
  const named = forwards.filter((f) => f.zone !== '.' && !/^\.(:53)?$/.test(f.zone));
  if (!named.length) return '';
  const rules = named.map((f) => `${f.zone.replace(/:53$/, '')} to ${f.upstreams.join(' ')}`);
  return ` At the VPC level that is a Route 53 Resolver outbound endpoint with forwarding rules for ${joinList(rules)} (those servers must be reachable from the VPC, over VPN or Direct Connect if they are on premises).`;
}

const KUBE_PROXY_CONFIGMAPS = new Set(['kube-proxy', 'kube-proxy-config']);

function proxyModeOf(text: string): string | undefined {
  const m = /(?:^|\s|")mode"?\s*[:=]\s*"?([a-z]+)/m.exec(text);
  return m?.[1];
}

function checkConfigMap(item: InventoryObject, report: Report<MessageId>): void {
  const data = isRecord(item.object.data) ? item.object.data : {};
  const name = item.ref.name;
  const ns = item.ref.namespace;
  if (ns !== undefined && ns !== 'kube-system') return;
  const base = { kind: item.ref.kind, name };
  if (KUBE_PROXY_CONFIGMAPS.has(name)) {
    const text = Object.values(data)
      .filter((v) => typeof v === 'string')
      .join('\n');
    const mode = proxyModeOf(text);
    if (!mode || mode === 'iptables') return;
    report({
      item,
      messageId: 'kubeProxy',
      data: { ...base, what: `kube-proxy configuration in ${mode} mode`, mode },
      path: ['data'],
      facts: { component: 'kube-proxy', mode },
    });
    return;
  }
  let custom: string[] = [];
  let forwards: DnsForward[] = [];
  if (name === 'coredns' && typeof data.Corefile === 'string')
    ({ custom, forwards } = corefileAnalysis(data.Corefile));
  else if (name === 'coredns-custom') custom = Object.keys(data).map((k) => `${k} (AKS coredns-custom)`);
  else if (name === 'kube-dns') {
    if (data.stubDomains) custom.push('stubDomains');
    if (data.upstreamNameservers) custom.push('upstreamNameservers');
  }
  if (!custom.length) return;
  report({
    item,
    messageId: 'dns',
    data: { ...base, custom, resolver: resolverRules(forwards) },
    path: ['data'],
    facts: { component: 'coredns', customizations: custom, forwards },
  });
}

interface Index {
  /** `ns/Pod/name` of the input's first kube-proxy Pod: static kube-proxy pods run one per node. */
  firstKubeProxyPod: string | undefined;
}

export default defineRule<MessageId, 'workload' | 'ConfigMap', Index>({
  index: (inventory) => {
    const first = inventory.objects.find((o) => o.ref.kind === 'Pod' && isKubeProxy(o.object));
    return { firstKubeProxyPod: first ? refKey(first.ref) : undefined };
  },
  meta: {
    targets: ['workload', 'ConfigMap'],
    id: 'control-plane/component',
    category: 'control-plane-component',
    severity: 'warning',
    description:
      "Static control-plane pods, etcd backups and operators, cloud controller managers, another cloud's Cluster Autoscaler, kube-proxy and CoreDNS customizations.",
    fixable: false,
    messages: {
      component: {
        message:
          "{{kind}} {{name}} is the source cluster's {{component}}{{cloud}}; it is not migrated to EKS.",
        explanation: '{{why}}',
        remediation: '{{advice}}',
      },
      etcdBackup: {
        message: '{{kind}} {{name}} backs up etcd; EKS gives no access to etcd.',
        explanation:
          'EKS runs etcd inside the managed control plane and keeps it highly available and backed up itself; there is no endpoint, certificate or data directory to snapshot, and no way to restore a snapshot into EKS.',
        remediation:
          "Drop this job. Back up the cluster's objects and volumes with Velero (S3 bucket plus EBS snapshots) or AWS Backup for EKS, and keep the manifests in Git.",
      },
      etcdOperator: {
        message: '{{kind}} {{name}} runs an etcd operator.',
        explanation:
          'The EKS control plane has its own etcd, run by AWS. An etcd operator only makes sense on EKS for an application that uses etcd as its own database; the operator shown here (coreos etcd-operator) is archived.',
        remediation:
          "If it runs the source cluster's own etcd, drop it. If it runs an application's etcd, migrate that etcd as a StatefulSet with EBS volumes (data copied with Velero or etcdctl snapshot/restore inside the application namespace).",
      },
      autoscaler: {
        message:
          '{{kind}} {{name}} runs Cluster Autoscaler for {{provider}}; it does not scale EKS node groups.',
        explanation:
          "Cluster Autoscaler adds nodes through its cloud's API: this one calls {{provider}}. On EKS it must resize the EC2 Auto Scaling groups behind the node groups, with an IAM role, and in a private cluster it cannot reach the EC2 pricing API to list instance types.",
        remediation:
          'Deploy Cluster Autoscaler with --cloud-provider=aws and --node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/<cluster>, an IAM role through EKS Pod Identity or IRSA, and --aws-use-static-instance-list=true in a private cluster; or use Karpenter instead. kube2eks plan --autoscaler picks one and generates its settings.',
      },
      kubeProxy: {
        message: "{{kind}} {{name}} is the source cluster's {{what}}; it is not migrated to EKS.",
        explanation:
          'EKS installs kube-proxy as an EKS add-on whose version follows the cluster. A copied DaemonSet or ConfigMap would conflict with it or be overwritten when the add-on updates.',
        remediation:
          'Do not move it; use the kube-proxy EKS add-on and carry settings over through its configuration values (for example mode: ipvs, with the ipvs kernel modules available on the node AMI).',
      },
      dns: {
        message: '{{kind}} {{name}} customizes cluster DNS: {{custom}}.',
        explanation:
          'EKS installs CoreDNS as an EKS add-on with its own Corefile; a copied ConfigMap is overwritten when the add-on updates (or conflicts when it is installed).',
        remediation:
          'Carry the customization into the coredns add-on configuration values (its corefile setting), or resolve private zones at the VPC level with Route 53 Resolver rules and private hosted zones, which CoreDNS reaches through /etc/resolv.conf.{{resolver}}',
      },
    },
  },
  checkObject(item, ctx, report) {
    const obj = item.object;
    const kind = item.ref.kind;
    if (kind === 'ConfigMap') {
      checkConfigMap(item, report);
      return;
    }
    if (!ctx.pod) return;
    const base = { kind, name: item.ref.name };
    const name = item.ref.name;
    const repos = imagesOf(obj).map(imageRepository);
    const lines = commandLines(obj);

    if (isKubeProxy(obj)) {
      // Static kube-proxy pods run one per node: one finding is enough.
      if (kind === 'Pod' && ctx.index.firstKubeProxyPod !== refKey(item.ref)) return;
      const mode = flagValue(words(lines.map((l) => l.words)), '--proxy-mode');
      report({
        item,
        messageId: 'kubeProxy',
        data: { ...base, what: mode ? `kube-proxy (${mode} mode)` : 'kube-proxy' },
        path: ['metadata', 'name'],
        facts: { component: 'kube-proxy', ...(mode ? { mode } : {}) },
      });
      return;
    }

    const autoscaler = lines.find(
      (l) =>
        l.words.some((w) => w.includes('cluster-autoscaler')) ||
        repos.some((r) => r.endsWith('cluster-autoscaler')),
    );
    if (
      autoscaler &&
      (name.includes('cluster-autoscaler') || repos.some((r) => r.endsWith('cluster-autoscaler')))
    ) {
      const flag = lines.map((l) => flagValue(l.words, '--cloud-provider')).find((v) => v !== undefined);
      if (flag === 'aws') return;
      const provider = flag
        ? (AUTOSCALER_PROVIDERS[flag] ?? flag)
        : 'its default provider (gce) — no --cloud-provider flag';
      report({
        item,
        messageId: 'autoscaler',
        data: { ...base, provider },
        path: autoscaler.path,
        facts: { component: 'cluster-autoscaler', cloudProvider: flag ?? 'gce' },
      });
      return;
    }

    const etcdctl = lines.find((l) => /snapshot\s+save/.test(l.words.join(' ')));
    if (
      (kind === 'CronJob' || kind === 'Job') &&
      (etcdctl || (/etcd/.test(name) && /backup|snapshot/.test(name)))
    ) {
      report({
        item,
        messageId: 'etcdBackup',
        data: base,
        path: etcdctl?.path ?? ['metadata', 'name'],
        facts: { component: 'etcd-backup' },
      });
      return;
    }
    if (name === 'etcd-operator' || repos.some((r) => r.endsWith('etcd-operator'))) {
      report({
        item,
        messageId: 'etcdOperator',
        data: base,
        path: ['metadata', 'name'],
        facts: { component: 'etcd-operator' },
      });
      return;
    }

    const component = controlPlaneComponentOf(obj);
    if (component) {
      const cloud = component.component.startsWith('cloud-') ? cloudOf(obj) : undefined;
      report({
        item,
        messageId: 'component',
        data: {
          ...base,
          component: component.component,
          cloud: cloud ? ` for ${cloud}` : '',
          why:
            component.why ??
            `On EKS, AWS runs the control plane: at least two API server instances behind a load balancer and etcd spread across three Availability Zones, in an AWS account, scaled and patched by AWS. You cannot run, see or configure ${component.component} there.`,
          advice: component.advice,
        },
        path: ['metadata', 'name'],
        facts: { component: component.component, ...(cloud ? { cloud } : {}) },
      });
    }
  },
});
