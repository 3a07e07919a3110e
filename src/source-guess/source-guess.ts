// Guesses the source platform from what the inventory holds (provisioners, node labels, annotations, kinds,
// images, version suffixes), with the evidence that decided it.

import type { Catalog } from '../catalog/index.js';
import { toMinor } from '../catalog/versions.js';
import { parseImageReference } from '../model/images.js';
import { getPath, groupOf, isRecord } from '../model/kinds.js';
import { memoPerTable } from '../model/memo.js';
import { podFactsOf } from '../model/pod-facts.js';
import { NO_PROVISIONER } from '../model/storage.table.js';
import type { Inventory, InventoryObject, SourceGuess } from '../model/types.js';
import {
  GROUP_SIGNS,
  IMAGE_SIGNS,
  INGRESS_CLASS_SIGNS,
  KEY_SIGNS,
  NAMESPACE_SIGNS,
  NEUTRAL_IMAGES,
  type PatternSign,
  PROVISIONER_SIGNS,
  type Provider,
  VERSION_SIGNS,
  VOLUME_SIGNS,
} from './source-guess.table.js';

type SignalType =
  | 'provisioner'
  | 'volume'
  | 'key'
  | 'group'
  | 'image'
  | 'ingress'
  | 'version'
  | 'namespace'
  | 'node';

interface Sign {
  provider: Provider;
  weight: number;
  type: SignalType;
  evidence: string;
  /** Counts for the score but is not shown. */
  hidden?: boolean;
}

/** Most evidence strings kept in the guess. */
const MAX_EVIDENCE = 10;
/** A provider needs at least this score; below it the guess stays `unknown` (with the hints as evidence). */
const MIN_SCORE = 2;

/** Each value's sign per table: a dump repeats the same label keys, groups and images in most objects. */
const signOf = memoPerTable(
  10_000,
  (signs: readonly PatternSign[], value: string) => signs.find((s) => s.pattern.test(value)) ?? null,
);

function match(signs: readonly PatternSign[], value: string): PatternSign | undefined {
  return signOf(signs, value) ?? undefined;
}

/** What an image says of its platform: nothing for images every platform runs. */
const imageSignOf = memoPerTable(10_000, (signs: readonly PatternSign[], image: string) =>
  NEUTRAL_IMAGES.some((p) => p.test(image)) ? null : (signs.find((s) => s.pattern.test(image)) ?? null),
);

class Collector {
  readonly signs = new Map<string, Sign>();
  /** Images grouped by registry host, so forty images from one registry make one line of evidence. */
  readonly registries = new Map<string, { sign: PatternSign; first: string; image: string; count: number }>();
  addImage(image: string, item: InventoryObject): void {
    const sign = imageSignOf(IMAGE_SIGNS, image);
    if (!sign) return;
    const host = parseImageReference(image)?.registry ?? image;
    const seen = this.registries.get(host);
    if (seen) seen.count++;
    else this.registries.set(host, { sign, first: labelOf(item), image, count: 1 });
  }
  flushImages(): void {
    for (const [host, { sign, first, image, count }] of this.registries) {
      const evidence =
        count === 1
          ? `${first}: image ${image}`
          : `${first}: image ${image} (and ${count - 1} more from ${host})`;
      this.push({ provider: sign.provider, weight: sign.weight, type: 'image', evidence });
      // Each further image counts as a (capped) extra sign of the same kind.
      for (let i = 1; i < Math.min(count, 3); i++)
        this.push({
          provider: sign.provider,
          weight: sign.weight,
          type: 'image',
          evidence: `${host} #${i}`,
          hidden: true,
        });
    }
  }
  /** `evidence` is written only for a value that is a sign (most are not). */
  add(signs: readonly PatternSign[], value: string, type: SignalType, evidence: () => string): void {
    const sign = match(signs, value);
    if (sign) this.push({ provider: sign.provider, weight: sign.weight, type, evidence: evidence() });
  }
  push(sign: Sign): void {
    const key = `${sign.provider} ${sign.evidence}`;
    if (!this.signs.has(key)) this.signs.set(key, sign);
  }
}

function keysOf(record: unknown): string[] {
  return isRecord(record) ? Object.keys(record) : [];
}

/** The catalog's platform names (data/cloud-equivalence.json) as providers. */
function providerOfPlatform(platform: string): Provider | undefined {
  if (/^AWS/.test(platform)) return 'eks';
  if (/^(GCP|GKE)/.test(platform)) return 'gke';
  if (/^(Azure|AKS)/.test(platform)) return 'aks';
  if (/^OpenShift/.test(platform)) return 'openshift';
  if (/^(vSphere|Rook|Longhorn|NFS|local-path|OpenStack|Portworx|MetalLB)/.test(platform))
    return 'on-premises';
  return undefined;
}

/** Provisioners and annotation keys the catalog ties to a platform, as extra signs beside the table's. */
function catalogSigns(catalog: Catalog): {
  provisioners: Map<string, Provider>;
  annotations: Map<string, Provider>;
} {
  const provisioners = new Map<string, Provider>();
  const annotations = new Map<string, Provider>();
  const eq = catalog.cloudEquivalence;
  for (const entry of Array.isArray(eq.storageProvisioners) ? eq.storageProvisioners : []) {
    if (!isRecord(entry) || typeof entry.provisioner !== 'string' || typeof entry.platform !== 'string')
      continue;
    const provider = providerOfPlatform(entry.platform);
    if (!provider || entry.provisioner === NO_PROVISIONER) continue;
    for (const name of entry.provisioner.split(' / ')) provisioners.set(name.trim(), provider);
  }
  for (const entry of Array.isArray(eq.annotationEquivalents) ? eq.annotationEquivalents : []) {
    if (!isRecord(entry) || typeof entry.annotation !== 'string' || typeof entry.platform !== 'string')
      continue;
    const provider = providerOfPlatform(entry.platform);
    // Shared keys (kubernetes.io/ingress.class) say nothing about the platform.
    if (
      !provider ||
      !/^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(entry.annotation) ||
      entry.annotation.startsWith('kubernetes.io/')
    )
      continue;
    annotations.set(entry.annotation, provider);
  }
  return { provisioners, annotations };
}

/** How evidence names an object: `Kind name`. Made only for the objects that show a sign (few). */
function labelOf(item: InventoryObject): string {
  return `${item.ref.kind} ${item.ref.name}`;
}

/** Where the label and annotation keys of an object are read, as its evidence names them. */
type KeyPlace = 'label' | 'annotation' | 'pod label' | 'pod annotation' | 'nodeSelector';

export function guessSource(inventory: Inventory, catalog: Catalog): SourceGuess {
  const c = new Collector();
  const fromCatalog = catalogSigns(catalog);
  const namespaces = new Set<string>();
  // The keys of a label or annotation map that are signs, by table or by the catalog.
  const keySigns = (item: InventoryObject, where: KeyPlace, keys: readonly string[]): void => {
    for (const key of keys) {
      const sign = match(KEY_SIGNS, key);
      const known = sign ? undefined : fromCatalog.annotations.get(key);
      if (!sign && !known) continue;
      const evidence = `${labelOf(item)}: ${where} ${key}`;
      if (sign) c.push({ provider: sign.provider, weight: sign.weight, type: 'key', evidence });
      else if (known) c.push({ provider: known, weight: 2, type: 'key', evidence });
    }
  };
  for (const item of inventory.objects) {
    const obj = item.object;
    const { kind, name, apiVersion } = item.ref;
    const group = groupOf(apiVersion);
    if (group) c.add(GROUP_SIGNS, group, 'group', () => `${labelOf(item)}: API group ${group}`);
    if (item.ref.namespace) namespaces.add(item.ref.namespace);
    if (kind === 'Namespace') namespaces.add(name);

    if (kind === 'StorageClass' && typeof obj.provisioner === 'string') {
      const evidence = `${labelOf(item)}: ${obj.provisioner}`;
      const known = fromCatalog.provisioners.get(obj.provisioner);
      if (match(PROVISIONER_SIGNS, obj.provisioner))
        c.add(PROVISIONER_SIGNS, obj.provisioner, 'provisioner', () => evidence);
      else if (known) c.push({ provider: known, weight: 2, type: 'provisioner', evidence });
    }
    if (kind === 'PersistentVolume') {
      const driver = getPath(obj, ['spec', 'csi', 'driver']);
      if (typeof driver === 'string')
        c.add(PROVISIONER_SIGNS, driver, 'provisioner', () => `${labelOf(item)}: CSI driver ${driver}`);
      for (const key of keysOf(obj.spec)) {
        const v = VOLUME_SIGNS[key];
        if (v) c.push({ ...v, type: 'volume', evidence: `${labelOf(item)}: ${key}` });
      }
    }
    if (kind === 'IngressClass') {
      const controller = getPath(obj, ['spec', 'controller']);
      if (typeof controller === 'string')
        c.add(INGRESS_CLASS_SIGNS, controller, 'ingress', () => `${labelOf(item)}: controller ${controller}`);
    }
    if (kind === 'Ingress') {
      const cls =
        obj.metadata?.annotations?.['kubernetes.io/ingress.class'] ??
        getPath(obj, ['spec', 'ingressClassName']);
      if (typeof cls === 'string')
        c.add(INGRESS_CLASS_SIGNS, cls, 'ingress', () => `${labelOf(item)}: ingress class ${cls}`);
    }

    const pod = podFactsOf(obj);
    if (pod) {
      for (const volume of pod.volumes) {
        for (const key of volume.keys) {
          const v = VOLUME_SIGNS[key];
          if (v) c.push({ ...v, type: 'volume', evidence: `${labelOf(item)}: volume ${key}` });
        }
      }
      for (const image of pod.images) c.addImage(image, item);
    }
    keySigns(item, 'label', keysOf(obj.metadata?.labels));
    keySigns(item, 'annotation', keysOf(obj.metadata?.annotations));
    if (pod) {
      keySigns(item, 'pod label', Object.keys(pod.labels));
      keySigns(item, 'pod annotation', pod.annotationKeys);
      keySigns(item, 'nodeSelector', pod.nodeSelectorKeys);
    }
  }

  for (const ns of namespaces) c.add(NAMESPACE_SIGNS, ns, 'namespace', () => `namespace ${ns}`);

  for (const node of inventory.cluster.nodes) {
    for (const key of Object.keys(node.labels))
      c.add(KEY_SIGNS, key, 'node', () => `Node ${node.name}: label ${key}`);
    if (node.kubeletVersion)
      c.add(
        VERSION_SIGNS,
        node.kubeletVersion,
        'version',
        () => `Node ${node.name}: kubelet ${node.kubeletVersion}`,
      );
  }
  c.flushImages();
  const serverVersion = inventory.cluster.serverVersion;
  if (serverVersion) c.add(VERSION_SIGNS, serverVersion, 'version', () => `server version ${serverVersion}`);

  const guess: SourceGuess = { provider: 'unknown', evidence: [] };
  const kubeletMinor = inventory.cluster.nodes
    .map((n) => (n.kubeletVersion ? toMinor(n.kubeletVersion) : undefined))
    .find(Boolean);
  const version = serverVersion ? toMinor(serverVersion) : kubeletMinor;
  if (version) guess.kubernetesVersion = version;

  const all = [...c.signs.values()];
  if (!all.length) return guess;
  const scores = scoreProviders(all);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  // OpenShift runs on every cloud: its own APIs decide over the cloud underneath.
  const openshiftStrong = all.some((s) => s.provider === 'openshift' && s.weight >= 3);
  let provider: Provider | undefined;
  if (openshiftStrong) provider = 'openshift';
  else if (top && top[1] >= MIN_SCORE && (!second || second[1] < top[1])) provider = top[0];

  const shown = (provider ? all.filter((s) => s.provider === provider) : all).filter((s) => !s.hidden);
  shown.sort((a, b) => b.weight - a.weight || a.evidence.localeCompare(b.evidence));
  guess.evidence = shown.slice(0, MAX_EVIDENCE).map((s) => s.evidence);
  if (shown.length > MAX_EVIDENCE) guess.evidence.push(`and ${shown.length - MAX_EVIDENCE} more`);
  if (provider) guess.provider = provider;
  else if (ranked.length > 1 && top && second && top[1] === second[1])
    guess.evidence.unshift(`mixed signs: ${ranked.map(([p, s]) => `${p} ${s}`).join(', ')}`);
  return guess;
}

/**
 * Per provider: for each kind of signal, its strongest sign plus half a point for each further sign of that
 * kind (at most two), so forty images from one registry do not outweigh one StorageClass.
 */
function scoreProviders(signs: Sign[]): Map<Provider, number> {
  const byType = new Map<string, Sign[]>();
  for (const s of signs) {
    const key = `${s.provider}|${s.type}`;
    const list = byType.get(key);
    if (list) list.push(s);
    else byType.set(key, [s]);
  }
  const scores = new Map<Provider, number>();
  for (const [key, list] of byType) {
    const provider = key.split('|')[0] as Provider;
    // Not Math.max(...list): a big dump has more signs than a call takes arguments.
    const best = list.reduce((max, s) => Math.max(max, s.weight), Number.NEGATIVE_INFINITY);
    scores.set(provider, (scores.get(provider) ?? 0) + best + Math.min(list.length - 1, 2) * 0.5);
  }
  return scores;
}
