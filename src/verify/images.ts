// verify --preflight --check-images, the pure half: which ECR images the kit's manifests pull, and what
// ECR's answers (sources/ecr.ts) mean. Before a restore, an image missing from ECR is a Pod in
// ImagePullBackOff after it; an image whose tag points at another digest than the source pinned runs
// other code than was tested.
import type { EcrImageQuery, EcrLookup } from '../model/ecr.js';
import { parseImageReference } from '../model/images.js';
import { containersOf, podTemplateOf, refKey } from '../model/kinds.js';
import type { Inventory } from '../model/types.js';
import type { VerifyCheck } from './index.js';

/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn][/prefix]`: the parts an ECR call needs. */
export interface EcrRegistry {
  host: string;
  registryId: string;
  region: string;
  /** Path under the host that repository names start with (`--registry HOST/mirror`), or ''. */
  prefix: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** The parts of an ECR registry URI, or undefined when it is not one. */
export function parseEcrRegistry(uri: string): EcrRegistry | undefined {
  const trimmed = uri.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
  const slash = trimmed.indexOf('/');
  const host = (slash === -1 ? trimmed : trimmed.slice(0, slash)).toLowerCase();
  const m = ECR_HOST.exec(host);
  if (!m) return undefined;
  return { host, registryId: m[1]!, region: m[2]!, prefix: slash === -1 ? '' : trimmed.slice(slash + 1) };
}

export interface KitImage extends EcrImageQuery {
  /** The reference as the manifests write it. */
  image: string;
  /** Workloads that pull it (`ns/Kind/name`). */
  usedBy: string[];
}

/**
 * Every image the kit's manifests pull from `registry`, once each. An image without tag or digest is
 * `latest` (what the runtime pulls); one pinned by digest alone is looked up by its digest (images/copy.sh
 * gives it a `kube2eks-…` tag, which the manifests do not use).
 */
export function kitImages(manifests: Inventory, registry: EcrRegistry): KitImage[] {
  const base = `${registry.host}/${registry.prefix ? `${registry.prefix}/` : ''}`;
  const out = new Map<string, KitImage>();
  for (const item of manifests.objects) {
    const view = podTemplateOf(item.object);
    if (!view) continue;
    const usedBy = refKey(item.ref);
    for (const { container } of containersOf(view)) {
      const image = typeof container.image === 'string' ? container.image.trim() : '';
      if (!image.toLowerCase().startsWith(base.toLowerCase())) continue;
      const ref = parseImageReference(image);
      if (!ref) continue;
      const existing = out.get(image);
      if (existing) {
        if (!existing.usedBy.includes(usedBy)) existing.usedBy.push(usedBy);
        continue;
      }
      const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
      out.set(image, {
        image,
        repository: ref.repository,
        ...(tag ? { tag } : {}),
        ...(ref.digest ? { digest: ref.digest } : {}),
        usedBy: [usedBy],
      });
    }
  }
  return [...out.values()].sort((a, b) => a.image.localeCompare(b.image));
}

const short = (digest: string) => digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…');

/**
 * One `image` check per kit image from ECR's answers (`lookups[i]` answers `images[i]`). A fatal error
 * (no credentials, no network) is one gap for all the images it left unchecked, not one per image.
 */
export function imageChecks(
  images: readonly KitImage[],
  lookups: readonly EcrLookup[],
  registry: EcrRegistry,
): VerifyCheck[] {
  const checks: VerifyCheck[] = [];
  const fatal = new Map<string, number>();
  images.forEach((img, i) => {
    const lookup = lookups[i] ?? { state: 'error', reason: 'not looked up', fatal: false };
    const name = `${img.repository}${img.tag ? `:${img.tag}` : ''}${img.digest ? `@${img.digest}` : ''}`;
    const at = img.tag ? `${img.repository}:${img.tag}` : `${img.repository}@${short(img.digest ?? '')}`;
    const users = `used by ${img.usedBy.join(', ')}`;
    const add = (ok: boolean, detail: string) =>
      checks.push({
        kind: 'image',
        resource: { apiVersion: '', kind: 'Image', name },
        status: ok ? 'ok' : 'gap',
        detail,
      });
    switch (lookup.state) {
      case 'found':
        if (img.tag && img.digest && lookup.digest !== img.digest)
          add(
            false,
            `${at} is ${short(lookup.digest)} in ECR, but the manifests pin ${short(img.digest)}: copy it again keeping digests (images/copy.sh) (${users}).`,
          );
        else add(true, `${at} is in ECR (${short(lookup.digest)}).`);
        break;
      case 'no-repository':
        add(
          false,
          `repository ${img.repository} does not exist in ${registry.host}: create it and copy the image (images/copy.sh) (${users}).`,
        );
        break;
      case 'no-image':
        add(
          false,
          `${at} is not in ECR: copy it (images/copy.sh, or pull it once through the pull-through cache) (${users}).`,
        );
        break;
      case 'error':
        if (lookup.fatal) fatal.set(lookup.reason, (fatal.get(lookup.reason) ?? 0) + 1);
        else add(false, `${at} could not be checked: ${lookup.reason}.`);
        break;
    }
  });
  for (const [reason, count] of fatal)
    checks.push({
      kind: 'image',
      resource: { apiVersion: '', kind: 'Registry', name: registry.host },
      status: 'gap',
      detail: `${count} image${count === 1 ? '' : 's'} in ${registry.host} could not be checked: ${reason}.`,
    });
  return checks;
}
