// Shared by the ingress and exposure rules: which controller serves an Ingress (class name, IngressClass, default
// class), and what each of its controller annotations becomes on an ALB.

import { annotationEquivalent } from '../catalog/equivalence.js';
import type { Catalog } from '../catalog/index.js';
import {
  ALB_CLASS,
  ALB_CONTROLLER,
  type AnnotationRule,
  CLASS_ANNOTATION,
  CLASS_NAMES,
  CONTROLLER_PREFIXES,
  CONTROLLERS,
  DEFAULT_INGRESS_CLASS_ANNOTATION,
  type IngressProduct,
  type IngressView,
  NGINX_ANNOTATIONS,
  NGINX_PREFIX,
  OTHER_ANNOTATIONS,
} from './ingress.table.js';
import { userAnnotations } from './json-patch.js';
import { getPath, isRecord } from './kinds.js';
import type { Inventory, InventoryObject } from './types.js';

export interface IngressClassInfo {
  /** The class name as written (or of the default IngressClass); undefined when none applies. */
  name?: string;
  via: 'spec.ingressClassName' | 'annotation' | 'default IngressClass' | 'none';
  /** spec.controller of the IngressClass object of that name, when it is in the input. */
  controller?: string;
  isAlb: boolean;
  product?: IngressProduct;
}

export type ClassIndex = { byName: Map<string, string>; defaultName?: string };

/** `spec.controller` of each IngressClass in the input, and the default one. */
export function ingressClasses(inventory: Inventory): ClassIndex {
  const byName = new Map<string, string>();
  let defaultName: string | undefined;
  for (const item of inventory.objects) {
    if (item.object.kind !== 'IngressClass') continue;
    const controller = getPath(item.object, ['spec', 'controller']);
    byName.set(item.ref.name, typeof controller === 'string' ? controller : '');
    if (item.object.metadata?.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === 'true')
      defaultName = item.ref.name;
  }
  return defaultName === undefined ? { byName } : { byName, defaultName };
}

export function productOf(
  name: string | undefined,
  controller: string | undefined,
): IngressProduct | undefined {
  return (controller ? CONTROLLERS[controller] : undefined) ?? (name ? CLASS_NAMES[name] : undefined);
}

export function classOf(item: InventoryObject, classes: ClassIndex): IngressClassInfo {
  const obj = item.object;
  const specName = getPath(obj, ['spec', 'ingressClassName']);
  const annName = obj.metadata?.annotations?.[CLASS_ANNOTATION];
  let name: string | undefined;
  let via: IngressClassInfo['via'] = 'none';
  if (typeof specName === 'string' && specName) {
    name = specName;
    via = 'spec.ingressClassName';
  } else if (typeof annName === 'string' && annName) {
    name = annName;
    via = 'annotation';
  } else if (classes.defaultName) {
    name = classes.defaultName;
    via = 'default IngressClass';
  }
  const controller = name !== undefined ? classes.byName.get(name) : undefined;
  const isAlb = controller !== undefined ? controller === ALB_CONTROLLER : name === ALB_CLASS;
  const info: IngressClassInfo = { via, isAlb };
  if (name !== undefined) info.name = name;
  if (controller) info.controller = controller;
  const product = productOf(name, controller);
  if (product) info.product = product;
  return info;
}

export interface AnnotationVerdict {
  key: string;
  value: string;
  product: string;
  /** alb: concrete ALB annotations; manual: an ALB setting needing the user's values; keep: no ALB
   * equivalent (keep the controller); drop: nothing to carry over; review: unknown to kube2eks. */
  verdict: 'alb' | 'manual' | 'keep' | 'drop' | 'review';
  alb?: Record<string, string>;
  /** Words for the message (the ALB annotation, what to do by hand, or why there is none). */
  detail: string;
}

const MERGED = new Set([
  'alb.ingress.kubernetes.io/target-group-attributes',
  'alb.ingress.kubernetes.io/load-balancer-attributes',
]);

function ruleFor(key: string): AnnotationRule | undefined {
  if (key.startsWith(NGINX_PREFIX)) {
    const rule = NGINX_ANNOTATIONS[key.slice(NGINX_PREFIX.length)];
    return rule ? { product: 'ingress-nginx', ...rule } : undefined;
  }
  return OTHER_ANNOTATIONS[key];
}

function format(map: Record<string, string>): string {
  return Object.entries(map)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** The paths and backend Services of an Ingress (networking.k8s.io/v1 and the older serviceName form). */
export function ingressView(item: InventoryObject): IngressView {
  const view: IngressView = { paths: [], services: [] };
  const backendName = (backend: unknown): string | undefined => {
    if (!isRecord(backend)) return undefined;
    const v1 = getPath(backend, ['service', 'name']);
    if (typeof v1 === 'string') return v1;
    return typeof backend.serviceName === 'string' ? backend.serviceName : undefined;
  };
  const rules = getPath(item.object, ['spec', 'rules']);
  for (const rule of Array.isArray(rules) ? rules : []) {
    const paths = isRecord(rule) ? getPath(rule, ['http', 'paths']) : undefined;
    for (const p of Array.isArray(paths) ? paths : []) {
      if (!isRecord(p)) continue;
      if (typeof p.path === 'string') view.paths.push(p.path);
      const name = backendName(p.backend);
      if (name) view.services.push(name);
    }
  }
  const fallback = backendName(
    getPath(item.object, ['spec', 'defaultBackend']) ?? getPath(item.object, ['spec', 'backend']),
  );
  if (fallback) view.services.push(fallback);
  return view;
}

/** Every controller annotation of an Ingress with what it becomes on an ALB. */
export function annotationVerdicts(item: InventoryObject, catalog: Catalog): AnnotationVerdict[] {
  const all = userAnnotations(item.object);
  const view = ingressView(item);
  const out: AnnotationVerdict[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (key === CLASS_ANNOTATION || key.startsWith('alb.ingress.kubernetes.io/')) continue;
    const rule = ruleFor(key);
    const product = rule?.product ?? CONTROLLER_PREFIXES.find((p) => key.startsWith(p.prefix))?.product;
    if (!product) continue;
    const base = { key, value, product };
    if (rule?.keep && (!rule.keepWhen || rule.keepWhen.test(value))) {
      // Keeping the controller is an option only for controllers that run on EKS (not GKE's or Azure's).
      if (keepAdviceFor(product))
        out.push({ ...base, verdict: 'keep', detail: `no ALB equivalent: ${rule.keep}` });
      else out.push({ ...base, verdict: 'manual', detail: `a replacement for ${rule.keep}` });
    } else if (rule?.alb) {
      const alb = rule.alb(value, all);
      if (alb && Object.keys(alb).length) out.push({ ...base, verdict: 'alb', alb, detail: format(alb) });
      else out.push({ ...base, verdict: 'drop', detail: 'not needed on ALB for this value' });
    } else if (rule?.manual) {
      const detail = typeof rule.manual === 'function' ? rule.manual(value, view) : rule.manual;
      out.push({ ...base, verdict: 'manual', detail });
    } else if (rule?.drop) {
      out.push({ ...base, verdict: 'drop', detail: rule.drop });
    } else {
      const fact = annotationEquivalent(catalog, key, { resource: 'Ingress', value });
      if (fact?.eks) {
        out.push({ ...base, verdict: 'manual', detail: format(fact.eks) });
      } else if (fact) {
        out.push({
          ...base,
          verdict: 'keep',
          detail: `no ALB equivalent${fact.notes ? `: ${fact.notes}` : ''}`,
        });
      } else {
        out.push({
          ...base,
          verdict: 'review',
          detail: 'not known to kube2eks: check what it does and whether the ALB needs it',
        });
      }
    }
  }
  return out;
}

/** The concrete ALB annotations of a set of verdicts (attribute lists merged). */
export function mergedAlbAnnotations(verdicts: readonly AnnotationVerdict[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of verdicts) {
    for (const [k, val] of Object.entries(v.alb ?? {})) {
      const prev = out[k];
      if (prev === undefined || prev === val) out[k] = val;
      else if (MERGED.has(k)) out[k] = [...new Set([...prev.split(','), ...val.split(',')])].join(',');
      else out[k] = val;
    }
  }
  return out;
}

/** The ALB scheme an Ingress asks for. */
export function schemeOf(
  info: IngressClassInfo,
  item: InventoryObject,
  verdicts: readonly AnnotationVerdict[],
): string {
  const written = item.object.metadata?.annotations?.['alb.ingress.kubernetes.io/scheme'];
  if (written) return written;
  if (info.product?.internal) return 'internal';
  if (verdicts.some((v) => v.alb?.['alb.ingress.kubernetes.io/scheme'] === 'internal')) return 'internal';
  return 'internet-facing';
}

/** The Ingress terminates TLS from Secrets (spec.tls), which an ALB does not read. */
export function tlsSecretsOf(item: InventoryObject): string[] {
  const tls = getPath(item.object, ['spec', 'tls']);
  if (!Array.isArray(tls)) return [];
  return tls
    .filter(isRecord)
    .flatMap((t) => (typeof t.secretName === 'string' && t.secretName ? [t.secretName] : []));
}

/** The host names an Ingress serves (spec.rules[].host and spec.tls[].hosts), and those it terminates TLS for. */
export function hostsOf(item: InventoryObject): { hosts: string[]; tlsHosts: string[] } {
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string' && h !== '') : [];
  const rules = getPath(item.object, ['spec', 'rules']);
  const tls = getPath(item.object, ['spec', 'tls']);
  const tlsHosts = Array.isArray(tls) ? tls.filter(isRecord).flatMap((t) => strings(t.hosts)) : [];
  const ruleHosts = Array.isArray(rules) ? strings(rules.filter(isRecord).map((r) => r.host)) : [];
  return { hosts: [...new Set([...ruleHosts, ...tlsHosts])], tlsHosts: [...new Set(tlsHosts)] };
}

/** Ingresses of the input, in order. */
export function ingressesOf(inventory: Inventory): InventoryObject[] {
  return inventory.objects.filter((o) => o.object.kind === 'Ingress');
}

/** How to keep the controller that owns an annotation product ("ingress-nginx") on EKS. */
export function keepAdviceFor(product: string | undefined): string | undefined {
  if (!product) return undefined;
  return [...Object.values(CLASS_NAMES), ...Object.values(CONTROLLERS)].find((p) => p.product === product)
    ?.keep;
}
