import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './docker.js';

// Shapes from fluent/fluentd-kubernetes-daemonset (varlog + /var/lib/docker/containers mounts), a Jenkins
// agent pod with the docker CLI and the node's docker.sock (minhthinhls/Linux-Command-Line-Tools runtime pod),
// and a GitLab-runner style Docker-in-Docker build service.
const FIXTURE = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-fluentd, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - name: fluentd
        image: fluent/fluentd-kubernetes-daemonset:v1-debian-elasticsearch
        volumeMounts:
        - {name: varlog, mountPath: /var/log}
        - {name: varlibdockercontainers, mountPath: /var/lib/docker/containers, readOnly: true}
      volumes:
      - name: varlog
        hostPath: {path: /var/log}
      - name: varlibdockercontainers
        hostPath: {path: /var/lib/docker/containers}
---
apiVersion: v1
kind: Pod
metadata: {name: fires-docker-sock, namespace: default}
spec:
  containers:
  - {name: node, image: "node:18.12.1", command: [cat], tty: true}
  - name: docker
    image: docker:20.10.21
    command: [cat]
    volumeMounts: [{mountPath: /var/run/docker.sock, name: docker-sock}]
  volumes:
  - name: docker-sock
    hostPath: {path: /var/run/docker.sock}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-dind}
spec:
  template:
    spec:
      containers:
      - name: builder
        image: docker:27-cli
        env: [{name: DOCKER_HOST, value: "tcp://localhost:2375"}]
      - name: dind
        image: docker:27-dind
        securityContext: {privileged: true}
---
apiVersion: batch/v1
kind: Job
metadata: {name: fires-cli-only}
spec:
  template:
    spec:
      containers:
      - {name: push, image: "docker:24", command: [docker, push, "registry.example.com/app:1"]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: dont-fire-containerd-logs}
spec:
  template:
    spec:
      containers: [{name: fluent-bit, image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0"}]
      volumes:
      - {name: pods, hostPath: {path: /var/log/pods}}
      - {name: containers, hostPath: {path: /var/log/containers}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-dockerfile-lint}
spec:
  template:
    spec:
      containers: [{name: lint, image: "hadolint/hadolint:2.12.0"}]
`;

describe('runtime/docker', () => {
  it('finds docker.sock, Docker log paths, Docker-in-Docker and docker CLI agents', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'blocker runtime/docker Pod/fires-docker-sock@default :31',
      'warning runtime/docker DaemonSet/fires-fluentd@kube-system :17',
      'warning runtime/docker Deployment/fires-dind :44',
      'warning runtime/docker Job/fires-cli-only :54',
    ]);
    const [sock, logs, dind, cli] = findings;
    expect(sock?.message).toBe(
      'Pod fires-docker-sock mounts the Docker socket /var/run/docker.sock from the node.',
    );
    expect(sock?.explanation).toContain('containerd');
    expect(sock?.remediation).toContain('rootless BuildKit');
    expect(sock?.remediation).toContain('Kaniko was archived');
    expect(logs?.message).toBe(
      'DaemonSet fires-fluentd reads container logs from /var/lib/docker/containers, Docker’s log directory.',
    );
    expect(logs?.remediation).toContain('/var/log/pods and /var/log/containers');
    expect(logs?.remediation).not.toContain('emptyDir');
    expect(dind?.message).toBe('Deployment fires-dind runs Docker-in-Docker (docker:27-dind).');
    expect(cli?.message).toContain('runs the docker CLI (docker:24)');
  });
});
