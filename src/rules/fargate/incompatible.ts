// fargate/incompatible: workloads whose pods cannot run on AWS Fargate, one finding per reason.
// The verdict itself lives in verdict.ts so the plan uses exactly the same judgement.

import type { FargateReason } from '../../model/fargate.js';
import { fargateStorageOf, fargateVerdictOf } from '../../model/fargate.js';
import { defineRule } from '../define.js';

type MessageId =
  | 'daemonSet'
  | 'privileged'
  | 'hostNamespace'
  | 'hostPath'
  | 'hostPathLogs'
  | 'hostPort'
  | 'gpu'
  | 'ebs'
  | 'size'
  | 'nodeSelection';

const MESSAGE_OF: Record<FargateReason, MessageId> = {
  DaemonSet: 'daemonSet',
  privileged: 'privileged',
  hostNetwork: 'hostNamespace',
  hostPID: 'hostNamespace',
  hostIPC: 'hostNamespace',
  hostPath: 'hostPath',
  hostPort: 'hostPort',
  GPU: 'gpu',
  'EBS volume': 'ebs',
  size: 'size',
  nodeSelector: 'nodeSelection',
  nodeAffinity: 'nodeSelection',
};

const NAMESPACE_WORDS: Record<string, string> = {
  hostNetwork: "the node's network namespace",
  hostPID: "the node's process namespace",
  hostIPC: "the node's IPC namespace",
};

/** A hostPath of the node's log directories, as the verdict names it: `(/var/log…` or `(/var/lib/docker/containers`. */
const LOG_HOST_PATH = /\((?:\/var\/log(?:\/[^),]*)?|\/var\/lib\/docker\/containers\/?)[),]/;

const KEEP_ON_EC2 =
  'Keep this workload on an EC2 node group (managed node group or Karpenter) and out of every Fargate profile selector';

export default defineRule({
  meta: {
    id: 'fargate/incompatible',
    targets: ['workload'],
    category: 'fargate-incompatible',
    severity: 'info',
    description: 'Workloads whose pods cannot run on AWS Fargate, with the reason (one finding per reason).',
    fixable: false,
    messages: {
      daemonSet: {
        message: 'DaemonSet {{name}} cannot run on Fargate: Fargate does not run DaemonSets.',
        explanation:
          'Every Fargate pod gets its own micro-VM; there is no shared node on which a DaemonSet pod could run, so EKS never schedules DaemonSet pods onto Fargate.',
        remediation:
          'It will keep running on the EC2 nodes of the EKS cluster. For pods placed on Fargate, run the agent as a sidecar container instead, and use the Fluent Bit log router built into Fargate (the aws-observability ConfigMap) for logs.',
      },
      privileged: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation:
          'Fargate does not run privileged containers: each pod is isolated in its own micro-VM without access to host devices.',
        remediation: `${KEEP_ON_EC2}, or remove privileged and add only the Linux capabilities the container needs.`,
      },
      hostNamespace: {
        message: '{{kind}} {{name}} cannot run on Fargate: it sets {{detail}}.',
        explanation: 'Fargate pods cannot share {{what}}; EKS rejects them from Fargate.',
        remediation: `${KEEP_ON_EC2}, or remove {{field}} if the workload does not need it.`,
      },
      hostPath: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation: 'Fargate pods have no host filesystem to mount: hostPath volumes are not supported.',
        remediation: `${KEEP_ON_EC2}, or replace the hostPath with an emptyDir, a ConfigMap or an Amazon EFS volume.`,
      },
      hostPathLogs: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation:
          'Fargate pods have no host filesystem to mount: hostPath volumes are not supported. This one reads the node’s logs, which only make sense where there is a node.',
        remediation:
          'Keep it on EC2 node groups as a DaemonSet reading the node log paths of EKS, /var/log/pods and /var/log/containers (containerd writes the CRI log format there; /var/lib/docker/containers stays empty). Pods on Fargate ship their logs through Fargate’s built-in Fluent Bit log router (the aws-observability ConfigMap) instead.',
      },
      hostPort: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation:
          'Fargate pods cannot bind a hostPort: each pod has its own network interface and no node port to share.',
        remediation: `${KEEP_ON_EC2}, or drop hostPort and expose the port with a Service (the AWS Load Balancer Controller registers Fargate pods as IP targets).`,
      },
      gpu: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation: 'Fargate offers no GPUs or other accelerators.',
        remediation:
          'Run it on a GPU node group (for example g5 or g6 instances with the EKS-optimized accelerated AMI and the NVIDIA device plugin, or a Karpenter NodePool allowing GPU instance families).',
      },
      ebs: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation:
          'Fargate pods can mount Amazon EFS volumes but not Amazon EBS volumes, and block storage from the source (persistent disks, Azure disks, Cinder, vSphere) becomes EBS on EKS.',
        remediation: `${KEEP_ON_EC2}, or move the data to a ReadWriteMany claim on the EFS CSI driver (efs.csi.aws.com) if the application tolerates a network file system.`,
      },
      size: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation:
          'A Fargate pod gets one of the fixed vCPU and memory combinations, the largest being 16 vCPU and 120 GB; a pod asking for more stays Pending.',
        remediation: `${KEEP_ON_EC2} with instance types large enough for it, or lower its requests.`,
      },
      nodeSelection: {
        message: '{{kind}} {{name}} cannot run on Fargate: {{detail}}.',
        explanation:
          'Fargate nodes carry only kubernetes.io/os: linux, kubernetes.io/arch: amd64, the zone and region topology labels, kubernetes.io/hostname and eks.amazonaws.com/compute-type: fargate; a pod selecting other node labels is never scheduled on Fargate.',
        remediation: `${KEEP_ON_EC2}, with node labels that satisfy the selector, or remove the selector if the workload may run anywhere (Fargate profiles select pods by namespace and pod labels instead).`,
      },
    },
  },
  index: fargateStorageOf,
  checkObject(item, ctx, report) {
    const verdict = fargateVerdictOf(item, ctx.pod, ctx.index);
    if (verdict.eligible) return;
    const reasons = verdict.problems.map((p) => p.reason);
    for (const problem of verdict.problems) {
      const logs = problem.reason === 'hostPath' && LOG_HOST_PATH.test(problem.detail);
      report({
        item,
        messageId: logs ? 'hostPathLogs' : MESSAGE_OF[problem.reason],
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          detail: problem.detail,
          field: problem.reason,
          what: NAMESPACE_WORDS[problem.reason] ?? '',
          reason: problem.reason,
        },
        path: problem.path,
        facts: {
          eligible: false,
          reasons,
          cpuMillicores: verdict.cpuMillicores,
          memoryMiB: verdict.memoryMiB,
        },
      });
    }
  },
});
