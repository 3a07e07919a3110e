// security/pod-security-labels: namespaces already using Pod Security Admission keep working on EKS.
import { compareMinor, toMinor } from '../../catalog/versions.js';
import { defineRule } from '../define.js';

const PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'audit', 'warn'] as const;

export default defineRule({
  meta: {
    id: 'security/pod-security-labels',
    targets: ['Namespace'],
    category: 'security-context',
    severity: 'info',
    description:
      'Namespaces with pod-security.kubernetes.io labels, and their pinned versions against the target.',
    fixable: false,
    messages: {
      labels: {
        message:
          'Namespace {{name}} uses Pod Security Admission ({{levels}}); the labels keep working on EKS {{target}}.',
        explanation:
          'EKS runs the upstream Pod Security Admission controller, so these labels enforce, audit and warn as they do today. Namespaces without labels get the EKS default, the privileged level (nothing rejected).{{versions}}',
        remediation:
          'Keep the labels with the namespace manifests and create the namespaces before the workloads.{{advice}}',
      },
    },
  },
  checkObject(item, ctx, report) {
    if (item.ref.kind !== 'Namespace') return;
    const labels = item.object.metadata?.labels ?? {};
    const levels: string[] = [];
    const versionNotes: string[] = [];
    let newer = false;
    for (const mode of MODES) {
      const level = labels[`${PREFIX}${mode}`];
      if (typeof level === 'string') levels.push(`${mode}=${level}`);
      const version = labels[`${PREFIX}${mode}-version`];
      if (typeof version !== 'string' || version === 'latest') continue;
      const minor = toMinor(version);
      if (!minor)
        versionNotes.push(`${mode}-version ${version} is not a Kubernetes version, so PSA rejects it`);
      else if (compareMinor(minor, ctx.targetVersion) > 0) {
        newer = true;
        versionNotes.push(
          `${mode}-version ${version} is newer than EKS ${ctx.targetVersion}, which applies its own latest checks instead`,
        );
      } else
        versionNotes.push(
          `${mode}-version ${version} stays pinned: EKS ${ctx.targetVersion} keeps applying the ${minor} checks`,
        );
    }
    if (!levels.length && !versionNotes.length) return;
    report({
      item,
      messageId: 'labels',
      data: {
        name: item.ref.name,
        target: ctx.targetVersion,
        levels: levels.length ? levels.join(', ') : 'version labels only',
        versions: versionNotes.length ? ` Pinned versions: ${versionNotes.join('; ')}.` : '',
        advice: newer
          ? ` Set the version labels to v${ctx.targetVersion} or latest, or pick a target EKS version at least as new.`
          : '',
      },
      path: ['metadata', 'labels'],
      facts: { labels: Object.fromEntries(Object.entries(labels).filter(([k]) => k.startsWith(PREFIX))) },
    });
  },
});
