import { describe, expect, it } from 'vitest';
import { isDefaultStorageClass, worksOnEks } from './storage-class.js';

describe('storage facts', () => {
  it('knows which provisioners an EKS cluster serves', () => {
    expect(
      [
        'ebs.csi.aws.com',
        'ebs.csi.eks.amazonaws.com',
        'kubernetes.io/aws-ebs',
        'kubernetes.io/no-provisioner',
      ].map(worksOnEks),
    ).toEqual([true, true, true, true]);
    expect(['pd.csi.storage.gke.io', 'disk.csi.azure.com', 'rancher.io/local-path'].map(worksOnEks)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('reads both default-class annotations, and only "true"', () => {
    const sc = (annotations: Record<string, string>) => ({ kind: 'StorageClass', metadata: { annotations } });
    expect(isDefaultStorageClass(sc({ 'storageclass.kubernetes.io/is-default-class': 'true' }))).toBe(true);
    expect(isDefaultStorageClass(sc({ 'storageclass.beta.kubernetes.io/is-default-class': 'true' }))).toBe(
      true,
    );
    expect(isDefaultStorageClass(sc({ 'storageclass.kubernetes.io/is-default-class': 'false' }))).toBe(false);
    expect(isDefaultStorageClass({ kind: 'StorageClass' })).toBe(false);
  });
});
