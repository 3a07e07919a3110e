// The control-plane rule's own tables: clouds, autoscaler providers, the default Corefile.
// Sources: as in src/model/control-plane.table.ts.

/** Cloud of a cloud controller manager, from its `--cloud-provider` flag or a word in its image name. */
export const CLOUD_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  azure: 'Azure',
  gce: 'Google Cloud',
  gcp: 'Google Cloud',
  openstack: 'OpenStack',
  vsphere: 'vSphere',
  aws: 'AWS',
  digitalocean: 'DigitalOcean',
  hcloud: 'Hetzner Cloud',
  oci: 'Oracle Cloud',
  alicloud: 'Alibaba Cloud',
  linode: 'Linode',
  ibm: 'IBM Cloud',
};

/** `--cloud-provider` values of Cluster Autoscaler, in words. */
export const AUTOSCALER_PROVIDERS: Readonly<Record<string, string>> = {
  gce: 'Google Compute Engine / GKE',
  azure: 'Azure (AKS / VM scale sets)',
  clusterapi: 'Cluster API',
  openstack: 'OpenStack',
  magnum: 'OpenStack Magnum',
  vsphere: 'vSphere',
  alicloud: 'Alibaba Cloud',
  digitalocean: 'DigitalOcean',
  hetzner: 'Hetzner Cloud',
  oci: 'Oracle Cloud',
  kwok: 'kwok',
};

/** Plugins of the default Corefile (kubeadm, EKS, GKE/AKS variants); anything else is a customization. */
export const DEFAULT_COREFILE_PLUGINS = new Set([
  'errors',
  'health',
  'ready',
  'kubernetes',
  'prometheus',
  'forward',
  'proxy',
  'cache',
  'loop',
  'reload',
  'loadbalance',
  'log',
  'import',
  'autopath',
  'ttl',
  'fallthrough',
  'pods',
  'upstream',
]);
