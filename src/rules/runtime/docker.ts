// runtime/docker: workloads that assume Docker Engine on the node (docker.sock, /var/lib/docker,
// Docker-in-Docker, the docker CLI as a build agent). EKS nodes run containerd.

import { imageRepository } from '../../model/images.js';
import { containersOf, isRecord } from '../../model/kinds.js';
import type { FieldPath } from '../../model/types.js';
import { defineRule } from '../define.js';
import {
  BUILD_ALTERNATIVES,
  DOCKER_HOST_PATHS,
  DOCKER_IMAGE_REPOSITORIES,
  NODE_LOG_PATHS,
} from './runtime.table.js';

type Concern = 'socket' | 'data' | 'logs' | 'dind' | 'cli';

function hostPathConcern(path: string): { what: 'socket' | 'data' | 'logs'; path: string } | undefined {
  const p = path.replace(/\/+$/, '') || '/';
  for (const known of DOCKER_HOST_PATHS) {
    if (p === known.path || p.startsWith(`${known.path}/`)) return { what: known.what, path: p };
  }
  return undefined;
}

/** `docker:27-dind`, `docker:dind-rootless` → dind; `docker:27-cli`, `docker:27` → cli. */
function dockerImage(image: string): 'dind' | 'cli' | undefined {
  const repo = imageRepository(image);
  if (!DOCKER_IMAGE_REPOSITORIES.some((r) => repo === r)) return undefined;
  const tag = /:([^/@]+)(?:@|$)/.exec(image)?.[1] ?? 'latest';
  return tag.includes('dind') ? 'dind' : 'cli';
}

export default defineRule({
  meta: {
    id: 'runtime/docker',
    targets: ['workload'],
    category: 'container-runtime',
    severity: 'warning',
    description:
      'Workloads that assume Docker Engine on the node: hostPath docker.sock (blocker), /var/lib/docker and its container logs, Docker-in-Docker and docker CLI build agents. EKS nodes run containerd.',
    fixable: false,
    severityNote: 'blocker for the Docker socket',
    messages: {
      socket: {
        message: '{{kind}} {{name}} mounts the Docker socket {{path}} from the node.',
        explanation:
          'EKS nodes (Amazon Linux 2023 and Bottlerocket, every EKS version since dockershim was removed in 1.24) run containerd and no Docker daemon: {{path}} does not exist there. The kubelet creates an empty directory in its place (or refuses to start the pod with type: Socket), and whatever the container does through the Docker API — builds, docker run, container discovery — fails.',
        remediation:
          'For image builds use {{builds}}. For container discovery or metrics read the Kubernetes API or the CRI (crictl, /run/containerd/containerd.sock) instead; agents that need node-level container data have containerd-aware releases (Datadog, Falco, cAdvisor in the kubelet).',
      },
      data: {
        message: '{{kind}} {{name}} mounts Docker’s data directory {{path}} from the node.',
        explanation:
          'EKS nodes run containerd, whose images and containers live under /var/lib/containerd; {{path}} is empty or absent, so whatever reads it finds nothing.',
        remediation:
          'Point the workload at containerd’s paths (/var/lib/containerd, /run/containerd/containerd.sock) or at the Kubernetes API, and prefer a containerd-aware release of the agent.',
      },
      logs: {
        message: '{{kind}} {{name}} reads container logs from {{path}}, Docker’s log directory.',
        explanation:
          'With containerd, container logs are written in the CRI format under {{logPaths}}; /var/lib/docker/containers stays empty on EKS nodes, so a log collector reading it ships nothing (and its Docker JSON parser does not read CRI lines).',
        remediation:
          'Mount {{logPaths}} (hostPath, read-only) instead, switch the parser to CRI (Fluent Bit: multiline.parser docker, cri; Fluentd: the cri parser), or use the amazon-cloudwatch-observability EKS add-on (Fluent Bit to CloudWatch Logs), which already reads the right paths.',
      },
      dind: {
        message: '{{kind}} {{name}} runs Docker-in-Docker ({{image}}).',
        explanation:
          'Docker-in-Docker needs a privileged container running its own Docker daemon: it works on EC2 nodes only (never Fargate), weakens the node’s isolation, and Pod Security Admission’s baseline and restricted levels reject it.',
        remediation:
          'Build images with {{builds}}; if it must stay, keep it on a dedicated, tainted EC2 node group.',
      },
      cli: {
        message: '{{kind}} {{name}} runs the docker CLI ({{image}}) without a Docker daemon of its own.',
        explanation:
          'The docker CLI image talks to a Docker daemon: on the source cluster that was the node’s (through DOCKER_HOST or the socket). EKS nodes have no Docker daemon, so its docker build / docker push steps fail.',
        remediation: 'Build and push images with {{builds}}.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    const found = new Map<Concern, { path: FieldPath; data: Record<string, string> }>();
    const add = (c: Concern, path: FieldPath, data: Record<string, string>): void => {
      if (!found.has(c)) found.set(c, { path, data });
    };
    const volumes = Array.isArray(view.spec.volumes) ? view.spec.volumes : [];
    const dockerVolumes = new Set<string>();
    volumes.forEach((v, i) => {
      const hostPath = isRecord(v) && isRecord(v.hostPath) ? v.hostPath.path : undefined;
      if (typeof hostPath !== 'string') return;
      const concern = hostPathConcern(hostPath);
      if (!concern) return;
      if (typeof v.name === 'string') dockerVolumes.add(v.name);
      add(concern.what, [...view.specPath, 'volumes', i, 'hostPath', 'path'], { path: concern.path });
    });
    for (const c of containersOf(view)) {
      const image = c.container.image;
      if (typeof image !== 'string') continue;
      const kind = dockerImage(image);
      if (kind === 'dind') add('dind', [...c.path, 'image'], { image });
      else if (kind === 'cli') {
        // The CLI only needs a node daemon when no dind container in the pod gives it one.
        const hasDind = containersOf(view).some(
          (o) => typeof o.container.image === 'string' && dockerImage(o.container.image) === 'dind',
        );
        if (!hasDind) add('cli', [...c.path, 'image'], { image });
      }
    }
    // A CLI container with the socket mounted is the socket concern; one finding says it.
    if (found.has('socket')) found.delete('cli');
    const order: Concern[] = ['socket', 'data', 'logs', 'dind', 'cli'];
    for (const concern of order) {
      const hit = found.get(concern);
      if (!hit) continue;
      report({
        item,
        messageId: concern,
        severity: concern === 'socket' ? 'blocker' : 'warning',
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          builds: BUILD_ALTERNATIVES,
          logPaths: NODE_LOG_PATHS,
          ...hit.data,
        },
        path: hit.path,
        facts: { concern, volumes: [...dockerVolumes] },
      });
    }
  },
});
