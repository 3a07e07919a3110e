// images/: every image the workloads run, the ECR repository it moves to, a copy script (crane or skopeo,
// digests kept), the pull-through cache rules for upstreams ECR can cache, and the repositories to create.
import type { Finding } from '../model/types.js';
import type { Plan } from '../plan/types.js';
import { escapeMarkdown, code as inline } from '../report/escape.js';
import { type ImageMove, imageMoves } from './images-map.js';
import { commentText, shellQuote } from './shell.js';
import type { Artifact, Copier } from './types.js';

/** Upstream URL and whether ECR needs credentials (a Secrets Manager secret), per upstream registry host. */
const PULL_THROUGH: Readonly<Record<string, { upstream: string; credentials: boolean }>> = {
  'docker.io': { upstream: 'registry-1.docker.io', credentials: true },
  'quay.io': { upstream: 'quay.io', credentials: false },
  'registry.k8s.io': { upstream: 'registry.k8s.io', credentials: false },
  'public.ecr.aws': { upstream: 'public.ecr.aws', credentials: false },
  'ghcr.io': { upstream: 'ghcr.io', credentials: true },
  'registry.gitlab.com': { upstream: 'registry.gitlab.com', credentials: true },
  'cgr.dev': { upstream: 'cgr.dev', credentials: true },
};
// Source: Amazon ECR User Guide, "Sync an upstream registry with an Amazon ECR private registry"
// (supported upstreams and which need a secret named ecr-pullthroughcache/…).

export const PLACEHOLDER_REGISTRY = '<account>.dkr.ecr.<region>.amazonaws.com';

function sorted(moves: Map<string, ImageMove>): ImageMove[] {
  return [...moves.values()].sort((a, b) => a.source.localeCompare(b.source));
}

function copyLine(move: ImageMove, copier: Copier): string {
  // A digest-only image still needs a tag in ECR; the digest is kept, so `repo@sha256:…` resolves.
  const tag =
    move.tag ?? (move.digest ? `kube2eks-${move.digest.replace(/^sha256:/, '').slice(0, 12)}` : 'latest');
  // The tag is as the manifest wrote it: quoted, so `$(…)` in it is never run.
  const dst = `"$REGISTRY"/${shellQuote(`${move.repository}:${tag}`)}`;
  if (copier === 'skopeo')
    return `skopeo copy --all --preserve-digests docker://${shellQuote(move.source)} docker://${dst}`;
  return `crane copy ${shellQuote(move.source)} ${dst}`;
}

function copyScript(moves: ImageMove[], plan: Plan, copier: Copier, registry: string): string {
  const repos = [...new Set(moves.map((m) => m.repository))].sort();
  const login =
    copier === 'skopeo'
      ? 'aws ecr get-login-password --region "$REGION" | skopeo login --username AWS --password-stdin "${REGISTRY%%/*}"'
      : 'aws ecr get-login-password --region "$REGION" | crane auth login --username AWS --password-stdin "${REGISTRY%%/*}"';
  return [
    '#!/usr/bin/env bash',
    `# Copies the ${moves.length} image${moves.length === 1 ? '' : 's'} of the workloads to Amazon ECR, keeping their digests`,
    `# (${copier === 'skopeo' ? 'skopeo copy --all copies every platform of a multi-arch image' : 'crane copy copies the index and every platform'}).`,
    '# Written by kube2eks generate; images/images.md lists each image, its repository and who uses it.',
    '# Run it from a machine logged in to the source registries (gcloud auth configure-docker, docker login …).',
    'set -euo pipefail',
    '',
    `REGION="\${REGION:-${plan.cluster.region}}"`,
    `REGISTRY="\${REGISTRY:-${registry === PLACEHOLDER_REGISTRY ? '' : registry}}"`,
    'if [ -z "$REGISTRY" ]; then',
    '  echo "Set REGISTRY to your ECR registry, e.g. 123456789012.dkr.ecr.$REGION.amazonaws.com" >&2',
    '  exit 2',
    'fi',
    '',
    login,
    '',
    '# Repositories are named after the upstream host and path, so docker.io/library/redis and quay.io/x/redis',
    '# never collide (and a pull-through cache rule with the host as prefix uses the same names).',
    'for repo in \\',
    ...repos.map((r) => `  ${shellQuote(r)} \\`),
    '  ; do',
    '  aws ecr describe-repositories --region "$REGION" --repository-names "$repo" >/dev/null 2>&1 ||',
    '    aws ecr create-repository --region "$REGION" --repository-name "$repo" \\',
    '      --image-scanning-configuration scanOnPush=true --encryption-configuration encryptionType=KMS >/dev/null',
    'done',
    '',
    ...moves.flatMap((m) => [`# used by ${commentText(m.usedBy.join(', '))}`, copyLine(m, copier)]),
    '',
  ].join('\n');
}

function pullThroughScript(moves: ImageMove[], plan: Plan): string | undefined {
  const hosts = [
    ...new Set(moves.filter((m) => m.pullThroughCache && PULL_THROUGH[m.registry]).map((m) => m.registry)),
  ].sort();
  if (hosts.length === 0) return undefined;
  return [
    '#!/usr/bin/env bash',
    '# ECR pull-through cache rules: an alternative to copying for these upstream registries. The prefix is the',
    '# upstream host, so the cached repositories get the same names copy.sh creates and manifests/ uses.',
    '# Upstreams that need credentials read them from a Secrets Manager secret named ecr-pullthroughcache/<name>.',
    'set -euo pipefail',
    `REGION="\${REGION:-${plan.cluster.region}}"`,
    '',
    ...hosts.flatMap((host) => {
      const rule = PULL_THROUGH[host]!;
      return [
        `aws ecr create-pull-through-cache-rule --region "$REGION" --ecr-repository-prefix ${host} \\`,
        `  --upstream-registry-url ${rule.upstream}${rule.credentials ? ' \\' : ''}`,
        ...(rule.credentials
          ? [
              `  --credential-arn "arn:aws:secretsmanager:$REGION:<account>:secret:ecr-pullthroughcache/${host.replaceAll('.', '-')}"`,
            ]
          : []),
      ];
    }),
    '',
  ].join('\n');
}

function repositoriesTerraform(moves: ImageMove[]): string {
  const repos = [...new Set(moves.map((m) => m.repository))].sort();
  return [
    '# ECR repositories for the images of the workloads (the same names images/copy.sh creates).',
    '# Add to terraform/ or any Terraform root module with the AWS provider configured.',
    'resource "aws_ecr_repository" "migrated" {',
    '  for_each = toset([',
    ...repos.map((r) => `    "${r}",`),
    '  ])',
    '',
    '  name                 = each.value',
    '  image_tag_mutability = "IMMUTABLE"',
    '',
    '  image_scanning_configuration {',
    '    scan_on_push = true',
    '  }',
    '',
    '  encryption_configuration {',
    '    encryption_type = "KMS"',
    '  }',
    '}',
    '',
  ].join('\n');
}

function imageTable(moves: ImageMove[], registry: string, rewritten: boolean): string {
  return [
    '# Images',
    '',
    rewritten
      ? `manifests/ already points every workload at ${inline(registry)}. Copy the images first (images/copy.sh).`
      : 'manifests/ still names the source registries: run `kube2eks generate … --registry <account>.dkr.ecr.<region>.amazonaws.com` to point the workloads at ECR, after copying the images (images/copy.sh).',
    '',
    '| Image | ECR repository | On EKS | Pull-through cache | Used by |',
    '| --- | --- | --- | --- | --- |',
    ...moves.map(
      (m) =>
        `| ${inline(m.source, true)} | ${inline(m.repository, true)} | ${inline(m.target, true)} | ${m.pullThroughCache && PULL_THROUGH[m.registry] ? 'yes' : 'no: copy it'} | ${escapeMarkdown(m.usedBy.join(', '), true)} |`,
    ),
    '',
  ].join('\n');
}

export function imageArtifacts(
  findings: readonly Finding[],
  plan: Plan,
  copier: Copier,
  registry?: string,
): Artifact[] {
  const target = registry ?? PLACEHOLDER_REGISTRY;
  const moves = sorted(imageMoves(findings, target));
  if (moves.length === 0) return [];
  const artifacts: Artifact[] = [
    { path: 'images/images.md', content: imageTable(moves, target, registry !== undefined) },
    { path: 'images/copy.sh', content: copyScript(moves, plan, copier, target) },
    { path: 'images/ecr-repositories.tf', content: repositoriesTerraform(moves) },
  ];
  const pull = pullThroughScript(moves, plan);
  if (pull) artifacts.push({ path: 'images/pull-through-cache.sh', content: pull });
  return artifacts;
}
