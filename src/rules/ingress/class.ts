// ingress/class: Ingresses whose class is not ALB (named by spec.ingressClassName, the deprecated
// kubernetes.io/ingress.class annotation, or not at all), and IngressClasses of other controllers.

import {
  annotationVerdicts,
  classOf,
  hostsOf,
  ingressClasses,
  keepAdviceFor,
  productOf,
  schemeOf,
  tlsSecretsOf,
} from '../../model/ingress.js';
import { ALB_CONTROLLER, CLASS_ANNOTATION } from '../../model/ingress.table.js';
import { annotationOps, userAnnotations } from '../../model/json-patch.js';
import { describeRef, getPath, isRecord, pointer } from '../../model/kinds.js';
import type { JsonPatchOp } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

const ALB_PREFIX = 'alb.ingress.kubernetes.io/';
const SCHEME = `${ALB_PREFIX}scheme`;
const TARGET_TYPE = `${ALB_PREFIX}target-type`;
/** ALB annotations whose values name resources of one AWS account, region or VPC. */
const ALB_RESOURCE_ANNOTATIONS = [
  'subnets',
  'security-groups',
  'certificate-arn',
  'wafv2-acl-arn',
  'waf-acl-id',
].map((a) => `${ALB_PREFIX}${a}`);

/** A note for Ingresses already written for an ALB controller (the old aws-alb-ingress-controller took class-less ones). */
function albAnnotationsNote(annotations: Record<string, string>): string {
  const keys = Object.keys(annotations).filter((k) => k.startsWith(ALB_PREFIX));
  if (!keys.length) return '';
  const resources = keys.filter((k) => ALB_RESOURCE_ANNOTATIONS.includes(k));
  return ` It already carries AWS Load Balancer Controller annotations (${joinList(keys)}), which take effect once its class is alb${resources.length ? `; ${joinList(resources.map((k) => `${k}: ${annotations[k]}`))} ${resources.length === 1 ? 'names' : 'name'} resources of the old account or VPC and must be replaced with the EKS cluster's` : ''}.`;
}

export default defineRule({
  meta: {
    id: 'ingress/class',
    targets: ['IngressClass', 'Ingress'],
    category: 'ingress',
    severity: 'warning',
    description:
      "Ingresses whose class is not the AWS Load Balancer Controller's alb (or that name no class), and IngressClasses of other controllers.",
    fixable: true,
    fixNote: 'when no annotation needs the old controller: class, scheme and target type',
    messages: {
      otherClass: {
        message:
          'Ingress {{ref}} uses ingress class {{className}} ({{product}}, set by {{via}}); on EKS the AWS Load Balancer Controller serves class alb.',
        explanation:
          'EKS runs no ingress controller until one is installed, and an Ingress whose class no controller serves gets no load balancer. {{productNote}}{{viaNote}}{{albNote}}{{tlsNote}}{{annotationsNote}}',
        remediation: '{{advice}}',
      },
      noClass: {
        message:
          'Ingress {{ref}} names no ingress class (neither spec.ingressClassName nor kubernetes.io/ingress.class); on EKS no controller picks it up unless an IngressClass is marked default.',
        explanation:
          'A class-less Ingress is served only by a controller that takes class-less Ingresses or by the default IngressClass; a new EKS cluster has neither, so the Ingress gets no load balancer.{{albNote}}{{tlsNote}}{{annotationsNote}}',
        remediation: '{{advice}}',
      },
      ingressClass: {
        message:
          'IngressClass {{name}} names controller {{controller}} ({{product}}), which EKS does not run; the AWS Load Balancer Controller serves IngressClass alb (controller ingress.k8s.aws/alb).',
        explanation:
          'An IngressClass only routes Ingresses to a controller that must be installed in the cluster. {{productNote}}',
        remediation:
          'Point the Ingresses of class {{name}} at the IngressClass alb that the AWS Load Balancer Controller Helm chart creates (spec.controller: ingress.k8s.aws/alb, optionally with an IngressClassParams for scheme and group){{keep}}.',
      },
    },
  },
  index: ingressClasses,
  checkObject(item, ctx, report) {
    const obj = item.object;
    if (obj.kind === 'IngressClass') {
      const controller = getPath(obj, ['spec', 'controller']);
      if (typeof controller !== 'string' || controller === ALB_CONTROLLER) return;
      const product = productOf(item.ref.name, controller);
      report({
        item,
        messageId: 'ingressClass',
        data: {
          name: item.ref.name,
          controller,
          product: product?.product ?? 'an ingress controller',
          productNote: product?.keep
            ? `${product.product} can also run on EKS: ${product.keep}.`
            : product
              ? `${product.product} does not run on EKS.`
              : '',
          keep: product?.keep ? `; or ${product.keep} and keep this class` : '',
        },
        path: ['spec', 'controller'],
        facts: { controller, product: product?.product ?? null },
      });
      return;
    }
    if (obj.kind !== 'Ingress') return;
    const info = classOf(item, ctx.index);
    if (info.isAlb) return;

    const verdicts = annotationVerdicts(item, ctx.catalog);
    const keep = verdicts.filter((v) => v.verdict === 'keep');
    const annotationsNote = verdicts.length
      ? ` Its controller annotations (${joinList(verdicts.map((v) => v.key))}) need translating too (rule ingress/annotations).`
      : '';
    const scheme = schemeOf(info, item, verdicts);
    const secrets = tlsSecretsOf(item);
    const tlsNote = secrets.length
      ? ` Its TLS certificates come from Secrets (${joinList(secrets)}), which an ALB does not read: it takes certificates from AWS Certificate Manager (alb.ingress.kubernetes.io/certificate-arn, or discovered from the spec.tls hosts).`
      : '';
    const keepProduct = info.product?.keep ?? keepAdviceFor(keep[0]?.product);
    const albAdvice = `Set spec.ingressClassName: alb${info.via === 'annotation' ? ` and remove the ${CLASS_ANNOTATION} annotation` : ''}, and add ${SCHEME}: ${scheme} and ${TARGET_TYPE}: ip (pods as targets, so the backend Services can stay ClusterIP); kube2eks generate does it. Install the AWS Load Balancer Controller; each Ingress becomes its own ALB unless alb.ingress.kubernetes.io/group.name groups them.${secrets.length ? ' Request ACM certificates for the TLS hosts.' : ''}`;
    const advice = keep.length
      ? `This Ingress relies on ${keep[0]?.product ?? 'controller'} features an ALB lacks (${joinList(keep.map((k) => k.key))}): ${keepProduct ?? 'install the same controller on EKS behind an NLB'}, and ${info.name ? `keep the class ${info.name}` : "give the Ingress that controller's class in spec.ingressClassName"}. Otherwise rewrite those features and move to ALB: ${albAdvice}`
      : keepProduct
        ? `${albAdvice} Alternatively ${keepProduct}.`
        : albAdvice;

    const fix: JsonPatchOp[] = [];
    if (keep.length === 0 && isRecord(obj.spec)) {
      fix.push({ op: 'add', path: pointer(['spec', 'ingressClassName']), value: 'alb' });
      fix.push(...annotationOps(obj, { [SCHEME]: scheme, [TARGET_TYPE]: 'ip' }, [CLASS_ANNOTATION]));
    }
    const facts = {
      className: info.name ?? null,
      via: info.via,
      controller: info.controller ?? null,
      product: info.product?.product ?? null,
      scheme,
      keepController: keep.length > 0,
      tlsSecrets: secrets,
      // For the checklist: DNS names to move and certificates to request in ACM.
      ...hostsOf(item),
    };
    const ref = describeRef(item.ref).replace(/^Ingress /, '');
    const albNote = albAnnotationsNote(userAnnotations(obj));

    if (info.name === undefined) {
      report({
        item,
        messageId: 'noClass',
        data: { ref, tlsNote, advice, annotationsNote, albNote },
        path: ['spec'],
        fix,
        facts,
      });
      return;
    }
    const viaText =
      info.via === 'annotation'
        ? `the ${CLASS_ANNOTATION} annotation`
        : info.via === 'default IngressClass'
          ? 'the default IngressClass'
          : 'spec.ingressClassName';
    report({
      item,
      messageId: 'otherClass',
      data: {
        ref,
        className: info.name,
        product:
          info.product?.product ??
          (info.controller ? `controller ${info.controller}` : 'an unknown controller'),
        via: viaText,
        productNote: info.product
          ? info.product.keep
            ? `${info.product.product} is not part of EKS; it can be installed, or the Ingress moved to an ALB.`
            : `${info.product.product} exists only on its own platform.`
          : '',
        viaNote:
          info.via === 'annotation'
            ? ` The ${CLASS_ANNOTATION} annotation is deprecated since Kubernetes 1.18 in favour of spec.ingressClassName.`
            : '',
        tlsNote,
        advice,
        annotationsNote,
        albNote,
      },
      path:
        info.via === 'annotation'
          ? ['metadata', 'annotations', CLASS_ANNOTATION]
          : info.via === 'spec.ingressClassName'
            ? ['spec', 'ingressClassName']
            : ['spec'],
      fix,
      facts,
    });
  },
});
