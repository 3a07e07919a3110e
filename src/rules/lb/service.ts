// lb/service: every `type: LoadBalancer` Service, with what its provider annotations, loadBalancerIP,
// source ranges and traffic policy become on EKS (an NLB through the AWS Load Balancer Controller).
import { annotationEquivalent, lbAnnotation } from '../../catalog/equivalence.js';
import { describeRef, getPath, isRecord, pointer } from '../../model/kinds.js';
import type { JsonPatchOp } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import {
  EXTRA_SERVICE_ANNOTATIONS,
  INTERNAL_HINTS,
  LBC_CLASS,
  LBC_EIPS,
  LBC_PRIVATE_IPS,
  LBC_SCHEME,
  LBC_TARGET_TYPE,
  LBC_TYPE,
  LEGACY_AWS_ONLY,
  PROVIDER_PREFIXES,
} from './lb.table.js';
import { annotationOps, formatAnnotations, userAnnotations } from './patch.js';

interface SourceAnnotation {
  key: string;
  value: string;
  platform: string;
  /** What it did, when known. */
  meaning?: string;
  /** Its EKS counterpart (may hold placeholders the user fills in); null when there is none. */
  eks: Record<string, string> | null;
  notes?: string;
}

const PLACEHOLDER = /<|\.\.\.|\|/;

/** Provider annotations of a Service that the LBC does not read, with their EKS counterparts. */
function sourceAnnotations(
  annotations: Record<string, string>,
  catalog: Parameters<typeof lbAnnotation>[0],
): SourceAnnotation[] {
  const out: SourceAnnotation[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key === LBC_TYPE && value === 'nlb') {
      out.push({
        key,
        value,
        platform: 'AWS in-tree provider',
        meaning: 'in-tree Network Load Balancer',
        eks: { [LBC_TYPE]: 'external' },
      });
      continue;
    }
    if (key === 'service.beta.kubernetes.io/aws-load-balancer-internal') {
      out.push({
        key,
        value,
        platform: 'AWS in-tree provider',
        meaning: 'internal load balancer (deprecated)',
        eks: { [LBC_SCHEME]: /^(true|0\.0\.0\.0\/0)$/i.test(value) ? 'internal' : 'internet-facing' },
      });
      continue;
    }
    const legacy = LEGACY_AWS_ONLY[key];
    if (legacy) {
      out.push({ key, value, platform: 'AWS in-tree provider', eks: null, notes: legacy });
      continue;
    }
    if (key.startsWith('service.beta.kubernetes.io/aws-load-balancer-')) {
      if (lbAnnotation(catalog, key)) continue; // the LBC reads it as written
      out.push({
        key,
        value,
        platform: 'AWS in-tree provider',
        eks: null,
        notes: 'not read by the AWS Load Balancer Controller',
      });
      continue;
    }
    const platform = PROVIDER_PREFIXES.find((p) => key.startsWith(p.prefix))?.platform;
    const fact = annotationEquivalent(catalog, key, { resource: 'Service', value });
    if (fact) {
      const item: SourceAnnotation = {
        key,
        value,
        platform: fact.platform,
        meaning: fact.meaning,
        eks: fact.eks,
      };
      if (fact.notes) item.notes = fact.notes;
      out.push(item);
      continue;
    }
    const extra = EXTRA_SERVICE_ANNOTATIONS[key];
    if (extra && platform) {
      const item: SourceAnnotation = { key, value, platform, meaning: extra.meaning, eks: extra.eks };
      if (extra.notes) item.notes = extra.notes;
      out.push(item);
      continue;
    }
    if (platform) out.push({ key, value, platform, eks: null, notes: 'no known EKS counterpart; review it' });
  }
  return out;
}

function describeSource(a: SourceAnnotation): string {
  const what = a.meaning ? ` (${a.meaning})` : '';
  const target = a.eks ? `becomes ${formatAnnotations(a.eks).join(', ')}` : 'has no EKS equivalent';
  const notes = a.notes ? ` ${a.notes.replace(/\.?$/, '.')}` : '';
  return `${a.key}: ${a.value}${what} ${target}.${notes}`;
}

export default defineRule({
  meta: {
    id: 'lb/service',
    category: 'load-balancer',
    severity: 'warning',
    description:
      'Services of type LoadBalancer, with the AWS Load Balancer Controller annotations their provider annotations, loadBalancerIP, source ranges and traffic policy become on EKS.',
    fixable: true,
    messages: {
      migrate: {
        message:
          'Service {{ref}} of type LoadBalancer becomes an AWS Network Load Balancer on EKS{{sourceNote}}{{ipNote}}.',
        explanation:
          'On EKS the AWS Load Balancer Controller serves LoadBalancer Services (one NLB each); without it the legacy in-tree provider makes a Classic Load Balancer. Annotations of other providers are ignored, and the controller creates an internal NLB unless the Service asks for internet-facing.{{translations}}{{ipExplain}}',
        remediation:
          'Install the AWS Load Balancer Controller and annotate the Service with {{eksAnnotations}} (kube2eks generate adds them){{policyNote}}{{ipAdvice}}{{rangesNote}}{{manual}}. Point DNS at the new NLB name.',
      },
      alreadyLbc: {
        message:
          'Service {{ref}} of type LoadBalancer is already set up for the AWS Load Balancer Controller ({{how}}){{schemeNote}}.',
        explanation:
          'On EKS the AWS Load Balancer Controller creates an NLB for it; the controller is not installed by default, and its NLBs are internal unless aws-load-balancer-scheme says internet-facing.{{ipExplain}}',
        remediation:
          'Install the AWS Load Balancer Controller on the EKS cluster{{schemeAdvice}}{{ipAdvice}}. The NLB gets a new DNS name: update DNS records that point at the old one.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const svc = item.object;
    if (svc.kind !== 'Service' || getPath(svc, ['spec', 'type']) !== 'LoadBalancer') return;
    const spec = isRecord(svc.spec) ? svc.spec : {};
    const annotations = userAnnotations(svc);
    const sources = sourceAnnotations(annotations, ctx.catalog);
    const ref = describeRef(item.ref).replace(/^Service /, '');

    const internal = INTERNAL_HINTS.some((h) => h.value.test(annotations[h.annotation] ?? ''));
    const scheme = internal ? 'internal' : 'internet-facing';
    const localPolicy = spec.externalTrafficPolicy === 'Local';
    // Instance targets need node ports; a Service that allocates none can only use IP targets.
    const noNodePorts = spec.allocateLoadBalancerNodePorts === false;
    const targetType = annotations[LBC_TARGET_TYPE] ?? (localPolicy && !noNodePorts ? 'instance' : 'ip');
    const loadBalancerIP =
      typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP ? spec.loadBalancerIP : undefined;
    const ranges = Array.isArray(spec.loadBalancerSourceRanges)
      ? spec.loadBalancerSourceRanges.filter((r): r is string => typeof r === 'string')
      : [];
    const lbClass = typeof spec.loadBalancerClass === 'string' ? spec.loadBalancerClass : undefined;

    const ipAdvice = loadBalancerIP
      ? `. spec.loadBalancerIP ${loadBalancerIP} cannot move to AWS: allocate ${internal ? 'private IPv4 addresses' : 'Elastic IPs'} (one per subnet) and list them in ${internal ? LBC_PRIVATE_IPS : LBC_EIPS}`
      : '';
    const ipExplain = loadBalancerIP
      ? ` spec.loadBalancerIP (${loadBalancerIP}) is deprecated since Kubernetes 1.24 and is an address of the old provider; the AWS Load Balancer Controller ignores it and gives the NLB addresses from the VPC subnets.`
      : '';
    const facts = {
      scheme,
      targetType,
      loadBalancerIP: loadBalancerIP ?? null,
      loadBalancerSourceRanges: ranges,
      externalTrafficPolicy: spec.externalTrafficPolicy ?? 'Cluster',
      sourceAnnotations: sources.map((s) => ({
        key: s.key,
        value: s.value,
        platform: s.platform,
        eks: s.eks,
      })),
      ports: Array.isArray(spec.ports) ? spec.ports.length : 0,
    };

    const lbcReady =
      lbClass === LBC_CLASS ||
      annotations[LBC_TYPE] === 'nlb-ip' ||
      (annotations[LBC_TYPE] === 'external' && annotations[LBC_TARGET_TYPE] !== undefined);
    if (lbcReady && sources.length === 0) {
      const hasScheme = annotations[LBC_SCHEME] !== undefined;
      report({
        item,
        messageId: 'alreadyLbc',
        severity: hasScheme && !loadBalancerIP ? 'info' : 'warning',
        data: {
          ref,
          how:
            lbClass === LBC_CLASS
              ? `loadBalancerClass ${LBC_CLASS}`
              : `${LBC_TYPE}: ${annotations[LBC_TYPE]}`,
          schemeNote: hasScheme ? '' : `, but it sets no ${LBC_SCHEME}, so the NLB will be internal`,
          schemeAdvice: hasScheme
            ? ''
            : `, and set ${LBC_SCHEME}: internet-facing if clients outside the VPC use it`,
          ipAdvice,
          ipExplain,
        },
        path: ['spec', 'type'],
        facts: { ...facts, scheme: annotations[LBC_SCHEME] ?? 'internal' },
      });
      return;
    }

    // The annotations the NLB needs; concrete translations of provider annotations join them.
    const add: Record<string, string> = {};
    if (lbClass === undefined) add[LBC_TYPE] = 'external';
    add[LBC_TARGET_TYPE] = targetType;
    add[LBC_SCHEME] = scheme;
    const manual: string[] = [];
    const remove: string[] = [];
    for (const s of sources) {
      if (!s.eks) {
        remove.push(s.key);
        continue;
      }
      const concrete = Object.entries(s.eks).filter(([k, v]) => !PLACEHOLDER.test(v) && !PLACEHOLDER.test(k));
      const placeholders = Object.entries(s.eks).filter(
        ([k, v]) => PLACEHOLDER.test(v) || PLACEHOLDER.test(k),
      );
      for (const [k, v] of concrete) {
        if (k.startsWith('service.beta.kubernetes.io/') && !(k in add)) add[k] = v;
      }
      if (placeholders.length)
        manual.push(`${s.key} -> ${formatAnnotations(Object.fromEntries(placeholders)).join(', ')}`);
      else remove.push(s.key);
    }
    const fix: JsonPatchOp[] = annotationOps(svc, add, remove);
    if (lbClass !== undefined && lbClass !== LBC_CLASS) {
      fix.push({ op: 'replace', path: pointer(['spec', 'loadBalancerClass']), value: LBC_CLASS });
    }
    if (loadBalancerIP) fix.push({ op: 'remove', path: pointer(['spec', 'loadBalancerIP']) });

    const platforms = [...new Set(sources.map((s) => s.platform))];
    const sourceNote = sources.length
      ? `; its ${joinList(platforms)} annotation${sources.length === 1 ? '' : 's'} ${joinList(sources.map((s) => s.key))} ${sources.length === 1 ? 'has' : 'have'} no effect there`
      : lbClass && lbClass !== LBC_CLASS
        ? `; its loadBalancerClass ${lbClass} is not served by the AWS Load Balancer Controller`
        : '';
    const translations = sources.length ? ` ${sources.map(describeSource).join(' ')}` : '';
    const policyNote =
      noNodePorts && localPolicy
        ? '. allocateLoadBalancerNodePorts: false leaves no node ports, so the NLB must use IP targets; add preserve_client_ip.enabled=true to aws-load-balancer-target-group-attributes to keep the client IP that externalTrafficPolicy: Local preserved'
        : localPolicy
          ? '. externalTrafficPolicy: Local keeps working: instance targets send traffic only to nodes running a pod and preserve the client IP (ip targets need preserve_client_ip.enabled=true in aws-load-balancer-target-group-attributes for that)'
          : '. IP targets send traffic straight to the pods (this also works for pods on Fargate)';
    const rangesNote = ranges.length
      ? `. spec.loadBalancerSourceRanges (${joinList(ranges)}) is kept: the controller writes it into the NLB security group (or use ${'service.beta.kubernetes.io/load-balancer-source-ranges'})`
      : '';

    report({
      item,
      messageId: 'migrate',
      data: {
        ref,
        sourceNote,
        ipNote: loadBalancerIP ? `, and its loadBalancerIP ${loadBalancerIP} cannot move` : '',
        translations,
        ipExplain,
        eksAnnotations: formatAnnotations(add),
        policyNote,
        ipAdvice,
        rangesNote,
        manual: manual.length ? `. Fill in by hand: ${manual.join('; ')}` : '',
      },
      path: ['spec', 'type'],
      fix,
      facts: { ...facts, eksAnnotations: add },
    });
  },
});
