// Storage knowledge the shared data/cloud-equivalence.json does not hold: more provisioners, the
// in-line volume types of a pod spec, and the per-platform disk types. Sources: Kubernetes docs
// "Volumes" and "Storage Classes" (in-tree plugins, CSI migration), the CSI driver projects named per
// entry (kubernetes-sigs/aws-ebs-csi-driver docs/parameters.md, gcp-compute-persistent-disk-csi-driver,
// azuredisk-csi-driver, openebs, topolvm, minikube, microk8s), and the EBS volume-type documentation.

/** The AWS storage a claim moves to. */
export type AwsStorage = 'ebs' | 'efs' | 'fsx-lustre' | 'fsx-ontap' | 'fsx-windows';

export const AWS_STORAGE: Record<AwsStorage, { driver: string; name: string }> = {
  ebs: { driver: 'ebs.csi.aws.com', name: 'Amazon EBS (EBS CSI driver, gp3)' },
  efs: { driver: 'efs.csi.aws.com', name: 'Amazon EFS (EFS CSI driver, ReadWriteMany)' },
  'fsx-lustre': { driver: 'fsx.csi.aws.com', name: 'Amazon FSx for Lustre (FSx CSI driver)' },
  'fsx-ontap': { driver: 'csi.trident.netapp.io', name: 'Amazon FSx for NetApp ONTAP (Trident CSI)' },
  'fsx-windows': { driver: 'smb.csi.k8s.io', name: 'Amazon FSx for Windows File Server (SMB CSI driver)' },
};

export interface ExtraProvisioner {
  platform: string;
  storageKind: 'block' | 'file' | 'node-local' | 'parallel file';
  target: AwsStorage;
  /** The storage system can itself be installed on EKS (the claim could keep its class). */
  selfHosted?: boolean;
  notes?: string;
}

/** Provisioners missing from data/cloud-equivalence.json, by exact name. */
export const EXTRA_PROVISIONERS: Record<string, ExtraProvisioner> = {
  'k8s.io/minikube-hostpath': { platform: 'minikube hostpath', storageKind: 'node-local', target: 'ebs' },
  'microk8s.io/hostpath': { platform: 'MicroK8s hostpath', storageKind: 'node-local', target: 'ebs' },
  'docker.io/hostpath': { platform: 'Docker Desktop hostpath', storageKind: 'node-local', target: 'ebs' },
  'kubernetes.io/host-path': {
    platform: 'hostPath provisioner (test clusters)',
    storageKind: 'node-local',
    target: 'ebs',
  },
  'hostpath.csi.k8s.io': {
    platform: 'CSI hostpath driver (test clusters)',
    storageKind: 'node-local',
    target: 'ebs',
  },
  'openebs.io/local': {
    platform: 'OpenEBS Local PV',
    storageKind: 'node-local',
    target: 'ebs',
    selfHosted: true,
  },
  'local.csi.openebs.io': {
    platform: 'OpenEBS LVM Local PV',
    storageKind: 'node-local',
    target: 'ebs',
    selfHosted: true,
  },
  'zfs.csi.openebs.io': {
    platform: 'OpenEBS ZFS Local PV',
    storageKind: 'node-local',
    target: 'ebs',
    selfHosted: true,
  },
  'cstor.csi.openebs.io': {
    platform: 'OpenEBS cStor',
    storageKind: 'block',
    target: 'ebs',
    selfHosted: true,
  },
  'jiva.csi.openebs.io': { platform: 'OpenEBS Jiva', storageKind: 'block', target: 'ebs', selfHosted: true },
  'openebs.io/provisioner-iscsi': {
    platform: 'OpenEBS (iSCSI)',
    storageKind: 'block',
    target: 'ebs',
    selfHosted: true,
  },
  'io.openebs.csi-mayastor': {
    platform: 'OpenEBS Mayastor',
    storageKind: 'block',
    target: 'ebs',
    selfHosted: true,
  },
  'topolvm.io': { platform: 'TopoLVM', storageKind: 'node-local', target: 'ebs', selfHosted: true },
  'topolvm.cybozu.com': { platform: 'TopoLVM', storageKind: 'node-local', target: 'ebs', selfHosted: true },
  'kubernetes.io/rbd': { platform: 'Ceph RBD (in-tree)', storageKind: 'block', target: 'ebs' },
  'ceph.com/rbd': { platform: 'Ceph RBD (external-storage)', storageKind: 'block', target: 'ebs' },
  'ceph.com/cephfs': { platform: 'CephFS (external-storage)', storageKind: 'file', target: 'efs' },
  'ceph.rook.io/block': {
    platform: 'Rook Ceph (flex driver)',
    storageKind: 'block',
    target: 'ebs',
    selfHosted: true,
  },
  'kubernetes.io/glusterfs': { platform: 'GlusterFS (in-tree)', storageKind: 'file', target: 'efs' },
  'kubernetes.io/quobyte': { platform: 'Quobyte (in-tree)', storageKind: 'file', target: 'efs' },
  'kubernetes.io/scaleio': { platform: 'Dell ScaleIO (in-tree)', storageKind: 'block', target: 'ebs' },
  'kubernetes.io/storageos': { platform: 'StorageOS (in-tree)', storageKind: 'block', target: 'ebs' },
  'csi.trident.netapp.io': {
    platform: 'NetApp Trident',
    storageKind: 'file',
    target: 'fsx-ontap',
    selfHosted: true,
    notes: 'Trident also runs on EKS with an Amazon FSx for NetApp ONTAP backend.',
  },
  'smb.csi.k8s.io': {
    platform: 'SMB CSI driver',
    storageKind: 'file',
    target: 'fsx-windows',
    selfHosted: true,
  },
  'lustre.csi.storage.gke.io': {
    platform: 'GKE Managed Lustre',
    storageKind: 'parallel file',
    target: 'fsx-lustre',
  },
  'azurelustre.csi.azure.com': {
    platform: 'Azure Managed Lustre',
    storageKind: 'parallel file',
    target: 'fsx-lustre',
  },
  'blob.csi.azure.com': {
    platform: 'Azure Blob storage (blobfuse/NFS)',
    storageKind: 'file',
    target: 'efs',
    notes: 'Object-storage-backed volumes: Mountpoint for Amazon S3 (s3.csi.aws.com) is the closest match.',
  },
  'gcsfuse.csi.storage.gke.io': {
    platform: 'Cloud Storage FUSE (GKE)',
    storageKind: 'file',
    target: 'efs',
    notes: 'Object-storage-backed volumes: Mountpoint for Amazon S3 (s3.csi.aws.com) is the closest match.',
  },
  'dobs.csi.digitalocean.com': {
    platform: 'DigitalOcean block storage',
    storageKind: 'block',
    target: 'ebs',
  },
  'blockvolume.csi.oraclecloud.com': { platform: 'OCI block volume', storageKind: 'block', target: 'ebs' },
  'oracle.com/oci': { platform: 'OCI block volume (flex)', storageKind: 'block', target: 'ebs' },
  'fss.csi.oraclecloud.com': { platform: 'OCI File Storage', storageKind: 'file', target: 'efs' },
  'vpc.block.csi.ibm.io': { platform: 'IBM Cloud VPC block storage', storageKind: 'block', target: 'ebs' },
  'diskplugin.csi.alibabacloud.com': { platform: 'Alibaba Cloud disk', storageKind: 'block', target: 'ebs' },
  'nasplugin.csi.alibabacloud.com': { platform: 'Alibaba Cloud NAS', storageKind: 'file', target: 'efs' },
  'linodebs.csi.linode.com': { platform: 'Linode block storage', storageKind: 'block', target: 'ebs' },
  'csi.hetzner.cloud': { platform: 'Hetzner Cloud volumes', storageKind: 'block', target: 'ebs' },
  'csi.scaleway.com': { platform: 'Scaleway block storage', storageKind: 'block', target: 'ebs' },
};

/** Names that identify a provisioner family by pattern (NFS provisioners carry user-chosen prefixes). */
export const PROVISIONER_PATTERNS: Array<{ pattern: RegExp; entry: ExtraProvisioner }> = [
  {
    pattern: /nfs/i,
    entry: { platform: 'NFS provisioner', storageKind: 'file', target: 'efs', selfHosted: true },
  },
  {
    pattern: /\.csi\.openebs\.io$|openebs/i,
    entry: { platform: 'OpenEBS', storageKind: 'block', target: 'ebs', selfHosted: true },
  },
];

/** Systems that can be installed on EKS too (so keeping them is an alternative to moving to EBS/EFS). */
export const SELF_HOSTED_PLATFORMS = /longhorn|rook|ceph|portworx|openebs|trident|nfs/i;

/** Where an in-line or PersistentVolume source of a pod/PV spec lives, and what replaces it on EKS. */
export interface VolumeSourceFact {
  /** Words for messages. */
  what: string;
  target: AwsStorage;
  /** The field that names the disk or share (shown in messages; never a secret). */
  idField?: string;
  /**
   * blocker: EKS cannot attach it at all; warning: it works only in narrow cases (same AWS account,
   * reachable NFS server); info: not a cloud disk (kept for completeness).
   */
  severity: 'blocker' | 'warning';
}

export const VOLUME_SOURCES: Record<string, VolumeSourceFact> = {
  gcePersistentDisk: {
    what: 'Google Compute Engine persistent disk',
    target: 'ebs',
    idField: 'pdName',
    severity: 'blocker',
  },
  azureDisk: { what: 'Azure managed disk', target: 'ebs', idField: 'diskName', severity: 'blocker' },
  azureFile: { what: 'Azure Files share', target: 'efs', idField: 'shareName', severity: 'blocker' },
  vsphereVolume: { what: 'vSphere VMDK', target: 'ebs', idField: 'volumePath', severity: 'blocker' },
  cinder: { what: 'OpenStack Cinder volume', target: 'ebs', idField: 'volumeID', severity: 'blocker' },
  photonPersistentDisk: {
    what: 'Photon persistent disk',
    target: 'ebs',
    idField: 'pdID',
    severity: 'blocker',
  },
  portworxVolume: { what: 'Portworx volume', target: 'ebs', idField: 'volumeID', severity: 'blocker' },
  rbd: { what: 'Ceph RBD image', target: 'ebs', idField: 'image', severity: 'blocker' },
  cephfs: { what: 'CephFS share', target: 'efs', idField: 'path', severity: 'blocker' },
  glusterfs: { what: 'GlusterFS volume', target: 'efs', idField: 'path', severity: 'blocker' },
  quobyte: { what: 'Quobyte volume', target: 'efs', idField: 'volume', severity: 'blocker' },
  scaleIO: { what: 'Dell ScaleIO volume', target: 'ebs', idField: 'volumeName', severity: 'blocker' },
  storageos: { what: 'StorageOS volume', target: 'ebs', idField: 'volumeName', severity: 'blocker' },
  flocker: { what: 'Flocker dataset', target: 'ebs', idField: 'datasetName', severity: 'blocker' },
  iscsi: { what: 'iSCSI LUN', target: 'ebs', idField: 'targetPortal', severity: 'blocker' },
  fc: { what: 'Fibre Channel LUN', target: 'ebs', severity: 'blocker' },
  awsElasticBlockStore: {
    what: 'in-tree AWS EBS volume',
    target: 'ebs',
    idField: 'volumeID',
    severity: 'warning',
  },
  nfs: { what: 'NFS export', target: 'efs', idField: 'server', severity: 'warning' },
};

/** Volume types of the source clouds, translated to EBS volume types. */
export const EBS_VOLUME_TYPES: Record<string, { type: 'gp3' | 'io2' | 'st1' | 'sc1'; note?: string }> = {
  // GCE persistent disk / Hyperdisk (parameter `type`)
  'pd-standard': {
    type: 'gp3',
    note: 'pd-standard is HDD; gp3 is SSD at a similar price (st1/sc1 suit only large sequential data)',
  },
  'pd-balanced': { type: 'gp3' },
  'pd-ssd': {
    type: 'gp3',
    note: 'pd-ssd scales IOPS with size; set gp3 iops/throughput (or io2) for the same performance',
  },
  'pd-extreme': { type: 'io2' },
  'hyperdisk-balanced': { type: 'gp3' },
  'hyperdisk-extreme': { type: 'io2' },
  'hyperdisk-throughput': {
    type: 'gp3',
    note: 'set gp3 throughput (up to 1,000 MiB/s) for throughput-bound data',
  },
  'hyperdisk-ml': { type: 'gp3' },
  // Azure disk (parameter `skuName`, in-tree `storageaccounttype`)
  standard_lrs: { type: 'gp3' },
  standardssd_lrs: { type: 'gp3' },
  standardssd_zrs: {
    type: 'gp3',
    note: 'zone-redundant disks have no EBS equivalent: EBS volumes live in one Availability Zone',
  },
  premium_lrs: {
    type: 'gp3',
    note: 'Premium SSD IOPS grow with size; set gp3 iops (or use io2) for large disks',
  },
  premium_zrs: {
    type: 'gp3',
    note: 'zone-redundant disks have no EBS equivalent: EBS volumes live in one Availability Zone',
  },
  premiumv2_lrs: { type: 'io2' },
  ultrassd_lrs: { type: 'io2' },
  // in-tree AWS EBS (parameter `type`)
  gp2: { type: 'gp3', note: 'gp3 gives a 3,000 IOPS / 125 MiB/s baseline at a lower price than gp2' },
  gp3: { type: 'gp3' },
  io1: { type: 'io2', note: 'io2 has the same price as io1 with higher durability' },
  io2: { type: 'io2' },
  st1: { type: 'st1' },
  sc1: { type: 'sc1' },
  standard: { type: 'gp3', note: 'magnetic "standard" volumes are a previous generation' },
};

/** Source StorageClass parameter names that carry one EBS parameter. Lower-case keys. */
export const PARAMETER_ALIASES: Record<
  string,
  'type' | 'iops' | 'iopsPerGB' | 'throughput' | 'fsType' | 'kms'
> = {
  type: 'type',
  skuname: 'type',
  storageaccounttype: 'type',
  'provisioned-iops-on-create': 'iops',
  diskiopsreadwrite: 'iops',
  iops: 'iops',
  iopspergb: 'iopsPerGB',
  'provisioned-throughput-on-create': 'throughput',
  diskmbpsreadwrite: 'throughput',
  throughput: 'throughput',
  fstype: 'fsType',
  'csi.storage.k8s.io/fstype': 'fsType',
  'disk-encryption-kms-key': 'kms',
  diskencryptionsetid: 'kms',
  kmskeyid: 'kms',
};

/** Why a known parameter is dropped rather than translated. Lower-case keys. */
export const DROPPED_PARAMETER_NOTES: Record<string, string> = {
  'replication-type':
    'regional persistent disks have no EBS equivalent (an EBS volume lives in one Availability Zone): replicate in the application or use EFS',
  cachingmode: 'EBS has no host caching setting',
  kind: 'Azure disk kind has no EBS equivalent',
  location: 'the volume is created in the Availability Zone of the node that first mounts it',
  zone: 'use allowedTopologies with topology.kubernetes.io/zone (or topology.ebs.csi.aws.com/zone) instead',
  zones: 'use allowedTopologies with topology.kubernetes.io/zone (or topology.ebs.csi.aws.com/zone) instead',
  availability: 'use allowedTopologies with topology.kubernetes.io/zone instead',
  resourcegroup: 'no AWS equivalent',
  storagepolicyname: 'no AWS equivalent',
  datastore: 'no AWS equivalent',
  datastoreurl:
    'no AWS equivalent: an EBS volume lives in the Availability Zone of the node that first mounts it',
  numberofreplicas: 'EBS replicates a volume inside one Availability Zone; there is no replica count',
  stalereplicatimeout: 'no EBS equivalent',
  frombackup: 'restore from an EBS snapshot (a VolumeSnapshot dataSource) instead',
  clusterid: 'names the old storage cluster',
  pool: 'names a pool of the old storage cluster',
  imageformat: 'Ceph RBD image setting',
  imagefeatures: 'Ceph RBD image setting',
  diskformat: 'EBS volumes are always thin-provisioned',
  labels: 'use tagSpecification_1 … to tag EBS volumes',
  tags: 'use tagSpecification_1 … to tag EBS volumes',
};

/**
 * StorageClass names that platforms create for themselves (GKE, AKS, minikube, k3s/kind, OpenShift Data
 * Foundation, DigitalOcean, Longhorn). Sources: GKE "Persistent volumes and dynamic provisioning", AKS
 * "Storage options" (built-in storage classes), minikube/k3s/kind docs, OpenShift Data Foundation docs.
 */
export const PLATFORM_CLASS_NAMES: Record<string, { platform: string; target: AwsStorage }> = {
  standard: {
    platform: 'the GKE in-tree persistent disk class, also minikube and kind hostpath',
    target: 'ebs',
  },
  'standard-rwo': { platform: 'GKE, balanced persistent disk', target: 'ebs' },
  'premium-rwo': { platform: 'GKE, SSD persistent disk', target: 'ebs' },
  'standard-rwx': { platform: 'GKE Filestore', target: 'efs' },
  'premium-rwx': { platform: 'GKE Filestore', target: 'efs' },
  'enterprise-rwx': { platform: 'GKE Filestore', target: 'efs' },
  'enterprise-multishare-rwx': { platform: 'GKE Filestore', target: 'efs' },
  'zonal-rwx': { platform: 'GKE Filestore', target: 'efs' },
  default: { platform: 'AKS, Azure disk', target: 'ebs' },
  managed: { platform: 'AKS, Azure disk', target: 'ebs' },
  'managed-csi': { platform: 'AKS, Azure disk', target: 'ebs' },
  'managed-premium': { platform: 'AKS, Azure premium disk', target: 'ebs' },
  'managed-csi-premium': { platform: 'AKS, Azure premium disk', target: 'ebs' },
  azurefile: { platform: 'AKS, Azure Files', target: 'efs' },
  'azurefile-csi': { platform: 'AKS, Azure Files', target: 'efs' },
  'azurefile-premium': { platform: 'AKS, Azure Files premium', target: 'efs' },
  'azurefile-csi-premium': { platform: 'AKS, Azure Files premium', target: 'efs' },
  'azurefile-csi-nfs': { platform: 'AKS, Azure Files NFS', target: 'efs' },
  'azureblob-fuse-premium': { platform: 'AKS, Azure Blob', target: 'efs' },
  'azureblob-nfs-premium': { platform: 'AKS, Azure Blob', target: 'efs' },
  'local-path': { platform: 'k3s, kind and Rancher local-path provisioner', target: 'ebs' },
  hostpath: { platform: 'Docker Desktop / MicroK8s hostpath', target: 'ebs' },
  'microk8s-hostpath': { platform: 'MicroK8s hostpath', target: 'ebs' },
  longhorn: { platform: 'Longhorn', target: 'ebs' },
  'do-block-storage': { platform: 'DigitalOcean block storage', target: 'ebs' },
  thin: { platform: 'vSphere (OpenShift, Tanzu)', target: 'ebs' },
  'thin-csi': { platform: 'vSphere (OpenShift)', target: 'ebs' },
  'ocs-storagecluster-ceph-rbd': { platform: 'OpenShift Data Foundation, Ceph RBD', target: 'ebs' },
  'ocs-storagecluster-cephfs': { platform: 'OpenShift Data Foundation, CephFS', target: 'efs' },
  'openebs-hostpath': { platform: 'OpenEBS Local PV', target: 'ebs' },
  'rook-ceph-block': { platform: 'Rook Ceph RBD', target: 'ebs' },
  'rook-cephfs': { platform: 'Rook CephFS', target: 'efs' },
};

/** Class names that look like AWS classes the EKS design provides (gp2 is created by EKS itself). */
export const AWS_CLASS_NAME = /^(gp2|gp3|io1|io2|st1|sc1)(-|$)|ebs|efs|fsx|aws/i;
