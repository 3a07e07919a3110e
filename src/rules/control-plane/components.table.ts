// The control-plane rule's own tables: clouds and autoscaler providers.
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
