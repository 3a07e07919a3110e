// api/deprecated: still served by the target EKS version, but deprecated (and maybe removed later).

import { structuralOps } from '../../model/api-migrations.js';
import {
  deprecationOf,
  isDeprecatedBy,
  isRemovedBy,
  kindHasDeprecations,
  writtenApi,
} from '../../model/api-versions.js';
import { pointer } from '../../model/kinds.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'api/deprecated',
    targets: ['*'],
    category: 'deprecated-api',
    severity: 'warning',
    description: 'Objects written in an API version that is deprecated in the target EKS version.',
    fixable: true,
    fixNote: 'the `apiVersion` line',
    messages: {
      deprecated: {
        message:
          '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecatedIn}}{{removal}}; use {{replacement}}.',
        explanation:
          'EKS {{target}} still serves {{apiVersion}} for {{kind}}, but {{when}}. Upgrading the EKS cluster past that version breaks this manifest. {{origin}}',
        remediation:
          'Move the manifest to {{replacement}} now, while both versions are served (kube2eks generate does it).',
      },
      deprecatedNoReplacement: {
        message: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecatedIn}}{{removal}}.',
        explanation: 'EKS {{target}} still serves it, but {{when}}. {{origin}}',
        remediation: 'Plan to remove the object or replace the feature it configures before upgrading.',
      },
    },
  },
  checkObject(item, ctx, report) {
    if (!kindHasDeprecations(ctx.catalog.deprecatedApis, item.ref.kind)) return;
    const { apiVersion, fromLastApplied } = writtenApi(item);
    const api = deprecationOf(ctx.catalog.deprecatedApis, apiVersion, item.ref.kind);
    if (!api || isRemovedBy(api, ctx.targetVersion) || !isDeprecatedBy(api, ctx.targetVersion)) return;
    const data = {
      apiVersion,
      kind: item.ref.kind,
      deprecatedIn: api.deprecatedIn ?? '',
      removal: api.removedIn ? ` and will be removed in ${api.removedIn}` : '',
      when: api.removedIn
        ? `Kubernetes ${api.removedIn} stops serving it`
        : 'a later Kubernetes release may stop serving it',
      target: ctx.targetVersion,
      origin: fromLastApplied
        ? `Read from the object's last-applied-configuration (the cluster serves it at ${item.ref.apiVersion}).`
        : '',
    };
    if (api.replacement) {
      report({
        item,
        messageId: 'deprecated',
        data: { ...data, replacement: api.replacement },
        path: ['apiVersion'],
        fix: fromLastApplied
          ? []
          : [
              { op: 'replace', path: pointer(['apiVersion']), value: api.replacement },
              ...structuralOps(apiVersion, item.object),
            ],
        facts: { replacement: api.replacement },
      });
    } else {
      report({ item, messageId: 'deprecatedNoReplacement', data, path: ['apiVersion'] });
    }
  },
});
