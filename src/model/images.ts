// Image references as the container runtime reads them (distribution/reference grammar):
// [host[:port]/]path[:tag][@digest], where a first component without '.' or ':' (and not
// 'localhost') is a Docker Hub path and a one-component Docker Hub path lives under library/.

export interface ImageReference {
  /** The reference exactly as written. */
  written: string;
  /** Registry host as the runtime contacts it ('docker.io' for Docker Hub). */
  registry: string;
  /** True when the reference names no registry (the runtime uses Docker Hub). */
  implicitRegistry: boolean;
  /** Repository path inside the registry ('library/redis' for 'redis'). */
  repository: string;
  tag?: string;
  digest?: string;
  /** `registry/repository[:tag][@digest]`, fully spelled out. */
  normalized: string;
}

const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

export function parseImageReference(written: string): ImageReference | undefined {
  const trimmed = written.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest) return undefined;
  const firstSlash = rest.indexOf('/');
  const first = firstSlash === -1 ? '' : rest.slice(0, firstSlash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasHost ? first.toLowerCase() : 'docker.io';
  let repository = hasHost ? rest.slice(firstSlash + 1) : rest;
  if (DOCKER_HUB_ALIASES.has(registry)) registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const ref: ImageReference = {
    written,
    registry,
    implicitRegistry: !hasHost,
    repository,
    normalized: `${registry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`,
  };
  if (tag) ref.tag = tag;
  if (digest) ref.digest = digest;
  return ref;
}

/**
 * The repository path of an image without registry host, tag or digest:
 * `quay.io/prometheus/prometheus:v2.45.0` -> `prometheus/prometheus`, `nginx` -> `nginx`.
 */
export function imageRepository(image: string): string {
  const ref = parseImageReference(image);
  const path = (ref ? ref.repository : image.trim()).toLowerCase();
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}

/** True when `repository` (from imageRepository) is `suffix` or ends with `/suffix`. */
export function repositoryMatches(repository: string, suffix: string): boolean {
  return repository === suffix || repository.endsWith(`/${suffix}`);
}
