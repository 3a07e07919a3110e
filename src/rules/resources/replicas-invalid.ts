// resources/replicas-invalid: a spec.replicas that the API server rejects (negative, text, a fraction, an
// unrendered template placeholder). The object cannot be applied to EKS as written, and the plan sizes the
// workload from kube2eks' reading of the value (model/kinds.ts readReplicas), which it says here.
import { getPath, type ReplicasProblem, readReplicas } from '../../model/kinds.js';
import { defineRule } from '../define.js';

/** Kinds whose spec.replicas sets the pod count (Jobs count by parallelism, DaemonSets by nodes). */
const REPLICATED_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'DeploymentConfig',
]);

/** What is wrong with the value, and the count kube2eks reads from it. */
const READING: Record<ReplicasProblem, (count: number) => string> = {
  negative: () => 'is negative; the plan counts it as 1 replica, the Kubernetes default',
  fraction: (n) => `is no whole number; the plan rounds it up to ${n} replicas`,
  text: (n) => `is text, not a number; the plan reads it as ${n} replica${n === 1 ? '' : 's'}`,
  'not-a-number': () =>
    'is no number (an unrendered template placeholder?); the plan counts it as 1 replica, the Kubernetes default',
};

export default defineRule({
  meta: {
    id: 'resources/replicas-invalid',
    targets: ['workload'],
    category: 'resources-missing',
    severity: 'warning',
    description:
      'Workloads whose spec.replicas is no whole number ≥ 0 (negative, text, a fraction, an unrendered template placeholder), and the replica count the plan assumes for them.',
    fixable: false,
    messages: {
      invalid: {
        message: '{{kind}} {{name}} has spec.replicas {{value}}, which {{reading}}.',
        explanation:
          'Kubernetes takes spec.replicas as a whole number of 0 or more (a YAML integer such as 3, not "3" in quotes); the API server rejects any other value, so the object cannot be applied to EKS as written. A value such as $REPLICAS or a Helm expression is usually a template placeholder left unrendered. kube2eks sizes the EKS node groups from the replica count, so the plan uses the count above.',
        remediation:
          'Render the templates before assessing (helm template, kustomize build, envsubst), or write the replica count as a whole number, such as replicas: 3; then plan again so the node groups are sized for it.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (!REPLICATED_KINDS.has(item.ref.kind)) return;
    const value = getPath(item.object, ['spec', 'replicas']);
    const { count, problem } = readReplicas(value);
    if (!problem) return;
    report({
      item,
      messageId: 'invalid',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        value: typeof value === 'string' ? `"${value}"` : JSON.stringify(value),
        reading: READING[problem](count),
      },
      path: ['spec', 'replicas'],
      facts: { problem, assumedReplicas: count },
    });
  },
});
