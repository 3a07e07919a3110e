// lb/service: every `type: LoadBalancer` Service, with what its provider annotations, loadBalancerIP,
// source ranges and traffic policy become on EKS (an NLB through the AWS Load Balancer Controller).
import { annotationEquivalent, lbAnnotation } from '../../catalog/equivalence.js';
import { annotationOps, formatAnnotations, userAnnotations } from '../../model/json-patch.js';
import { describeRef, getPath, isRecord, pointer } from '../../model/kinds.js';
import { INTERNAL_HINTS, LBC_SCHEME } from '../../model/load-balancer.table.js';
import type { JsonPatchOp } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import {
  AWS_RESOURCE_ANNOTATIONS,
  CLASSIC_VALUES,
  LBC_CLASS,
  LBC_EIPS,
  LBC_PRIVATE_IPS,
  LBC_SOURCE_RANGES,
  LBC_TARGET_TYPE,
  LBC_TYPE,
  PROVIDER_PREFIXES,
  SERVICE_ANNOTATION_RULES,
  type ServicePortView,
  type ServiceView,
} from './lb.table.js';

interface SourceAnnotation {
  key: string;
  value: string;
  platform: string;
  /** What it did, when known. */
  meaning?: string;
  /** Its EKS counterpart (may hold placeholders the user fills in); null when there is none. */
  eks: Record<string, string> | null;
  notes?: string;
  /** Not known to kube2eks: the user must find out what it does. */
  unknown?: boolean;
}

const PLACEHOLDER = /<|\.\.\.|\|/;
const IN_TREE = 'AWS in-tree provider';
const LBC_PREFIX = 'service.beta.kubernetes.io/aws-load-balancer-';

/** The ports of a Service, for annotations that become one setting per listener. */
function portsOf(spec: Record<string, unknown>): ServicePortView[] {
  if (!Array.isArray(spec.ports)) return [];
  return spec.ports.flatMap((p) => {
    if (!isRecord(p) || typeof p.port !== 'number') return [];
    const view: ServicePortView = {
      port: p.port,
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
    };
    if (typeof p.name === 'string') view.name = p.name;
    return [view];
  });
}

/** An annotation that says "internal" with one value also says "public" with the opposite one. */
function applyInternalHint(source: SourceAnnotation): SourceAnnotation {
  const hint = INTERNAL_HINTS.find((h) => h.annotation === source.key);
  if (!hint || !source.eks || !(LBC_SCHEME in source.eks) || hint.value.test(source.value)) return source;
  const out: SourceAnnotation = {
    ...source,
    meaning: `set to ${source.value}: a public load balancer`,
    eks: { ...source.eks, [LBC_SCHEME]: 'internet-facing' },
  };
  delete out.notes;
  return out;
}

/** Provider annotations of a Service that the LBC does not read (or reads differently), with their EKS counterparts. */
function sourceAnnotations(
  annotations: Record<string, string>,
  svc: ServiceView,
  catalog: Parameters<typeof lbAnnotation>[0],
): SourceAnnotation[] {
  const out: SourceAnnotation[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key === LBC_TYPE && value === 'nlb') {
      out.push({
        key,
        value,
        platform: IN_TREE,
        meaning: 'in-tree Network Load Balancer',
        eks: { [LBC_TYPE]: 'external' },
      });
      continue;
    }
    if (key === 'service.beta.kubernetes.io/aws-load-balancer-internal') {
      out.push({
        key,
        value,
        platform: IN_TREE,
        meaning: 'internal load balancer (deprecated)',
        eks: { [LBC_SCHEME]: /^(true|0\.0\.0\.0\/0)$/i.test(value) ? 'internal' : 'internet-facing' },
      });
      continue;
    }
    const platform =
      PROVIDER_PREFIXES.find((p) => key.startsWith(p.prefix))?.platform ??
      (key.startsWith(LBC_PREFIX) ? IN_TREE : undefined);
    const rule = SERVICE_ANNOTATION_RULES[key];
    if (rule && platform) {
      const eks = typeof rule.eks === 'function' ? rule.eks(value, svc) : rule.eks;
      const notes = typeof rule.notes === 'function' ? rule.notes(value, svc) : rule.notes;
      const item: SourceAnnotation = { key, value, platform, meaning: rule.meaning, eks };
      if (notes) item.notes = notes;
      out.push(applyInternalHint(item));
      continue;
    }
    if (key.startsWith(LBC_PREFIX)) {
      const classic = CLASSIC_VALUES[key];
      if (classic?.values.test(value)) {
        out.push({
          key,
          value,
          platform: IN_TREE,
          meaning: 'a Classic Load Balancer value',
          eks: { [key]: classic.eks(value) },
          notes: classic.why,
        });
        continue;
      }
      const fact = lbAnnotation(catalog, key);
      if (fact) {
        const allowed = fact.allowedValues;
        if (allowed && !allowed.some((a) => a.toLowerCase() === value.trim().toLowerCase())) {
          out.push({
            key,
            value,
            platform: IN_TREE,
            eks: null,
            notes: `The AWS Load Balancer Controller accepts only ${joinList(allowed)} here`,
          });
        }
        continue; // the LBC reads it as written
      }
      out.push({
        key,
        value,
        platform: IN_TREE,
        eks: null,
        notes: 'Not read by the AWS Load Balancer Controller',
      });
      continue;
    }
    // MetalLB renamed its annotations from metallb.universe.tf/ to metallb.io/; the meaning is the same.
    const lookupKey = key.startsWith('metallb.io/')
      ? key.replace('metallb.io/', 'metallb.universe.tf/')
      : key;
    const fact = annotationEquivalent(catalog, lookupKey, { resource: 'Service', value });
    if (fact) {
      const item: SourceAnnotation = {
        key,
        value,
        platform: fact.platform,
        meaning: fact.meaning,
        eks: fact.eks,
      };
      if (fact.notes) item.notes = fact.notes;
      out.push(applyInternalHint(item));
      continue;
    }
    if (platform) out.push({ key, value, platform, eks: null, unknown: true });
  }
  return out;
}

function describeSource(a: SourceAnnotation): string {
  if (a.unknown)
    return `${a.key}: ${a.value} is not known to kube2eks: check what it does on ${a.platform} and whether the NLB needs it.`;
  const what = a.meaning ? ` (${a.meaning})` : '';
  const target = a.eks ? `becomes ${formatAnnotations(a.eks).join(', ')}` : 'has no EKS equivalent';
  const notes = a.notes ? ` ${a.notes.replace(/\.?$/, '.')}` : '';
  return `${a.key}: ${a.value}${what} ${target}.${notes}`;
}

/** Attribute annotations hold comma-separated key=value lists: translations add to them instead of replacing. */
function isAttributeList(key: string): boolean {
  return /-attributes(\.|$)/.test(key);
}

function mergeList(previous: string | undefined, next: string): string {
  if (!previous) return next;
  const entries = new Map<string, string>();
  for (const part of [...previous.split(','), ...next.split(',')]) {
    const [k] = part.split('=');
    if (k?.trim()) entries.set(k.trim(), part.trim());
  }
  return [...entries.values()].join(',');
}

const PRIVATE_IPV4 = /^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.)/;

export default defineRule({
  meta: {
    id: 'lb/service',
    targets: ['Service'],
    category: 'load-balancer',
    severity: 'warning',
    description:
      'Services of type LoadBalancer, with the AWS Load Balancer Controller annotations their provider annotations, loadBalancerIP, source ranges and traffic policy become on EKS.',
    fixable: true,
    severityNote: 'info when already set up for the AWS Load Balancer Controller with a scheme',
    fixNote: 'the controller annotations',
    messages: {
      migrate: {
        message:
          'Service {{ref}} of type LoadBalancer becomes an AWS Network Load Balancer on EKS{{sourceNote}}{{ipNote}}.',
        explanation:
          'On EKS the AWS Load Balancer Controller serves LoadBalancer Services (one NLB each); without it the legacy in-tree provider makes a Classic Load Balancer. Annotations of other providers are ignored, and the controller creates an internal NLB unless the Service asks for internet-facing.{{translations}}{{ipExplain}}{{keptNote}}',
        remediation:
          'Install the AWS Load Balancer Controller and annotate the Service with {{eksAnnotations}} (kube2eks generate adds them){{policyNote}}{{ipAdvice}}{{rangesNote}}{{manual}}. Point DNS at the new NLB name.',
      },
      alreadyLbc: {
        message:
          'Service {{ref}} of type LoadBalancer is already set up for the AWS Load Balancer Controller ({{how}}){{schemeNote}}.',
        explanation:
          'On EKS the AWS Load Balancer Controller creates an NLB for it; the controller is not installed by default, and its NLBs are internal unless aws-load-balancer-scheme says internet-facing.{{ipExplain}}{{keptNote}}',
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
    const sources = sourceAnnotations(annotations, { ports: portsOf(spec), annotations }, ctx.catalog);
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

    const privateIp = loadBalancerIP !== undefined && PRIVATE_IPV4.test(loadBalancerIP);
    const ipAdvice = !loadBalancerIP
      ? ''
      : privateIp && !internal
        ? `. spec.loadBalancerIP ${loadBalancerIP} is a private address of the old network and cannot move: if only clients inside the network used it, make the NLB internal (${LBC_SCHEME}: internal) and pin addresses with ${LBC_PRIVATE_IPS} (one per subnet); if it must be reachable from the internet, allocate Elastic IPs (one per subnet) and list them in ${LBC_EIPS}`
        : `. spec.loadBalancerIP ${loadBalancerIP} cannot move to AWS: allocate ${internal ? 'private IPv4 addresses' : 'Elastic IPs'} (one per subnet) and list them in ${internal ? LBC_PRIVATE_IPS : LBC_EIPS}`;
    const ipExplain = loadBalancerIP
      ? ` spec.loadBalancerIP (${loadBalancerIP}) is deprecated since Kubernetes 1.24 and is an address of the old provider; the AWS Load Balancer Controller ignores it and gives the NLB addresses from the VPC subnets.`
      : '';
    const kept = Object.entries(AWS_RESOURCE_ANNOTATIONS).filter(([key]) => annotations[key] !== undefined);
    const keptNote = kept.length
      ? ` ${joinList(kept.map(([key, what]) => `${key} (${what}: ${annotations[key]})`))} ${kept.length === 1 ? 'is' : 'are'} read as written: ${kept.length === 1 ? 'it names resources' : 'they name resources'} of one AWS account, region and VPC, which must be the EKS cluster's.`
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
          keptNote,
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
        if (!k.startsWith('service.beta.kubernetes.io/')) continue;
        if (isAttributeList(k)) add[k] = mergeList(add[k] ?? annotations[k], v);
        else if (!(k in add)) add[k] = v;
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
      ? `. spec.loadBalancerSourceRanges (${joinList(ranges)}) is kept: the controller writes it into the NLB security group (or use ${LBC_SOURCE_RANGES})`
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
        keptNote,
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
