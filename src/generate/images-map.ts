// Where each image moves in ECR. The repository is named after the upstream host and path
// (`docker.io/library/redis`, `quay.io/x/redis`), so two registries' `redis` never collide, and the
// same name is what an ECR pull-through cache rule with the host as prefix would create.
import type { Finding } from '../model/types.js';

export interface ImageMove {
  /** The reference as written in the manifests. */
  image: string;
  /** The fully spelled-out source, `host/path[:tag][@digest]`. */
  source: string;
  /** Upstream registry host (`docker.io`). */
  registry: string;
  /** The ECR repository to create, `host/path`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** The reference the manifests use on EKS. */
  target: string;
  /** ECR pull-through cache can serve the upstream registry. */
  pullThroughCache: boolean;
  /** Workloads using it (`ns/Kind/name`). */
  usedBy: string[];
}

/** ECR repository names: lowercase, `[a-z0-9._/-]`. */
function repositoryName(registry: string, repository: string): string {
  return `${registry}/${repository}`.toLowerCase().replace(/[^a-z0-9._/-]/g, '-');
}

/** Every image the findings name that is not already in ECR, with where it goes. `registry` may be a placeholder. */
export function imageMoves(findings: readonly Finding[], registry: string): Map<string, ImageMove> {
  const moves = new Map<string, ImageMove>();
  const host = registry.replace(/\/+$/, '');
  for (const f of findings) {
    if (f.ruleId !== 'image/registry' || !f.data) continue;
    const d = f.data;
    const image = typeof d.image === 'string' ? d.image : undefined;
    const upstream = typeof d.registry === 'string' ? d.registry : undefined;
    const path = typeof d.repository === 'string' ? d.repository : undefined;
    if (!image || !upstream || !path || d.registryId === 'ecr' || upstream === 'unknown') continue;
    if (host && upstream === host.split('/')[0]) continue;
    const usedBy = `${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.kind}/${f.resource.name}`;
    const existing = moves.get(image);
    if (existing) {
      if (!existing.usedBy.includes(usedBy)) existing.usedBy.push(usedBy);
      continue;
    }
    const tag = typeof d.tag === 'string' ? d.tag : undefined;
    const digest = typeof d.digest === 'string' ? d.digest : undefined;
    const repository = repositoryName(upstream, path);
    const move: ImageMove = {
      image,
      source: typeof d.normalized === 'string' ? d.normalized : image,
      registry: upstream,
      repository,
      target: `${host}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`,
      pullThroughCache: d.pullThroughCache === true,
      usedBy: [usedBy],
    };
    if (tag) move.tag = tag;
    if (digest) move.digest = digest;
    moves.set(image, move);
  }
  return moves;
}
