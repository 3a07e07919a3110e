// network/cni: the source cluster's CNI plugin is not migrated; the Amazon VPC CNI replaces it on EKS.
import { cniOfDaemonSet, multusNetworkNames } from '../../model/cni.js';
import {
  ATTACHMENT_TYPE_NOTES,
  CNI_PLUGINS,
  type CniSpec,
  MULTUS_GROUP,
  MULTUS_NETWORKS_ANNOTATION,
} from '../../model/cni.table.js';
import { getPath, groupOf } from '../../model/kinds.js';
import { defineRule, joinList } from '../define.js';

const byId = (id: string): CniSpec => CNI_PLUGINS.find((c) => c.id === id)!;

const MULTUS = byId('multus');
const CALICO = byId('calico');

export default defineRule({
  meta: {
    id: 'network/cni',
    targets: ['workload', 'DaemonSet', 'Installation', 'NetworkAttachmentDefinition'],
    category: 'cni',
    severity: 'warning',
    description:
      "The source cluster's CNI plugin (Calico, Cilium, Flannel, Weave Net, kube-router, Antrea, …) and Multus attachments.",
    fixable: false,
    messages: {
      agent: {
        message:
          "{{kind}} {{name}} is the node agent of {{cni}}, the source cluster's CNI plugin; it is not migrated to EKS.",
        explanation:
          "EKS clusters network pods with the Amazon VPC CNI (the aws-node DaemonSet, managed as the vpc-cni add-on): each pod gets a real VPC IP from the node's ENIs, with no overlay or encapsulation. A second plugin taking over the pod network would fight it, and the pod CIDR, IP pools and routing of {{cni}} do not carry over.",
        remediation:
          '{{advice}} Size the subnets for pod IPs (kube2eks plan does, with prefix delegation where it helps).',
      },
      multusAgent: {
        message:
          '{{kind}} {{name}} runs Multus, which adds extra network interfaces to pods; on EKS it runs as the AWS build on top of the Amazon VPC CNI, not with this configuration.',
        explanation:
          "Multus is a meta-plugin, not the pod network: it calls a default delegate for every pod's primary interface and other CNI plugins for the extra ones. On EKS the default delegate must be the Amazon VPC CNI (aws-node), and extra interfaces must come from secondary ENIs in VPC subnets; this DaemonSet's delegates, CNI directories and kubeconfig belong to the source cluster.",
        remediation:
          'Do not copy this DaemonSet: install Multus from the AWS manifests (aws/amazon-vpc-cni-k8s, config/multus), which keep the Amazon VPC CNI as the default delegate. Extra interfaces then come from secondary ENIs tagged node.k8s.amazonaws.com/no_manage=true (ipvlan or host-device plugins; AWS ships no SR-IOV or DPDK plugins), and the NetworkAttachmentDefinitions are recreated for VPC subnets.',
      },
      operator: {
        message:
          '{{kind}} {{name}} installs Calico through the Tigera operator with CNI type {{cniType}}; it is not migrated to EKS.',
        explanation:
          'On EKS the Amazon VPC CNI assigns pod IPs from the VPC. Calico as the pod network would fight it; Calico for policy only works on top of it.',
        remediation:
          '{{advice}} With the operator, that means an Installation with spec.cni.type: AmazonVPC.',
      },
      attachment: {
        message: '{{kind}} {{name}} defines a Multus network attachment ({{plugin}}).',
        explanation:
          'On EKS every pod gets its primary interface from the Amazon VPC CNI. Extra interfaces need Multus installed on the cluster and a network that exists in the VPC: host interfaces, VLANs, bridges and IP ranges of the source data centre or cloud do not.{{pluginNote}}',
        remediation:
          '{{advice}} Rewrite the attachment for a VPC subnet (ipvlan or host-device on a secondary ENI, with whereabouts or static IPAM in that subnet).',
      },
      annotation: {
        message: '{{kind}} {{name}} attaches extra networks through Multus: {{networks}}.',
        explanation:
          'The pod asks for secondary interfaces with the k8s.v1.cni.cncf.io/networks annotation. On EKS the primary interface comes from the Amazon VPC CNI; the secondary ones only exist if Multus is installed and the attachments are rewritten for VPC subnets.',
        remediation:
          '{{advice}} Keep the annotation, make sure the NetworkAttachmentDefinitions it names exist on EKS, and schedule these pods on nodes that have the secondary ENIs.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const obj = item.object;
    const data = { kind: item.ref.kind, name: item.ref.name };
    if (item.ref.kind === 'DaemonSet') {
      const cni = cniOfDaemonSet(obj);
      if (cni) {
        report({
          item,
          messageId: cni.id === 'multus' ? 'multusAgent' : 'agent',
          data: { ...data, cni: cni.name, advice: cni.advice },
          path: ['metadata', 'name'],
          facts: { cni: cni.id },
        });
        return;
      }
    }
    if (item.ref.kind === 'Installation' && groupOf(item.ref.apiVersion) === 'operator.tigera.io') {
      const cniType = String(getPath(obj, ['spec', 'cni', 'type']) ?? 'Calico');
      if (cniType === 'AmazonVPC') return;
      report({
        item,
        messageId: 'operator',
        data: { ...data, cniType, advice: CALICO.advice },
        path: ['spec'],
        facts: { cni: 'calico' },
      });
      return;
    }
    if (item.ref.kind === 'NetworkAttachmentDefinition' && groupOf(item.ref.apiVersion) === MULTUS_GROUP) {
      const config = getPath(obj, ['spec', 'config']);
      let plugin = 'no CNI config';
      let type: string | undefined;
      if (typeof config === 'string') {
        type = /"type"\s*:\s*"([^"]+)"/.exec(config)?.[1];
        plugin = type ? `CNI type ${type}` : 'custom CNI config';
      }
      const note = type ? ATTACHMENT_TYPE_NOTES[type] : undefined;
      report({
        item,
        messageId: 'attachment',
        data: { ...data, plugin, pluginNote: note ? ` ${note}` : '', advice: MULTUS.advice },
        path: ['spec', 'config'],
        facts: { cni: 'multus' },
      });
      return;
    }
    const view = ctx.pod;
    const networks =
      view?.annotations[MULTUS_NETWORKS_ANNOTATION] ??
      obj.metadata?.annotations?.[MULTUS_NETWORKS_ANNOTATION];
    if (view && typeof networks === 'string' && networks.trim() !== '') {
      const inTemplate = view.annotations[MULTUS_NETWORKS_ANNOTATION] !== undefined;
      report({
        item,
        messageId: 'annotation',
        data: { ...data, networks: joinList(multusNetworkNames(networks)), advice: MULTUS.advice },
        path: inTemplate
          ? [...view.templatePath, 'metadata', 'annotations', MULTUS_NETWORKS_ANNOTATION]
          : ['metadata', 'annotations', MULTUS_NETWORKS_ANNOTATION],
        facts: { cni: 'multus' },
      });
    }
  },
});
