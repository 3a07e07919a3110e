// Docker-on-the-node assumptions and what EKS nodes have instead.
// Sources (checked 2026-12): Kubernetes "Dockershim removal FAQ" and "Check whether dockershim removal
// affects you" (docker.sock / /var/lib/docker users); Amazon EKS user guide "Amazon EKS ended support for
// Dockershim" (EKS 1.24+, containerd on every EKS-optimized AMI, Bottlerocket and AL2023); Kubernetes
// "Logging architecture" (/var/log/pods, /var/log/containers symlinks, CRI log format); Docker Hub
// `docker` official image (tags `dind`, `*-dind`, `*-cli`); GoogleContainerTools/kaniko README (archived
// 2025-06); moby/buildkit rootless docs; Buildah docs; AWS CodeBuild user guide.

/** Host paths that only exist (or only mean something) where Docker Engine is the node's runtime. */
export const DOCKER_HOST_PATHS: ReadonlyArray<{ path: string; what: 'socket' | 'data' | 'logs' }> = [
  { path: '/var/run/docker.sock', what: 'socket' },
  { path: '/run/docker.sock', what: 'socket' },
  { path: '/var/run/dockershim.sock', what: 'socket' },
  { path: '/var/run/docker', what: 'socket' },
  { path: '/var/lib/docker/containers', what: 'logs' },
  { path: '/var/lib/docker', what: 'data' },
];

/** Repositories of the Docker CLI and engine images (Docker Hub `docker`, and its common mirrors). */
export const DOCKER_IMAGE_REPOSITORIES = ['docker', 'library/docker'] as const;

/** Where logs are on an EKS node (containerd, CRI log format). */
export const NODE_LOG_PATHS = '/var/log/pods and /var/log/containers';

export const BUILD_ALTERNATIVES =
  'rootless BuildKit (moby/buildkit:rootless, no privileged mode), Buildah, or AWS CodeBuild outside the cluster (Kaniko was archived upstream in 2025)';
