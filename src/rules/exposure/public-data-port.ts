// exposure/public-data-port: database, cache and admin ports on load balancers that face the internet on the source.
import { getPath, isRecord } from '../../model/kinds.js';
import { INTERNAL_HINTS, LBC_SCHEME } from '../../model/load-balancer.table.js';
import { defineRule } from '../define.js';
import { LOCAL_LB_PREFIXES, PRIVATE_RANGES, SENSITIVE_PORTS } from './exposure.table.js';

function sensitivePorts(ports: unknown): Array<{ label: string; index: number }> {
  if (!Array.isArray(ports)) return [];
  const out: Array<{ label: string; index: number }> = [];
  ports.forEach((p, index) => {
    if (!isRecord(p)) return;
    const numbers = [p.port, p.targetPort].filter((n): n is number => typeof n === 'number');
    const hit = numbers.find((n) => SENSITIVE_PORTS[n]);
    if (hit !== undefined) out.push({ label: `${p.port} (${SENSITIVE_PORTS[hit]})`, index });
  });
  return out;
}

export default defineRule({
  meta: {
    id: 'exposure/public-data-port',
    targets: ['Service'],
    category: 'exposure',
    severity: 'warning',
    description:
      'LoadBalancer Services that put database, cache or admin ports (1433, 3306, 5432, 6379, 9200, 27017, …) on a load balancer that is internet-facing on the source.',
    fixable: false,
    severityNote: 'info when `loadBalancerSourceRanges` limits the clients',
    messages: {
      public: {
        message: 'Service {{ref}} puts {{ports}} on an internet-facing load balancer.',
        explanation:
          'The Service asks for no internal load balancer, so on the source platform ({{why}}) it is reachable from the internet{{ranges}}. Database, cache and admin ports are the first thing scanners try. On EKS the AWS Load Balancer Controller makes an internal NLB unless the Service says otherwise; kube2eks’s advice here is to keep this one internal, which narrows its exposure compared with the source.',
        remediation:
          'Set {{scheme}}: internal explicitly (lb/service keeps the source’s exposure, internet-facing, in the annotations it writes: change that value) so the exposure is a decision, not a default; clients outside the VPC then reach it through VPN, Direct Connect, PrivateLink or a bastion. If it really must stay public, set internet-facing together with loadBalancerSourceRanges limited to known addresses, and TLS.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (item.ref.kind !== 'Service' || item.ref.apiVersion !== 'v1') return;
    if (getPath(item.object, ['spec', 'type']) !== 'LoadBalancer') return;
    const annotations = item.object.metadata?.annotations ?? {};
    if (
      INTERNAL_HINTS.some(
        (h) => typeof annotations[h.annotation] === 'string' && h.value.test(annotations[h.annotation] ?? ''),
      )
    )
      return;
    if (Object.keys(annotations).some((k) => LOCAL_LB_PREFIXES.some((p) => k.startsWith(p)))) return;
    const ranges = getPath(item.object, ['spec', 'loadBalancerSourceRanges']);
    const rangeList = Array.isArray(ranges) ? ranges.filter((r): r is string => typeof r === 'string') : [];
    if (rangeList.length && rangeList.every((r) => PRIVATE_RANGES.some((p) => p.test(r)))) return;
    const ports = sensitivePorts(getPath(item.object, ['spec', 'ports']));
    const first = ports[0];
    if (!first) return;
    report({
      item,
      messageId: 'public',
      severity: rangeList.length && !rangeList.includes('0.0.0.0/0') ? 'info' : 'warning',
      data: {
        ref: item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name,
        ports: ports.map((p) => p.label),
        why: 'GKE, AKS and the other cloud providers make a LoadBalancer Service external unless it is annotated internal',
        ranges: rangeList.length ? ` from ${rangeList.join(', ')}` : '',
        scheme: LBC_SCHEME,
      },
      path: ['spec', 'ports', first.index],
      facts: { scheme: 'internal', sourceScheme: 'internet-facing', ports: ports.map((p) => p.label) },
    });
  },
});
