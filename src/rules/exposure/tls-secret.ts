// exposure/tls-secret: TLS Secrets named by Ingresses. An ALB terminates TLS with certificates from ACM,
// never with Kubernetes Secrets.

import { annotationVerdicts, classOf, ingressClasses, ingressesOf } from '../../model/ingress.js';
import { getPath, isRecord } from '../../model/kinds.js';
import type { InventoryObject } from '../../model/types.js';
import { defineRule, type Report } from '../define.js';
import { ALB_CERTIFICATE_ANNOTATION, CERT_MANAGER_ANNOTATIONS } from './exposure.table.js';

export default defineRule({
  meta: {
    id: 'exposure/tls-secret',
    targets: ['Ingress'],
    category: 'exposure',
    severity: 'info',
    description:
      'Ingresses that terminate TLS with Kubernetes Secrets: as ALBs they need certificates in AWS Certificate Manager, preferably issued by ACM.',
    fixable: false,
    messages: {
      secret: {
        message: 'Ingress {{ref}} terminates TLS for {{hosts}} with Secret {{secrets}}{{issuer}}.',
        explanation:
          'An ALB (what the AWS Load Balancer Controller makes of an Ingress) serves certificates from AWS Certificate Manager only; it ignores spec.tls[].secretName. Certificates imported into ACM are not renewed by ACM{{issuerWhy}}, while public certificates issued by ACM with DNS validation renew by themselves.',
        remediation:
          'Request public ACM certificates for {{hosts}} (DNS validation in Route 53 or your DNS), then either name them with {{annotation}} or let the controller discover them by host (discovery needs the ACM API: in a private cluster add the ACM VPC endpoint, or name the ARN). Keep the Secret only if an in-cluster proxy behind the ALB still needs it.',
      },
      alreadyAcm: {
        message: 'Ingress {{ref}} names Secret {{secrets}} and an ACM certificate.',
        explanation:
          'The ALB uses the certificate named by {{annotation}} and ignores spec.tls[].secretName.',
        remediation:
          'Check that the ACM certificate covers {{hosts}}; the Secret can be dropped unless something behind the ALB uses it.',
      },
    },
  },
  checkInventory(inventory, ctx, report) {
    const classes = ingressClasses(inventory);
    for (const item of ingressesOf(inventory)) {
      // Ingresses whose annotations have no ALB equivalent stay on their own controller (ingress/alb-count).
      const info = classOf(item, classes);
      if (!info.isAlb && annotationVerdicts(item, ctx.catalog).some((v) => v.verdict === 'keep')) continue;
      check(item, report);
    }
  },
});

function check(item: InventoryObject, report: Report<'secret' | 'alreadyAcm'>): void {
  const tls = getPath(item.object, ['spec', 'tls']);
  if (!Array.isArray(tls)) return;
  const secrets: string[] = [];
  const hosts: string[] = [];
  let firstIndex = -1;
  tls.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.secretName !== 'string' || !entry.secretName) return;
    if (firstIndex === -1) firstIndex = i;
    if (!secrets.includes(entry.secretName)) secrets.push(entry.secretName);
    if (Array.isArray(entry.hosts))
      for (const h of entry.hosts) if (typeof h === 'string' && !hosts.includes(h)) hosts.push(h);
  });
  if (firstIndex === -1) return;
  const annotations = item.object.metadata?.annotations ?? {};
  const issuerKey = CERT_MANAGER_ANNOTATIONS.find((a) => annotations[a] !== undefined);
  const issuer =
    issuerKey === 'kubernetes.io/tls-acme'
      ? 'ACME (kube-lego / cert-manager)'
      : issuerKey
        ? `cert-manager (${annotations[issuerKey]})`
        : undefined;
  const data = {
    ref: item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name,
    hosts: hosts.length ? hosts : ['its hosts'],
    secrets,
    issuer: issuer ? `, issued by ${issuer}` : '',
    issuerWhy: issuer
      ? ', and cert-manager cannot write into ACM, so its renewals would never reach the ALB'
      : '',
    annotation: ALB_CERTIFICATE_ANNOTATION,
  };
  report({
    item,
    messageId: annotations[ALB_CERTIFICATE_ANNOTATION] ? 'alreadyAcm' : 'secret',
    data,
    path: ['spec', 'tls', firstIndex, 'secretName'],
    facts: { secrets, hosts, issuer: issuer ?? null },
  });
}
