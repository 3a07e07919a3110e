// ingress/alb-count: how many Application Load Balancers the Ingresses become on EKS, one per Ingress or
// shared through alb.ingress.kubernetes.io/group.name, and which stay on their own controller.

import { annotationVerdicts, classOf, ingressClasses, ingressesOf, schemeOf } from '../../model/ingress.js';
import { describeRef, getPath, isRecord } from '../../model/kinds.js';
import type { InventoryObject } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

const GROUP = 'alb.ingress.kubernetes.io/group.name';
/** Rules per ALB listener (default quota, excluding the default rule). Source: Elastic Load Balancing quotas. */
const RULES_PER_LISTENER = 100;

/** Listener rules an Ingress adds: one per host and path. */
function ruleCount(item: InventoryObject): number {
  const rules = getPath(item.object, ['spec', 'rules']);
  if (!Array.isArray(rules)) return 0;
  let n = 0;
  for (const rule of rules) {
    const paths = isRecord(rule) ? getPath(rule, ['http', 'paths']) : undefined;
    n += Array.isArray(paths) ? Math.max(paths.length, 1) : 1;
  }
  return n;
}

export default defineRule({
  meta: {
    id: 'ingress/alb-count',
    targets: ['Ingress'],
    category: 'ingress',
    severity: 'info',
    description:
      'How many Application Load Balancers the Ingresses become on EKS, with and without alb.ingress.kubernetes.io/group.name.',
    fixable: false,
    messages: {
      count: {
        message:
          '{{albIngresses}} Ingresses become {{withoutGroup}} Application Load Balancers on EKS{{groupedNote}}, or {{withGroup}} when they share alb.ingress.kubernetes.io/group.name{{keptNote}}.',
        explanation:
          'The AWS Load Balancer Controller creates one ALB per Ingress unless Ingresses join an IngressGroup (alb.ingress.kubernetes.io/group.name); every ALB is billed per hour and per LCU. A group shares one scheme and one set of listeners, and one listener holds at most {{rulesPerListener}} rules; these Ingresses add {{rules}} rules.',
        remediation:
          'Give Ingresses that may share a load balancer the same alb.ingress.kubernetes.io/group.name (one group per scheme: {{schemes}}) and order their rules with alb.ingress.kubernetes.io/group.order; keep apart Ingresses whose settings conflict (certificates, inbound CIDRs, WAF) or that need separate blast radius.',
      },
    },
  },
  checkInventory(inventory, ctx, report) {
    const albBound: Array<{ item: InventoryObject; scheme: string; group?: string; rules: number }> = [];
    const kept: string[] = [];
    const classes = ingressClasses(inventory);
    for (const item of ingressesOf(inventory)) {
      const info = classOf(item, classes);
      const verdicts = info.isAlb ? [] : annotationVerdicts(item, ctx.catalog);
      if (verdicts.some((v) => v.verdict === 'keep')) {
        kept.push(describeRef(item.ref));
        continue;
      }
      const group = item.object.metadata?.annotations?.[GROUP];
      const entry: (typeof albBound)[number] = {
        item,
        scheme: schemeOf(info, item, verdicts),
        rules: ruleCount(item),
      };
      if (group) entry.group = group;
      albBound.push(entry);
    }
    const groups = new Set(albBound.flatMap((a) => (a.group ? [a.group] : [])));
    const ungrouped = albBound.filter((a) => !a.group);
    // Grouping only helps when at least two Ingresses would get an ALB of their own.
    if (ungrouped.length < 2) return;
    const withoutGroup = ungrouped.length + groups.size;
    const rulesByScheme = new Map<string, number>();
    for (const a of ungrouped) rulesByScheme.set(a.scheme, (rulesByScheme.get(a.scheme) ?? 0) + a.rules);
    let withGroup = groups.size;
    for (const rules of rulesByScheme.values())
      withGroup += Math.max(1, Math.ceil(rules / RULES_PER_LISTENER));
    // Nothing to report when grouping saves no load balancer (e.g. one Ingress per scheme).
    if (withGroup >= withoutGroup) return;
    const totalRules = albBound.reduce((n, a) => n + a.rules, 0);
    const first = albBound[0]!;
    report({
      item: first.item,
      messageId: 'count',
      data: {
        albIngresses: albBound.length,
        withoutGroup,
        withGroup,
        groupedNote: groups.size
          ? ` (one per ungrouped Ingress, plus ${groups.size} existing group${groups.size === 1 ? '' : 's'})`
          : ' (one per Ingress)',
        keptNote: kept.length
          ? `; ${kept.length === 1 ? '1 more Ingress stays' : `${kept.length} more Ingresses stay`} on its own controller behind an NLB (${joinList(kept)})`
          : '',
        rulesPerListener: RULES_PER_LISTENER,
        rules: totalRules,
        schemes: joinList([...rulesByScheme.keys()]),
      },
      facts: {
        albsWithoutGroup: withoutGroup,
        albsWithGroup: withGroup,
        ingresses: albBound.map((a) => ({
          ref: a.item.ref,
          scheme: a.scheme,
          group: a.group ?? null,
          rules: a.rules,
        })),
        keptOnController: kept,
      },
    });
  },
});
