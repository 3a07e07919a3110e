// lb/metallb: MetalLB address pools, advertisements, peers and its legacy ConfigMap, which EKS does not need.
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import { defineRule, joinList } from '../define.js';
import { LBC_EIPS, LBC_PRIVATE_IPS, METALLB_KINDS } from './lb.table.js';

/** Pool kinds: the Services that used them may have relied on fixed addresses. */
const POOL_KINDS = new Set(['IPAddressPool', 'AddressPool']);

export default defineRule({
  meta: {
    id: 'lb/metallb',
    targets: [...Object.keys(METALLB_KINDS), 'ConfigMap'],
    category: 'load-balancer',
    severity: 'warning',
    description:
      'MetalLB IPAddressPools, advertisements, BGP peers and the legacy MetalLB ConfigMap, which have no role on EKS.',
    fixable: false,
    severityNote: 'info for advertisements and peers',
    messages: {
      pool: {
        message:
          'MetalLB {{kind}} {{name}} ({{addresses}}) is not needed on EKS: AWS Network Load Balancers take their addresses from the VPC subnets.',
        explanation:
          'On EKS the AWS Load Balancer Controller creates an NLB per LoadBalancer Service, with addresses from the subnets of the VPC. The addresses of this pool belong to the old network and cannot move; clients and DNS records that use them must change.',
        remediation:
          'Drop the {{kind}} (and MetalLB itself). Where a Service needs a fixed address, allocate Elastic IPs and list them in {{eips}} (internet-facing) or pick addresses for {{privateIps}} (internal), one per subnet, then update DNS.',
      },
      other: {
        message: 'MetalLB {{kind}} {{name}} ({{what}}) is not needed on EKS.',
        explanation:
          'On EKS the AWS Load Balancer Controller creates AWS Network Load Balancers; nothing announces addresses with ARP or BGP inside a VPC.',
        remediation: 'Drop the {{kind}} along with MetalLB; no replacement is needed.',
      },
      configMap: {
        message:
          'ConfigMap {{name}} configures MetalLB (legacy ConfigMap configuration); MetalLB is not needed on EKS.',
        explanation:
          'On EKS the AWS Load Balancer Controller creates an NLB per LoadBalancer Service with addresses from the VPC subnets; the address pools of this ConfigMap belong to the old network.',
        remediation:
          'Drop the ConfigMap and MetalLB. Where a Service needs a fixed address, use Elastic IPs in {{eips}} (internet-facing) or {{privateIps}} (internal).',
      },
    },
  },
  checkObject(item, _ctx, report) {
    const obj = item.object;
    const kind = item.ref.kind;
    if (groupOf(item.ref.apiVersion) === 'metallb.io' && METALLB_KINDS[kind]) {
      if (POOL_KINDS.has(kind)) {
        const raw = getPath(obj, ['spec', 'addresses']);
        const addresses = Array.isArray(raw) ? raw.filter((a): a is string => typeof a === 'string') : [];
        report({
          item,
          messageId: 'pool',
          data: {
            kind,
            name: item.ref.name,
            addresses: addresses.length ? joinList(addresses) : 'no addresses listed',
            eips: LBC_EIPS,
            privateIps: LBC_PRIVATE_IPS,
          },
          path: ['spec', 'addresses'],
          facts: { addresses },
        });
      } else {
        report({
          item,
          messageId: 'other',
          severity: 'info',
          data: { kind, name: item.ref.name, what: METALLB_KINDS[kind] },
          path: ['kind'],
        });
      }
      return;
    }
    if (kind === 'ConfigMap' && item.ref.apiVersion === 'v1') {
      const config = getPath(obj, ['data', 'config']);
      const namespace = item.ref.namespace;
      const looksLikeMetalLb =
        typeof config === 'string' &&
        /address-pools\s*:/.test(config) &&
        (namespace === 'metallb-system' || /protocol\s*:\s*(layer2|bgp)/.test(config));
      if (!looksLikeMetalLb || !isRecord(obj.data)) return;
      report({
        item,
        messageId: 'configMap',
        data: { name: item.ref.name, eips: LBC_EIPS, privateIps: LBC_PRIVATE_IPS },
        path: ['data', 'config'],
      });
    }
  },
});
