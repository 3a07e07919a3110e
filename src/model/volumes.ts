// Shared by the storage rules: what a provisioner is, where its data goes on AWS, how its parameters
// translate, and every claim of the inventory (PVCs, StatefulSet claim templates) with its size.

import { provisionerInfo } from '../catalog/equivalence.js';
import type { Catalog } from '../catalog/index.js';
import { inventoryIndex } from './inventory-index.js';
import { describeRef, getPath, isRecord, replicasOf } from './kinds.js';
import { storageGiB } from './quantity.js';
import { AWS_PROVISIONERS, IN_TREE_EBS } from './storage.table.js';
import { isDefaultStorageClass } from './storage-class.js';
import type { FieldPath, Inventory, InventoryObject } from './types.js';
import {
  AWS_STORAGE,
  type AwsStorage,
  DROPPED_PARAMETER_NOTES,
  EBS_VOLUME_TYPES,
  EXTRA_PROVISIONERS,
  PARAMETER_ALIASES,
  PROVISIONER_PATTERNS,
  SELF_HOSTED_PLATFORMS,
} from './volumes.table.js';

/** GiB for messages: whole numbers stay whole, others keep two decimals. */
export function formatGiB(gib: number): string {
  // Below 1 GiB a claim reads better in MiB (128Mi is "128 MiB", not "0.13 GiB").
  if (gib > 0 && gib < 1) return `${Math.round(gib * 1024 * 100) / 100} MiB`;
  const rounded = Math.round(gib * 100) / 100;
  return `${rounded} GiB`;
}

/** What kube2eks knows about a provisioner (or CSI driver) and where its volumes go on AWS. */
export interface StorageProfile {
  provisioner: string;
  /** Served on EKS as is. */
  aws: boolean;
  /** kubernetes.io/aws-ebs: works through CSI migration once the EBS CSI driver runs. */
  inTreeEbs: boolean;
  known: boolean;
  platform: string;
  /** Candidate AWS targets, in order of preference (block first). */
  targets: AwsStorage[];
  /** The storage system can also be installed on EKS. */
  selfHosted: boolean;
  /** block, file (NFS), node-local, … ('' when unknown). */
  storageKind: string;
  notes: string;
}

function targetsFromText(text: string): AwsStorage[] {
  const out: AwsStorage[] = [];
  if (/ebs\.csi/.test(text)) out.push('ebs');
  if (/efs\.csi/.test(text)) out.push('efs');
  if (/fsx\.csi/.test(text)) out.push('fsx-lustre');
  return out.length ? out : ['ebs'];
}

export function storageProfile(catalog: Catalog, provisioner: string): StorageProfile {
  const name = provisioner.trim();
  const base = {
    provisioner: name,
    inTreeEbs: name === IN_TREE_EBS,
    selfHosted: false,
    storageKind: '',
    notes: '',
  };
  if (AWS_PROVISIONERS.has(name)) {
    return { ...base, aws: true, known: true, platform: 'AWS', targets: [] };
  }
  const fact = provisionerInfo(catalog, name);
  if (fact) {
    return {
      ...base,
      aws: false,
      known: true,
      // "Rook/Ceph RBD (provisioner name is <operator-namespace>.rbd.csi.ceph.com)": the table's naming note is no platform name.
      platform: fact.platform.replace(/\s*\(provisioner name is [^)]*\)/, ''),
      storageKind: fact.storageKind,
      targets: targetsFromText(fact.eksEquivalent),
      selfHosted: SELF_HOSTED_PLATFORMS.test(fact.platform),
      notes: fact.notes,
    };
  }
  const extra = EXTRA_PROVISIONERS[name] ?? PROVISIONER_PATTERNS.find((p) => p.pattern.test(name))?.entry;
  if (extra) {
    return {
      ...base,
      aws: false,
      known: true,
      platform: extra.platform,
      storageKind: extra.storageKind,
      targets: [extra.target],
      selfHosted: extra.selfHosted ?? false,
      notes: extra.notes ?? '',
    };
  }
  return { ...base, aws: false, known: false, platform: 'unknown provisioner', targets: ['ebs'] };
}

/** The AWS target for a class or volume, given the access modes its claims ask for. */
export function chooseTarget(targets: readonly AwsStorage[], accessModes: readonly string[]): AwsStorage {
  const shared = accessModes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany');
  if (shared) {
    const file = targets.find((t) => t !== 'ebs');
    return file ?? 'efs';
  }
  return targets[0] ?? 'ebs';
}

export function targetDriver(target: AwsStorage): string {
  return AWS_STORAGE[target].driver;
}

export function targetName(target: AwsStorage): string {
  return AWS_STORAGE[target].name;
}

export interface TranslatedParameters {
  /** Parameters for the AWS driver. */
  parameters: Record<string, string>;
  /** `source -> target` notes, for messages. */
  translated: string[];
  /** Source parameters with no equivalent, with why. */
  dropped: string[];
  /** Notes on performance or topology worth reading. */
  notes: string[];
  /** The translation is complete: nothing needs a value only the user knows. */
  mechanical: boolean;
}

/** A throughput written as "250Mi" or "250" (MiB/s). */
function mibPerSecond(value: string): string | undefined {
  const m = /^\s*([0-9]+)\s*(Mi|M|MiB|MB)?\s*$/i.exec(value);
  return m?.[1];
}

/**
 * Translates a StorageClass's parameters to the EBS CSI driver (gp3/io2, iops, throughput,
 * encryption, fsType), or gives the parameters an EFS / FSx class needs.
 * Encryption is on because the source clouds encrypt every disk at rest by default.
 */
export function translateParameters(
  source: Record<string, unknown>,
  target: AwsStorage,
): TranslatedParameters {
  const out: TranslatedParameters = {
    parameters: {},
    translated: [],
    dropped: [],
    notes: [],
    mechanical: true,
  };
  if (target !== 'ebs') {
    out.mechanical = false;
    if (target === 'efs') {
      out.parameters = {
        provisioningMode: 'efs-ap',
        fileSystemId: '<EFS file system id>',
        directoryPerms: '700',
      };
    } else if (target === 'fsx-lustre') {
      out.parameters = {
        subnetId: '<subnet id>',
        securityGroupIds: '<security group ids>',
        deploymentType: 'PERSISTENT_2',
      };
    }
    for (const key of Object.keys(source)) out.dropped.push(key);
    return out;
  }
  let type: string | undefined;
  const secretRefs: string[] = [];
  for (const [key, raw] of Object.entries(source)) {
    const value = typeof raw === 'string' ? raw : String(raw);
    const lower = key.toLowerCase();
    const alias = PARAMETER_ALIASES[lower];
    if (lower.startsWith('csi.storage.k8s.io/') && lower !== 'csi.storage.k8s.io/fstype') {
      secretRefs.push(key);
      continue;
    }
    if (lower === 'encrypted') {
      // EBS volumes are encrypted here anyway; the source asked for it explicitly.
      out.translated.push(`${key}: ${value} -> encrypted: "true"`);
      continue;
    }
    switch (alias) {
      case 'type': {
        const mapped = EBS_VOLUME_TYPES[value.toLowerCase()];
        if (mapped) {
          type = mapped.type;
          out.translated.push(`${key}: ${value} -> type: ${mapped.type}`);
          if (mapped.note) out.notes.push(mapped.note);
        } else {
          out.dropped.push(`${key}: ${value} (unknown disk type; gp3 assumed)`);
        }
        break;
      }
      case 'iops':
        out.parameters.iops = value;
        out.translated.push(`${key} -> iops`);
        break;
      case 'iopsPerGB':
        out.parameters.iopsPerGB = value;
        out.translated.push(`${key} -> iopsPerGB`);
        break;
      case 'throughput': {
        const mib = mibPerSecond(value);
        if (mib) {
          out.parameters.throughput = mib;
          out.translated.push(`${key} -> throughput (MiB/s)`);
        } else {
          out.dropped.push(`${key}: ${value} (unreadable throughput)`);
        }
        break;
      }
      case 'fsType':
        out.parameters['csi.storage.k8s.io/fstype'] = value;
        out.translated.push(
          key === 'csi.storage.k8s.io/fstype'
            ? `${key}: ${value} kept`
            : `${key} -> csi.storage.k8s.io/fstype`,
        );
        break;
      case 'kms':
        out.dropped.push(`${key} (set kmsKeyId to the ARN of an AWS KMS key)`);
        out.notes.push('the old customer-managed key does not exist in AWS: set kmsKeyId to a KMS key ARN');
        break;
      default: {
        const why = DROPPED_PARAMETER_NOTES[lower];
        out.dropped.push(why ? `${key} (${why})` : key);
        if (lower === 'replication-type' && /regional/i.test(value)) out.notes.push(why ?? '');
        if (/_zrs$/i.test(value)) out.notes.push('zone-redundant storage has no EBS equivalent');
      }
    }
  }
  if (secretRefs.length)
    out.dropped.push(
      `${secretRefs.length === 1 ? secretRefs[0] : `${secretRefs.length} csi.storage.k8s.io/*-secret-* parameters`} (secret references of the old driver; the EBS CSI driver authenticates with its IAM role)`,
    );
  out.parameters = { type: type ?? 'gp3', ...out.parameters, encrypted: 'true' };
  if (out.parameters.type === 'io2' && !out.parameters.iops && !out.parameters.iopsPerGB) {
    out.parameters.iopsPerGB = '50';
    out.notes.push('io2 needs provisioned IOPS: iopsPerGB 50 is a starting point, adjust to the workload');
  }
  return out;
}

/** How a claim names its StorageClass. */
export interface ClassRef {
  /** The class name; undefined when the claim names none (the default class applies). */
  name?: string;
  via: 'spec' | 'beta-annotation' | 'alpha-annotation' | 'none';
  /** `storageClassName: ""`: binds only pre-created PVs, no class at all. */
  explicitlyEmpty: boolean;
  path: FieldPath;
}

/** A claim of the inventory: a PVC, or a StatefulSet claim template (one volume per replica). */
export interface ClaimView {
  item: InventoryObject;
  /** Path of the claim object (PVC root or the template inside the StatefulSet). */
  path: FieldPath;
  /** The PVC name or the template name. */
  name: string;
  kind: 'PersistentVolumeClaim' | 'volumeClaimTemplate';
  classRef: ClassRef;
  accessModes: string[];
  /** Requested size of one volume in GiB (undefined when not readable). */
  sizeGiB?: number;
  /** Volumes created from this claim (StatefulSet replicas; 1 for a PVC). */
  count: number;
  /** `spec.volumeName` of a PVC bound to a named PV. */
  volumeName?: string;
}

export const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const ALPHA_CLASS_ANNOTATION = 'volume.alpha.kubernetes.io/storage-class';

function classRefOf(claim: Record<string, unknown>, path: FieldPath): ClassRef {
  const spec = isRecord(claim.spec) ? claim.spec : {};
  const annotations = getPath(claim, ['metadata', 'annotations']);
  const ann = isRecord(annotations) ? annotations : {};
  if (typeof spec.storageClassName === 'string') {
    const name = spec.storageClassName;
    return name === ''
      ? { via: 'spec', explicitlyEmpty: true, path: [...path, 'spec', 'storageClassName'] }
      : { name, via: 'spec', explicitlyEmpty: false, path: [...path, 'spec', 'storageClassName'] };
  }
  const beta = ann[BETA_CLASS_ANNOTATION];
  if (typeof beta === 'string') {
    const annPath = [...path, 'metadata', 'annotations', BETA_CLASS_ANNOTATION];
    return beta === ''
      ? { via: 'beta-annotation', explicitlyEmpty: true, path: annPath }
      : { name: beta, via: 'beta-annotation', explicitlyEmpty: false, path: annPath };
  }
  // The alpha annotation asked for "the default class", whatever its value.
  if (typeof ann[ALPHA_CLASS_ANNOTATION] === 'string') {
    return {
      via: 'alpha-annotation',
      explicitlyEmpty: false,
      path: [...path, 'metadata', 'annotations', ALPHA_CLASS_ANNOTATION],
    };
  }
  return { via: 'none', explicitlyEmpty: false, path: [...path, 'spec'] };
}

function claimView(
  item: InventoryObject,
  claim: Record<string, unknown>,
  path: FieldPath,
  kind: ClaimView['kind'],
  count: number,
): ClaimView {
  const spec = isRecord(claim.spec) ? claim.spec : {};
  const name = getPath(claim, ['metadata', 'name']);
  const modes = Array.isArray(spec.accessModes)
    ? spec.accessModes.filter((m): m is string => typeof m === 'string')
    : [];
  const view: ClaimView = {
    item,
    path,
    name: typeof name === 'string' ? name : '',
    kind,
    classRef: classRefOf(claim, path),
    accessModes: modes,
    count,
  };
  const size = storageGiB(getPath(spec, ['resources', 'requests', 'storage']));
  if (size !== undefined) view.sizeGiB = size;
  if (typeof spec.volumeName === 'string' && spec.volumeName) view.volumeName = spec.volumeName;
  return view;
}

/** Every PVC and StatefulSet claim template of the inventory, in inventory order. */
export function claimsOf(inventory: Inventory): ClaimView[] {
  const out: ClaimView[] = [];
  for (const item of inventory.objects) {
    const obj = item.object;
    if (obj.kind === 'PersistentVolumeClaim') {
      out.push(claimView(item, obj, [], 'PersistentVolumeClaim', 1));
    } else if (obj.kind === 'StatefulSet') {
      const templates = getPath(obj, ['spec', 'volumeClaimTemplates']);
      if (!Array.isArray(templates)) continue;
      const count = replicasOf(obj);
      templates.forEach((t, i) => {
        if (isRecord(t))
          out.push(claimView(item, t, ['spec', 'volumeClaimTemplates', i], 'volumeClaimTemplate', count));
      });
    }
  }
  return out;
}

/** StorageClass objects of the inventory. */
export function storageClassesOf(inventory: Inventory): InventoryObject[] {
  // From the kind index: several rules ask, and a scan of every object each time adds up on big inputs.
  return inventoryIndex(inventory)
    .ofKind('StorageClass')
    .filter((o) => o.object.kind === 'StorageClass' && o.ref.name);
}

/** A class marked default with either annotation. */
export function isDefaultClass(item: InventoryObject): boolean {
  return isDefaultStorageClass(item.object);
}

/** "StatefulSet shop/db, claim template data (3 replicas, 30 GiB)" or "PersistentVolumeClaim shop/data (10 GiB)". */
export function describeClaim(claim: ClaimView, withSize = false): string {
  const ref = claim.item.ref;
  const owner = describeRef(ref);
  const total = claim.sizeGiB !== undefined ? formatGiB(claim.sizeGiB * claim.count) : undefined;
  if (claim.kind === 'PersistentVolumeClaim') return withSize && total ? `${owner} (${total})` : owner;
  const details = [claim.count === 1 ? '1 replica' : `${claim.count} replicas`];
  if (withSize && total) details.push(total);
  return `${owner}, claim template ${claim.name} (${details.join(', ')})`;
}

/** `{type: gp3, encrypted: "true"}` for messages. */
export function formatParameters(parameters: Record<string, string>): string {
  return `{${Object.entries(parameters)
    .map(([k, v]) => `${k}: ${/^[0-9]+$|^(true|false)$/.test(v) ? `"${v}"` : v}`)
    .join(', ')}}`;
}

/** "GCP block storage", "minikube hostpath (node-local storage)". */
export function describePlatform(profile: StorageProfile): string {
  return profile.storageKind ? `${profile.platform}, ${profile.storageKind} storage` : profile.platform;
}

/**
 * Claims that bind a PersistentVolume of the input rather than provisioning one: by spec.volumeName, by
 * the PV's claimRef, or — when no class is default — a class-less claim binding the smallest free
 * class-less PV that fits (what the PV controller does).
 */
export function claimsBoundToInputPvs(inventory: Inventory, claims: readonly ClaimView[]): Set<ClaimView> {
  const bound = new Set<ClaimView>();
  const pvNames = new Set<string>();
  const claimedByRef = new Set<string>();
  const free: Array<{ sizeGiB: number; modes: string[] }> = [];
  for (const item of inventory.objects) {
    if (item.object.kind !== 'PersistentVolume') continue;
    pvNames.add(item.ref.name);
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const claimRef = spec.claimRef;
    if (isRecord(claimRef) && typeof claimRef.name === 'string') {
      claimedByRef.add(
        `${typeof claimRef.namespace === 'string' ? claimRef.namespace : ''}/${claimRef.name}`,
      );
      continue;
    }
    const size = storageGiB(getPath(spec, ['capacity', 'storage']));
    if (spec.storageClassName || size === undefined) continue;
    const modes = Array.isArray(spec.accessModes)
      ? spec.accessModes.filter((m): m is string => typeof m === 'string')
      : [];
    free.push({ sizeGiB: size, modes });
  }
  free.sort((a, b) => a.sizeGiB - b.sizeGiB);
  const hasDefault = storageClassesOf(inventory).some(isDefaultClass);
  for (const claim of claims) {
    if (claim.volumeName && pvNames.has(claim.volumeName)) {
      bound.add(claim);
      continue;
    }
    if (claim.kind === 'PersistentVolumeClaim') {
      const ns = claim.item.ref.namespace ?? '';
      if (claimedByRef.has(`${ns}/${claim.name}`) || claimedByRef.has(`/${claim.name}`)) {
        bound.add(claim);
        continue;
      }
    }
    const classless = claim.classRef.explicitlyEmpty || (claim.classRef.name === undefined && !hasDefault);
    if (!classless || claim.count !== 1 || claim.sizeGiB === undefined) continue;
    const want = claim.sizeGiB;
    const index = free.findIndex(
      (pv) => pv.sizeGiB >= want && claim.accessModes.every((m) => pv.modes.includes(m)),
    );
    if (index >= 0) {
      free.splice(index, 1);
      bound.add(claim);
    }
  }
  return bound;
}
