// storage/claim-class: a claim names a StorageClass that is neither in the input nor created by EKS
// (often a platform's built-in class: standard-rwo, managed-csi, local-path, …).

import {
  BETA_CLASS_ANNOTATION,
  chooseTarget,
  claimsOf,
  describeClaim,
  storageClassesOf,
  targetDriver,
} from '../../model/volumes.js';
import { AWS_CLASS_NAME, PLATFORM_CLASS_NAMES } from '../../model/volumes.table.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'storage/claim-class',
    targets: ['PersistentVolumeClaim', 'StorageClass'],
    category: 'storage-class',
    severity: 'warning',
    description:
      "Claims that name a StorageClass which is neither in the input nor created by EKS, such as another platform's built-in class.",
    fixable: false,
    severityNote: 'info when the class name is not a known platform class',
    messages: {
      platformClass: {
        message: '{{claim}} asks for StorageClass {{class}} ({{platform}}), which EKS does not create.',
        explanation:
          'A new EKS cluster has only the gp2 class (and none at all in Auto Mode); a claim naming a missing class stays Pending.{{via}}',
        remediation:
          'Create a class named {{class}} on EKS with provisioner {{driver}}{{params}}, or point the claim at the EKS class you create; copy the data of the existing volume first.',
      },
      unknownClass: {
        message:
          '{{claim}} asks for StorageClass {{class}}, which is not in the input and not created by EKS.',
        explanation:
          'A claim naming a class that does not exist on the cluster stays Pending. The class may be defined elsewhere; check its provisioner before the move.{{via}}',
        remediation:
          'Create {{class}} on EKS with an AWS provisioner (ebs.csi.aws.com type gp3 for block storage, efs.csi.aws.com for ReadWriteMany), or point the claim at an existing EKS class.',
      },
    },
  },
  checkInventory(inventory, _ctx, report) {
    const defined = new Set(storageClassesOf(inventory).map((c) => c.ref.name));
    for (const claim of claimsOf(inventory)) {
      const name = claim.classRef.name;
      if (name === undefined || defined.has(name) || AWS_CLASS_NAME.test(name)) continue;
      const via =
        claim.classRef.via === 'beta-annotation'
          ? ` The class is set with the deprecated ${BETA_CLASS_ANNOTATION} annotation; use spec.storageClassName.`
          : '';
      const known = PLATFORM_CLASS_NAMES[name];
      const facts = {
        claim: claim.name,
        storageClassName: name,
        sizeGiB: claim.sizeGiB ?? null,
        count: claim.count,
      };
      if (known) {
        const target = chooseTarget([known.target], claim.accessModes);
        report({
          item: claim.item,
          messageId: 'platformClass',
          data: {
            claim: describeClaim(claim),
            class: name,
            platform: known.platform,
            driver: targetDriver(target),
            params: target === 'ebs' ? ' (type gp3, volumeBindingMode WaitForFirstConsumer)' : '',
            via,
          },
          path: claim.classRef.path,
          facts: { ...facts, target },
        });
      } else {
        report({
          item: claim.item,
          messageId: 'unknownClass',
          severity: 'info',
          data: { claim: describeClaim(claim), class: name, via },
          path: claim.classRef.path,
          facts,
        });
      }
    }
  },
});
