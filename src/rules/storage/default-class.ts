// storage/default-class: claims that name no StorageClass and rely on a default, which EKS 1.30 and
// later no longer provide; and default-class annotations that are ambiguous or deprecated.
import { eksDefaultStorageClasses } from '../../catalog/equivalence.js';
import { compareMinor } from '../../catalog/versions.js';
import { pointer } from '../../model/kinds.js';
import { BETA_DEFAULT_CLASS_ANNOTATION, DEFAULT_CLASS_ANNOTATION } from '../../model/storage-class.js';
import {
  claimsBoundToInputPvs,
  claimsOf,
  describeClaim,
  isDefaultClass,
  storageClassesOf,
} from '../../model/volumes.js';
import { defineRule } from '../define.js';

/** From this version EKS's gp2 class no longer carries the default-class annotation on new clusters. */
const NO_DEFAULT_FROM = '1.30';

export default defineRule({
  meta: {
    id: 'storage/default-class',
    targets: ['StorageClass', 'PersistentVolumeClaim'],
    category: 'storage-class',
    severity: 'warning',
    description:
      'Claims without a storageClassName that rely on a default StorageClass (none on EKS 1.30 and later), and ambiguous or deprecated default-class annotations.',
    fixable: true,
    severityNote: 'info before EKS 1.30 and for the beta annotation',
    fixNote: 'for the beta annotation',
    messages: {
      noDefault: {
        message:
          '{{claim}} names no StorageClass and relies on the default class, but EKS {{target}} has no default StorageClass.',
        explanation:
          'Since EKS 1.30 the gp2 class a new cluster creates no longer carries storageclass.kubernetes.io/is-default-class, and no StorageClass in the input is marked default: the claim stays Pending.{{how}}',
        remediation:
          'Create an EBS StorageClass (provisioner ebs.csi.aws.com, type gp3, volumeBindingMode WaitForFirstConsumer) annotated storageclass.kubernetes.io/is-default-class: "true" (the aws-ebs-csi-driver add-on can create one), or set storageClassName on the claim.',
      },
      gp2Default: {
        message:
          '{{claim}} names no StorageClass; on EKS {{target}} it gets the default gp2 class (in-tree kubernetes.io/aws-ebs).',
        explanation:
          'EKS {{target}} marks its gp2 class default; that class works only through CSI migration to the Amazon EBS CSI driver, and gp2 costs more than gp3.{{how}}',
        remediation:
          'Install the aws-ebs-csi-driver add-on, and prefer a gp3 class of ebs.csi.aws.com marked storageclass.kubernetes.io/is-default-class: "true".',
      },
      severalDefaults: {
        message: 'StorageClass {{name}} is one of {{count}} classes marked default ({{names}}).',
        explanation:
          'With several default classes Kubernetes picks the newest one for claims without a class, so which storage a claim gets on EKS depends on creation order.',
        remediation:
          'Keep storageclass.kubernetes.io/is-default-class: "true" on exactly one class of the EKS cluster.',
      },
      betaAnnotation: {
        message:
          'StorageClass {{name}} is marked default with the beta annotation storageclass.beta.kubernetes.io/is-default-class; use storageclass.kubernetes.io/is-default-class.',
        explanation:
          'The beta annotation is deprecated; the default-class admission plugin of current Kubernetes reads the GA annotation.',
        remediation:
          'Replace the annotation with storageclass.kubernetes.io/is-default-class: "true" (kube2eks generate does it).',
      },
    },
  },
  checkInventory(inventory, ctx, report) {
    const classes = storageClassesOf(inventory);
    const defaults = classes.filter(isDefaultClass);

    if (defaults.length > 1) {
      const names = defaults.map((d) => d.ref.name);
      for (const item of defaults) {
        report({
          item,
          messageId: 'severalDefaults',
          data: { name: item.ref.name, count: defaults.length, names },
          path: ['metadata', 'annotations'],
        });
      }
    }
    for (const item of defaults) {
      const ann = item.object.metadata?.annotations ?? {};
      if (ann[BETA_DEFAULT_CLASS_ANNOTATION] === 'true' && ann[DEFAULT_CLASS_ANNOTATION] !== 'true') {
        report({
          item,
          messageId: 'betaAnnotation',
          severity: 'info',
          data: { name: item.ref.name },
          path: ['metadata', 'annotations', BETA_DEFAULT_CLASS_ANNOTATION],
          fix: [
            { op: 'remove', path: pointer(['metadata', 'annotations', BETA_DEFAULT_CLASS_ANNOTATION]) },
            {
              op: 'add',
              path: pointer(['metadata', 'annotations', DEFAULT_CLASS_ANNOTATION]),
              value: 'true',
            },
          ],
        });
      }
    }

    // A default class in the input moves with the workloads (storage/provisioner translates it).
    if (defaults.length > 0) return;
    const noDefault = compareMinor(ctx.targetVersion, NO_DEFAULT_FROM) >= 0;
    const gp2Note = eksDefaultStorageClasses(ctx.catalog).gp2;
    const claims = claimsOf(inventory);
    // Claims that bind a PersistentVolume of the input need no class (storage/persistent-volume covers the PV).
    const bound = claimsBoundToInputPvs(inventory, claims);
    for (const claim of claims) {
      const ref = claim.classRef;
      if (ref.name !== undefined || ref.explicitlyEmpty || claim.volumeName || bound.has(claim)) continue;
      const how =
        ref.via === 'alpha-annotation'
          ? ' The claim uses the obsolete volume.alpha.kubernetes.io/storage-class annotation, which always meant "the default class".'
          : '';
      report({
        item: claim.item,
        messageId: noDefault ? 'noDefault' : 'gp2Default',
        severity: noDefault ? 'warning' : 'info',
        data: { claim: describeClaim(claim), target: ctx.targetVersion, how },
        path: ref.path,
        facts: {
          claim: claim.name,
          sizeGiB: claim.sizeGiB ?? null,
          count: claim.count,
          accessModes: claim.accessModes,
          eksDefault: noDefault ? null : 'gp2',
          eksDefaultNote: gp2Note,
        },
      });
    }
  },
});
