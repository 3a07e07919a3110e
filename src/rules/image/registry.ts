// image/registry: every container image with its registry, and whether Amazon ECR can serve it
// through a pull-through cache or it must be copied. The generate step builds the copy list from the facts.

import { parseImageReference } from '../../model/images.js';
import { containersOf, isRecord } from '../../model/kinds.js';
import type { FieldPath, Inventory } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import { registryInfo, registryK8sEquivalent, retiredImage } from './registries.table.js';

const ECR_HOST = '<account>.dkr.ecr.<region>.amazonaws.com';

function secretNames(list: unknown): string[] {
  return (Array.isArray(list) ? list : [])
    .map((s) => (isRecord(s) && typeof s.name === 'string' ? s.name : undefined))
    .filter((s): s is string => s !== undefined);
}

/**
 * Digests a Pod read from a cluster actually runs (`status.*containerStatuses[].imageID`), by container name:
 * what `:latest` resolved to on the source.
 */
function runningDigests(object: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const status = object.status;
  if (!isRecord(status)) return out;
  for (const field of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    const list = status[field];
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      if (!isRecord(s) || typeof s.name !== 'string' || typeof s.imageID !== 'string') continue;
      const digest = /@(sha256:[0-9a-f]{64})$/.exec(s.imageID)?.[1];
      if (digest) out.set(s.name, digest);
    }
  }
  return out;
}

/** imagePullSecrets of the inventory's ServiceAccounts, by `namespace/name`. */
function serviceAccountPullSecrets(inventory: Inventory): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const o of inventory.objects) {
    if (o.ref.kind !== 'ServiceAccount') continue;
    const names = secretNames(o.object.imagePullSecrets);
    if (names.length) index.set(`${o.ref.namespace ?? ''}/${o.ref.name}`, names);
  }
  return index;
}

export default defineRule({
  meta: {
    id: 'image/registry',
    targets: ['workload'],
    category: 'image-registry',
    severity: 'info',
    description:
      'Container images with their registry: whether an ECR pull-through cache can serve them or they must be copied to Amazon ECR.',
    fixable: false,
    messages: {
      copy: {
        message:
          '{{kind}} {{name}} uses image {{image}} from {{registryLabel}}; copy it to Amazon ECR.{{tagNote}}',
        explanation: '{{note}}{{secretNote}}',
        remediation:
          'Copy the image to {{target}} (kube2eks generate writes the copy list for crane or skopeo) and point {{containers}} at the ECR repository.{{pinAdvice}}',
      },
      pullThrough: {
        message:
          '{{kind}} {{name}} uses image {{image}} from {{registryLabel}}; an ECR pull-through cache can serve it, or copy it to Amazon ECR.{{tagNote}}',
        explanation: '{{note}}{{secretNote}}',
        remediation:
          'Create an ECR pull-through cache rule for {{registry}} and pull {{target}}, or copy the image to Amazon ECR (kube2eks generate writes the copy list); then point {{containers}} at the ECR address.{{pinAdvice}}',
      },
      moved: {
        message:
          '{{kind}} {{name}} uses image {{image}} from {{registryLabel}}; use {{moved}} instead, through an ECR pull-through cache or copied to Amazon ECR.{{tagNote}}',
        explanation: '{{note}}{{secretNote}}',
        remediation:
          'Create an ECR pull-through cache rule for registry.k8s.io and pull {{target}}, or copy {{moved}} to Amazon ECR (kube2eks generate writes the copy list); then point {{containers}} at the ECR address.{{pinAdvice}}',
      },
      public: {
        message:
          '{{kind}} {{name}} uses image {{image}} from {{registryLabel}}; EKS nodes can pull it directly, or copy it to Amazon ECR for private clusters.{{tagNote}}',
        explanation: '{{note}}{{secretNote}}',
        remediation:
          'Keep the reference if the nodes have internet egress; for a private cluster copy it to {{target}} (kube2eks generate writes the copy list) and point {{containers}} at the ECR repository.{{pinAdvice}}',
      },
      retired: {
        message:
          '{{kind}} {{name}} uses image {{image}} of {{addon}}, a retired add-on: retire it rather than copy it to Amazon ECR.',
        explanation:
          '{{addon}} is no longer maintained and has no place on a current Kubernetes version; on EKS its job is done by {{replacement}}.',
        remediation:
          'Leave {{containers}} out of the move (and out of the image copy list) and rely on {{replacement}}; point whatever read {{addon}} at its replacement.',
      },
      ecr: {
        message: '{{kind}} {{name}} uses image {{image}}, already in Amazon ECR.{{tagNote}}',
        explanation: '{{note}}{{secretNote}}',
        remediation:
          'Make sure the EKS node role (or the repository policy, for another account) allows pulling it; replicate the repository to the cluster Region if it lives elsewhere.{{pinAdvice}}',
      },
    },
  },
  index: serviceAccountPullSecrets,
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    // One finding per distinct image of the workload, located at its first container.
    const images = new Map<string, { containers: string[]; path: FieldPath }>();
    for (const { container, path } of containersOf(view)) {
      if (typeof container.image !== 'string' || container.image.trim() === '') continue;
      const entry = images.get(container.image);
      const name = container.name ?? '(unnamed)';
      if (entry) entry.containers.push(name);
      else images.set(container.image, { containers: [name], path: [...path, 'image'] });
    }
    // Pull Secrets come from the pod spec and from its service account.
    const serviceAccount = view.spec.serviceAccountName ?? view.spec.serviceAccount ?? 'default';
    const pullSecrets = [
      ...new Set([
        ...secretNames(view.spec.imagePullSecrets),
        ...(ctx.index.get(`${item.ref.namespace ?? ''}/${serviceAccount}`) ?? []),
      ]),
    ];

    const running = runningDigests(item.object);
    for (const [image, { containers, path }] of images) {
      const ref = parseImageReference(image);
      const registry = ref?.registry ?? 'unknown';
      const info = registryInfo(registry, image);
      const k8sEquivalent = ref ? registryK8sEquivalent(ref.registry, ref.repository) : undefined;
      const latest = !ref?.digest && (!ref?.tag || ref.tag === 'latest');
      // A placeholder host is no part of the repository path in ECR.
      const repository =
        info.id === 'placeholder' && ref?.implicitRegistry && ref.repository.includes('/')
          ? ref.repository.slice(ref.repository.indexOf('/') + 1)
          : (ref?.repository ?? image);
      const tag = `${ref?.tag ? `:${ref.tag}` : ref?.digest ? '' : ':latest'}${ref?.digest ? `@${ref.digest}` : ''}`;
      const retired = ref ? retiredImage(ref.repository) : undefined;
      const messageId = retired
        ? 'retired'
        : info.id === 'ecr'
          ? 'ecr'
          : k8sEquivalent
            ? 'moved'
            : info.pullThroughCache
              ? 'pullThrough'
              : info.goesAway
                ? 'copy'
                : 'public';
      const moved = k8sEquivalent ? `${k8sEquivalent}${tag}` : '';
      const runningDigest = latest
        ? containers.map((c) => running.get(c)).find((d): d is string => d !== undefined)
        : undefined;
      const note = k8sEquivalent
        ? `${info.note} The Kubernetes project serves the same image as ${moved} on registry.k8s.io, which ECR pull-through cache supports.`
        : info.note;
      const target =
        messageId === 'pullThrough'
          ? `${ECR_HOST}/<${info.id}-prefix>/${repository}${tag}`
          : messageId === 'moved' && k8sEquivalent
            ? `${ECR_HOST}/<registry-k8s-prefix>/${k8sEquivalent.slice('registry.k8s.io/'.length)}${tag}`
            : `${ECR_HOST}/${repository}${tag}`;
      const secretNote =
        pullSecrets.length > 0 && info.goesAway
          ? ` The pod authenticates with imagePullSecrets ${joinList(pullSecrets)}, credentials for a registry that goes away with the source platform; once the image is in ECR, EKS nodes pull with their IAM role and the pull Secret can be dropped.`
          : '';
      report({
        item,
        messageId,
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          image,
          registry,
          registryLabel:
            ref?.implicitRegistry && info.id !== 'placeholder'
              ? `${info.label} (no registry written: ${ref.normalized})`
              : info.label,
          moved,
          addon: retired?.addon,
          replacement: retired?.replacement,
          note,
          secretNote,
          target,
          containers:
            containers.length === 1 ? `container ${containers[0]}` : `containers ${joinList(containers)}`,
          tagNote: latest
            ? ref?.tag === 'latest'
              ? ' It is tagged :latest.'
              : ' It has no tag (it resolves to :latest).'
            : '',
          pinAdvice: latest
            ? runningDigest
              ? ` Pin the digest the source cluster runs (${runningDigest}, from the status of ${containers.length === 1 ? `container ${containers[0]}` : 'its containers'}): :latest pulls whatever is newest when an EKS node starts the pod, so EKS may run different code than the source cluster.`
              : ' Pin a version tag or a digest first: :latest pulls whatever is newest when an EKS node starts the pod, so EKS may run different code than the source cluster.'
            : '',
        },
        path,
        facts: {
          image,
          registry,
          registryId: info.id,
          repository,
          tag: ref?.tag,
          digest: ref?.digest,
          normalized: ref?.normalized,
          pullThroughCache: info.pullThroughCache,
          goesAway: info.goesAway,
          latest,
          containers,
          imagePullSecrets: pullSecrets,
          registryK8sEquivalent: k8sEquivalent,
          runningDigest,
          retired: retired ? retired.replacement : undefined,
        },
      });
    }
  },
});
