// ingress/annotations: controller annotations of an Ingress (ingress-nginx, Traefik, HAProxy, GKE, Azure
// Application Gateway, cert-manager) with their ALB counterparts, or the reason to keep the controller.

import {
  type AnnotationVerdict,
  annotationVerdicts,
  classOf,
  ingressClasses,
  keepAdviceFor,
  mergedAlbAnnotations,
} from '../../model/ingress.js';
import { annotationOps } from '../../model/json-patch.js';
import { describeRef } from '../../model/kinds.js';
import { defineRule, joinList } from '../define.js';

function line(v: AnnotationVerdict): string {
  return `${v.key}: ${v.value.trim()} -> ${v.detail}`;
}

export default defineRule({
  meta: {
    id: 'ingress/annotations',
    targets: ['Ingress'],
    category: 'ingress',
    severity: 'warning',
    description:
      'Ingress annotations of other controllers (ingress-nginx, Traefik, HAProxy, GKE, Azure Application Gateway, cert-manager) with their ALB counterparts, or the features an ALB lacks.',
    fixable: true,
    fixNote: 'when every annotation has a concrete ALB counterpart or none is needed',
    messages: {
      translate: {
        message:
          'Ingress {{ref}}{{classNote}} carries {{products}} annotations that an ALB ignores: {{keys}}.',
        explanation:
          'The AWS Load Balancer Controller reads only alb.ingress.kubernetes.io/* annotations; the behaviour these annotations set is lost on an ALB unless it is carried over.{{albLines}}{{manualLines}}{{dropLines}}{{reviewLines}}',
        remediation: '{{translateAdvice}}',
      },
      keepController: {
        message:
          'Ingress {{ref}}{{classNote}} uses {{products}} annotations with no ALB equivalent ({{keepKeys}}){{others}}.',
        explanation:
          'An ALB cannot do what these annotations ask: {{keepLines}}.{{albLines}}{{manualLines}}{{dropLines}}{{reviewLines}}',
        remediation:
          'Keep the controller on EKS for this Ingress ({{keepHow}}), or rework those features (in the application, AWS WAF or an ALB action) and move to ALB with {{albAnnotations}}{{manualAdvice}}.',
      },
    },
  },
  index: ingressClasses,
  checkObject(item, ctx, report) {
    if (item.object.kind !== 'Ingress') return;
    const info = classOf(item, ctx.index);
    if (info.isAlb) return;
    const verdicts = annotationVerdicts(item, ctx.catalog);
    if (verdicts.length === 0) return;

    const by = (kind: AnnotationVerdict['verdict']) => verdicts.filter((v) => v.verdict === kind);
    const keep = by('keep');
    const manual = by('manual');
    const dropped = by('drop');
    const review = by('review');
    const alb = mergedAlbAnnotations(verdicts);
    const products = [...new Set(verdicts.map((v) => v.product))];
    const section = (title: string, list: AnnotationVerdict[]) =>
      list.length ? ` ${title}: ${list.map(line).join('; ')}.` : '';
    const albList = Object.entries(alb).map(([k, v]) => `${k}: ${v}`);
    const data = {
      ref: describeRef(item.ref).replace(/^Ingress /, ''),
      classNote: info.name
        ? ` (class ${info.name}${info.via === 'annotation' ? ' via kubernetes.io/ingress.class' : ''})`
        : ' (no ingress class)',
      products: joinList(products),
      keys: joinList(verdicts.map((v) => v.key)),
      albLines: section('Translated', by('alb')),
      manualLines: section('Needs values from AWS', manual),
      dropLines: section('Not needed on ALB', dropped),
      reviewLines: section('Unknown to kube2eks', review),
      albAnnotations: albList.length ? joinList(albList) : 'the ALB defaults',
      manualAdvice: manual.length
        ? `, and set by hand ${joinList([...new Set(manual.map((m) => m.detail))])}`
        : '',
    };
    const byHand = joinList([...new Set(manual.map((m) => m.detail))]);
    const translateAdvice = albList.length
      ? `Replace them with ${joinList(albList)} (kube2eks generate does it)${manual.length ? `, and set by hand ${byHand}` : ''}.`
      : manual.length === verdicts.length
        ? `Set by hand ${byHand}, then remove the old annotations.`
        : `Remove the annotations an ALB does not need (kube2eks generate does it)${manual.length ? `, and set by hand ${byHand}` : ''}.`;
    const facts = {
      verdicts: verdicts.map((v) => ({
        key: v.key,
        verdict: v.verdict,
        alb: v.alb ?? null,
        detail: v.detail,
      })),
      albAnnotations: alb,
      keepController: keep.length > 0,
    };

    if (keep.length) {
      const others = verdicts.filter((v) => v.verdict !== 'keep');
      report({
        item,
        messageId: 'keepController',
        data: {
          ...data,
          keepKeys: joinList(keep.map((k) => k.key)),
          others: others.length ? `, besides ${joinList(others.map((o) => o.key))}` : '',
          keepLines: keep.map((k) => `${k.key}: ${k.detail.replace(/^no ALB equivalent: /, '')}`).join('; '),
          keepHow:
            info.product?.keep ??
            keepAdviceFor(keep[0]?.product) ??
            'install the same controller on EKS and expose it through an NLB (service.beta.kubernetes.io/aws-load-balancer-type: external)',
        },
        path: ['metadata', 'annotations', keep[0]?.key ?? ''],
        facts,
      });
      return;
    }
    // Carried over or not needed: both leave; what needs the user's values stays until they fill it in.
    const remove = [...by('alb'), ...dropped].map((v) => v.key);
    report({
      item,
      messageId: 'translate',
      data: { ...data, translateAdvice },
      path: ['metadata', 'annotations', verdicts[0]?.key ?? ''],
      fix: annotationOps(item.object, alb, remove),
      facts,
    });
  },
});
