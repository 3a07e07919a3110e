import { describe, expect, it } from 'vitest';
import {
  annotationEquivalent,
  annotationEquivalents,
  eksDefaultStorageClasses,
  lbAnnotation,
  lbAnnotations,
  legacyServiceHandling,
  provisionerInfo,
  validateEquivalence,
  workloadIdentityMapping,
  workloadIdentityMappings,
} from './equivalence.js';
import { type Catalog, CatalogError, loadCatalog } from './index.js';

const catalog = loadCatalog();

describe('catalog/equivalence', () => {
  it('validates the shipped tables', () => {
    expect(() => validateEquivalence(catalog)).not.toThrow();
  });

  it('finds provisioners by each spelling and Ceph CSI names by suffix', () => {
    expect(provisionerInfo(catalog, 'pd.csi.storage.gke.io')?.eksEquivalent).toBe('ebs.csi.aws.com');
    expect(provisionerInfo(catalog, 'cinder.csi.openstack.org')?.platform).toBe('OpenStack');
    expect(provisionerInfo(catalog, 'kubernetes.io/cinder')?.platform).toBe('OpenStack');
    expect(provisionerInfo(catalog, 'openshift-storage.cephfs.csi.ceph.com')?.eksEquivalent).toBe(
      'efs.csi.aws.com',
    );
    expect(provisionerInfo(catalog, 'example.com/none')).toBeUndefined();
  });

  it('looks annotations up by key, resource and value', () => {
    expect(
      annotationEquivalent(catalog, 'networking.gke.io/load-balancer-type', { resource: 'Service' })?.eks,
    ).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    });
    expect(annotationEquivalent(catalog, 'kubernetes.io/ingress.class', { value: 'nginx' })?.platform).toBe(
      'ingress-nginx',
    );
    expect(
      annotationEquivalent(catalog, 'kubernetes.io/ingress.class', { value: 'gce-internal' })?.platform,
    ).toBe('GKE');
    expect(annotationEquivalent(catalog, 'nginx.ingress.kubernetes.io/canary')?.annotation).toContain(
      'canary-weight',
    );
    expect(annotationEquivalents(catalog, 'MetalLB', 'Service').length).toBeGreaterThan(0);
  });

  it('exposes identities, LBC annotations and the legacy Service rules', () => {
    expect(workloadIdentityMapping(catalog, 'aadpodidbinding')?.platform).toBe('AKS (legacy)');
    expect(workloadIdentityMappings(catalog).map((m) => m.annotation)).toContain(
      'iam.gke.io/gcp-service-account',
    );
    expect(
      lbAnnotation(catalog, 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type')?.allowedValues,
    ).toEqual(['instance', 'ip']);
    expect(lbAnnotations(catalog, 'Ingress').every((a) => a.resource === 'Ingress')).toBe(true);
    expect(legacyServiceHandling(catalog).rules.length).toBeGreaterThan(3);
    expect(eksDefaultStorageClasses(catalog).gp2).toContain('1.30');
  });

  it('names the table and field of a broken table', () => {
    const broken = {
      ...catalog,
      cloudEquivalence: { ...catalog.cloudEquivalence, storageProvisioners: [{}] },
    } as Catalog;
    expect(() => provisionerInfo(broken, 'x')).toThrow(CatalogError);
    expect(() => provisionerInfo(broken, 'x')).toThrow(
      /data\/cloud-equivalence.json: storageProvisioners\.0\.provisioner/,
    );
  });
});
