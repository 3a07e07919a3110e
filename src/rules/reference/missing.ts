// reference/missing: Secrets, ConfigMaps, claims, ServiceAccounts and SecretProviderClasses that workloads
// use, and HPA and Service targets, that the input does not hold. They must exist on EKS before the
// workloads start; the finding reads as a checklist.

import { addName, inventoryIndex, type ObjectNames, objectNames } from '../../model/inventory-index.js';
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import { podFactsOf } from '../../model/pod-facts.js';
import { isUsableName, podReferences, type RefKind } from '../../model/pod-references.js';
import type { Inventory, InventoryObject } from '../../model/types.js';
import { countedWorkloads } from '../../model/workloads.js';
import { defineRule, joinList } from '../define.js';
import {
  CLUSTER_PROVIDED,
  INGRESS_SHIM_ANNOTATIONS,
  SECRET_NAME_FLAGS,
  SECRET_PRODUCERS,
  SERVING_CERT_ANNOTATIONS,
} from './producers.table.js';

const KIND_ORDER: readonly RefKind[] = [
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'SecretProviderClass',
  'PersistentVolumeClaim',
];

const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
  'extensions',
]);

interface Known {
  /** True when the input holds the object, or something in it produces it. */
  has(kind: string, namespace: string | undefined, name: string): boolean;
}

/** Kinds of the custom resources that produce Secrets (SECRET_PRODUCERS is keyed by `group/Kind`). */
const PRODUCER_KINDS: ReadonlySet<string> = new Set(
  Object.keys(SECRET_PRODUCERS).map((key) => key.slice(key.lastIndexOf('/') + 1)),
);

function known(inventory: Inventory): Known {
  // What the input holds (shared by the run), and apart, the Secrets that something in it produces.
  const names = objectNames(inventory);
  const producedNames = new Map<string, Map<string, Set<string>>>();
  const put = (kind: string, ns: string | undefined, name: string): void =>
    addName(producedNames, kind, ns, name);
  for (const item of inventory.objects) {
    const { kind, namespace } = item.ref;
    const producer = PRODUCER_KINDS.has(kind)
      ? SECRET_PRODUCERS[`${groupOf(item.ref.apiVersion)}/${kind}`]
      : undefined;
    if (producer) {
      for (const path of producer) {
        const produced = getPath(item.object, path);
        if (isUsableName(produced)) {
          put('Secret', namespace, produced);
          break;
        }
      }
    }
    if (kind === 'Service') {
      const annotations = item.object.metadata?.annotations ?? {};
      for (const a of SERVING_CERT_ANNOTATIONS)
        if (isUsableName(annotations[a])) put('Secret', namespace, annotations[a]);
    }
    if (kind === 'Ingress') {
      const annotations = item.object.metadata?.annotations ?? {};
      if (INGRESS_SHIM_ANNOTATIONS.some((a) => annotations[a] !== undefined)) {
        const tls = getPath(item.object, ['spec', 'tls']);
        if (Array.isArray(tls))
          for (const t of tls)
            if (isRecord(t) && isUsableName(t.secretName)) put('Secret', namespace, t.secretName);
      }
    }
    if (kind === 'SecretProviderClass') {
      const objects = getPath(item.object, ['spec', 'secretObjects']);
      if (Array.isArray(objects))
        for (const o of objects)
          if (isRecord(o) && isUsableName(o.secretName)) put('Secret', namespace, o.secretName);
    }
    // Certificate generators run as Jobs (kube-webhook-certgen: `create --secret-name=X`).
    for (const words of podFactsOf(item.object)?.words ?? NO_WORDS)
      for (const secret of flaggedSecretNames(words)) put('Secret', namespace, secret);
  }
  return {
    has(kind, namespace, name) {
      if (CLUSTER_PROVIDED[kind]?.includes(name)) return true;
      return namedIn(names, kind, namespace, name) || namedIn(producedNames, kind, namespace, name);
    },
  };
}

/** Whether `names` hold the object, where an object without a namespace matches any (see below). */
function namedIn(names: ObjectNames, kind: string, namespace: string | undefined, name: string): boolean {
  const byNamespace = names.get(kind);
  if (!byNamespace) return false;
  // Manifests often leave the namespace to `kubectl -n`: an object without one matches any namespace.
  if (byNamespace.get(namespace ?? '')?.has(name) || byNamespace.get('')?.has(name)) return true;
  if (namespace !== undefined) return false;
  for (const set of byNamespace.values()) if (set.has(name)) return true;
  return false;
}

const NO_NAMES: readonly string[] = [];
const NO_WORDS: readonly string[][] = [];

/** Names a container's words (its args then command) pass to the SECRET_NAME_FLAGS (`--secret-name=X` or `--secret-name X`). */
function flaggedSecretNames(words: readonly string[]): readonly string[] {
  // Most containers pass no flag at all.
  if (!words.some((w) => w.startsWith('-'))) return NO_NAMES;
  const out: string[] = [];
  words.forEach((w, i) => {
    if (!w.startsWith('-')) return;
    for (const flag of SECRET_NAME_FLAGS) {
      const value =
        w.length > flag.length && w.startsWith(flag) && w[flag.length] === '='
          ? w.slice(flag.length + 1)
          : w === flag
            ? words[i + 1]
            : undefined;
      if (isUsableName(value)) out.push(value);
    }
  });
  return out;
}

/** Spec fields of custom resources whose operator runs pods (Prometheus, Elasticsearch, Kafka, Postgres …). */
const POD_MAKING_FIELDS = [
  'replicas',
  'image',
  'podTemplate',
  'template',
  'podMetadata',
  'nodeSets',
  'containers',
  'instances',
];

function makesPods(item: InventoryObject): boolean {
  const spec = item.object.spec;
  return isRecord(spec) && POD_MAKING_FIELDS.some((f) => spec[f] !== undefined);
}

function labelsMatch(selector: ReadonlyArray<[string, string]>, labels: Record<string, string>): boolean {
  return selector.every(([k, v]) => labels[k] === v);
}

export default defineRule({
  meta: {
    id: 'reference/missing',
    category: 'missing-reference',
    severity: 'info',
    description:
      'Secrets, ConfigMaps, PersistentVolumeClaims, ServiceAccounts and SecretProviderClasses that workloads use, and HPA and Service targets, that the input does not hold: they must exist on EKS first.',
    fixable: false,
    targets: ['workload', 'HorizontalPodAutoscaler', 'Service'],
    messages: {
      workload: {
        message: '{{kind}} {{name}} uses {{refs}}, which the input does not hold.',
        explanation:
          'Pods that name a missing Secret, ConfigMap, claim or ServiceAccount do not start on EKS (CreateContainerConfigError, ContainerCreating or a rejected pod), so these objects must be created there first. Objects the cluster or a controller in the input makes (the default ServiceAccount, kube-root-ca.crt, cert-manager, External Secrets, Sealed Secrets and Secrets Store CSI outputs, OpenShift serving certificates) and optional references are not listed.{{partial}}',
        remediation:
          'Add each to the migration checklist: recreate Secrets from their source of truth (AWS Secrets Manager with External Secrets or the Secrets Store CSI driver, rather than copying values), apply ConfigMaps and ServiceAccounts with the workload, and create claims with their data (Velero or a storage copy) before the pods start.',
      },
      hpaTarget: {
        message: 'HorizontalPodAutoscaler {{name}} scales {{target}}, which the input does not hold.',
        explanation:
          'An HPA whose scaleTargetRef names nothing reports FailedGetScale and scales nothing. The target may live in another file or be created by a controller.',
        remediation:
          'Move the target with the HPA (same namespace), or drop the HPA if the workload is gone.',
      },
      serviceTarget: {
        message: 'Service {{name}} selects {{selector}}, and no workload in the input has those pod labels.',
        explanation:
          'A Service whose selector matches no pod has no endpoints: clients get connection refused or 503s. The pods may come from a workload outside the input or from an operator.',
        remediation:
          'Move the workload that carries these labels with the Service, or fix the selector; a Service meant to point outside the cluster has no selector and an EndpointSlice (or type ExternalName) instead.',
      },
    },
  },
  checkInventory(inventory, _ctx, report) {
    const index = inventoryIndex(inventory);
    const have = known(inventory);
    // Namespaces holding Secret objects themselves (not only Secrets that controllers produce).
    const secretNamespaces = new Set(index.ofKind('Secret').map((s) => s.ref.namespace ?? ''));
    // Pod template labels by namespace, and namespaces with custom resources (operators may make the pods).
    const podLabels = new Map<string, Array<Record<string, string>>>();
    const operated = new Set<string>();
    for (const item of inventory.objects) {
      const ns = item.ref.namespace ?? '';
      if (!BUILT_IN_GROUPS.has(groupOf(item.ref.apiVersion)) && makesPods(item)) operated.add(ns);
      // Controlled copies too: a Pod's labels are the template's plus the controller's hash.
      const pod = podFactsOf(item.object);
      if (!pod) continue;
      const list = podLabels.get(ns) ?? [];
      list.push(pod.labels);
      podLabels.set(ns, list);
    }
    for (const { item, pod } of countedWorkloads(inventory)) {
      if (item.ref.kind === 'PodTemplate') continue;
      const refs = podReferences(item, pod)
        .filter((r) => !have.has(r.kind, item.ref.namespace, r.name))
        .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
      const first = refs[0];
      if (!first) continue;
      const ns = item.ref.namespace ?? '';
      const noSecrets =
        refs.some((r) => r.kind === 'Secret') && !secretNamespaces.has(ns) && !secretNamespaces.has('');
      report({
        item,
        messageId: 'workload',
        data: {
          kind: item.ref.kind,
          name: item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name,
          refs: joinList(refs.map((r) => `${r.kind} ${r.name}`)),
          partial: noSecrets
            ? ` The input holds no Secret at all${ns ? ` in namespace ${ns}` : ''}: Secrets are usually kept out of Git, so read this as a checklist rather than as errors.`
            : '',
        },
        path: first.path,
        facts: { missing: refs.map((r) => ({ kind: r.kind, name: r.name })) },
      });
    }
    for (const item of index.ofKind('HorizontalPodAutoscaler')) {
      const kind = getPath(item.object, ['spec', 'scaleTargetRef', 'kind']);
      const name = getPath(item.object, ['spec', 'scaleTargetRef', 'name']);
      if (typeof kind !== 'string' || !isUsableName(name)) continue;
      if (have.has(kind, item.ref.namespace, name)) continue;
      report({
        item,
        messageId: 'hpaTarget',
        data: { name: item.ref.name, target: `${kind} ${name}` },
        path: ['spec', 'scaleTargetRef', 'name'],
        facts: { missing: [{ kind, name }] },
      });
    }
    for (const item of index.ofKind('Service')) {
      if (item.ref.apiVersion !== 'v1') continue;
      const selector = getPath(item.object, ['spec', 'selector']);
      if (!isRecord(selector) || Object.keys(selector).length === 0) continue;
      const ns = item.ref.namespace ?? '';
      if (operated.has(ns) || operated.has('')) continue;
      const wanted = Object.entries(selector).map(([k, v]): [string, string] => [k, String(v)]);
      const matches = (list: Array<Record<string, string>> | undefined) =>
        list?.some((labels) => labelsMatch(wanted, labels)) ?? false;
      if (matches(podLabels.get(ns)) || (ns !== '' && matches(podLabels.get('')))) continue;
      report({
        item,
        messageId: 'serviceTarget',
        data: {
          name: item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name,
          selector: Object.entries(selector)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', '),
        },
        path: ['spec', 'selector'],
        facts: { selector },
      });
    }
  },
});
