// kube2eks verify: after cutover, does the EKS cluster run what the old one ran? Exit 1 on any gap.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pc from 'picocolors';
import type { Inventory } from '../../model/types.js';
import type { Plan } from '../../plan/types.js';
import { escapeTerminal } from '../../report/escape.js';
import { formatVerify, type VerifyFormat } from '../../report/verify.js';
import { loadInventory } from '../../sources/index.js';
import { readLimitedSync, TooLargeError } from '../../sources/read-limited.js';
import { imageChecks, kitImages, parseEcrRegistry } from '../../verify/images.js';
import type { VerifyCheck } from '../../verify/index.js';
import { verify } from '../../verify/index.js';
import { preflight } from '../../verify/preflight.js';
import { quietAwsSdkNodeWarning } from '../aws-sdk.js';
import { ExitCode, UserError } from '../errors.js';
import { writeOutput } from '../output.js';
import { createProgress } from '../progress.js';

export interface VerifyCommandOptions {
  source?: string;
  target: string;
  preflight?: boolean;
  checkImages?: boolean;
  plan?: string;
  registry?: string;
  /** AWS Region of the ECR registry for --check-images. @default the Region in --registry */
  region?: string;
  /** Where --check-images reads the kit's images. @default the manifests/ folder beside --plan */
  imagesFrom?: string;
  format: VerifyFormat;
  output?: string;
  color: boolean;
  debug?: boolean;
}

export interface VerifyDeps {
  /** Reads one INPUT (tests). @default loadInventory */
  load?: (input: string, onProgress: (message: string) => void) => Promise<Inventory>;
  /** ECR client overrides for --check-images (tests: a local endpoint and static credentials). */
  ecr?: {
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    maxAttempts?: number;
  };
}

/** The largest plan read by --plan. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

function readPlan(file: string): unknown {
  let text: string;
  try {
    // A plan is a few hundred kilobytes; /dev/zero or an endless pipe must not be read until memory runs out.
    text = readLimitedSync(file, MAX_PLAN_BYTES).toString('utf8');
  } catch (error) {
    const why =
      error instanceof TooLargeError
        ? error.message
        : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new UserError(`--plan ${file}: cannot read it (${why}).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(
      `--plan ${file}: not JSON. Write the plan with: kube2eks plan INPUT --format json --output ${file}`,
    );
  }
}

export async function runVerify(options: VerifyCommandOptions, deps: VerifyDeps = {}): Promise<number> {
  const plan = options.plan ? readPlan(options.plan) : undefined;
  const load = deps.load ?? ((input, onProgress) => loadInventory([input], { onProgress }));
  const progress = createProgress();
  const read = async (flag: string, input: string): Promise<Inventory> => {
    let inventory: Inventory;
    try {
      inventory = await load(input, (m) => progress.update(m));
    } catch (error) {
      if (error instanceof Error && error.name === 'InputPathError')
        throw new UserError(`${flag} ${error.message}`);
      throw error;
    }
    progress.done();
    for (const e of inventory.errors) {
      const where = [e.file, e.entry, e.line].filter((p) => p !== undefined).join(':');
      process.stderr.write(`kube2eks: ${flag} ${escapeTerminal(where)}: ${escapeTerminal(e.message)}\n`);
    }
    if (inventory.objects.length === 0) {
      throw new UserError(`${flag} ${input}: nothing could be read, so there is nothing to compare.`);
    }
    return inventory;
  };
  if (options.checkImages && !options.preflight)
    throw new UserError(
      '--check-images works with --preflight: kube2eks verify --preflight --target context:NEW --plan KIT/plan.json --registry ECR_URI --check-images',
    );
  if (options.preflight) {
    let target: Inventory;
    let source: Inventory | undefined;
    let images: VerifyCheck[] = [];
    try {
      // Usage errors of --check-images come before any cluster is read.
      const ecr = options.checkImages ? checkImagesSetup(options) : undefined;
      target = await read('--target', options.target);
      if (options.source) source = await read('--source', options.source);
      if (ecr) {
        const manifests = await read(options.imagesFrom ? '--images-from' : '--plan', ecr.manifests);
        images = await checkImagesInEcr(manifests, ecr, deps, (m) => progress.update(m));
      }
    } finally {
      progress.done();
    }
    if (plan === undefined)
      process.stderr.write(
        'kube2eks: no --plan: only the CRDs of --source can be checked. Pass --plan DIR/plan.json.\n',
      );
    const result = preflight(target, plan as Plan | undefined, source, images);
    const color =
      options.color && options.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
    writeOutput(options.output, formatVerify(result, options.format, { color, colors: pc }));
    return result.summary.gaps > 0 ? ExitCode.Findings : ExitCode.Ok;
  }
  if (!options.source)
    throw new UserError(
      '--source is required (what ran before), unless --preflight checks the new cluster alone.',
    );
  let source: Inventory;
  let target: Inventory;
  try {
    source = await read('--source', options.source);
    target = await read('--target', options.target);
  } finally {
    progress.done();
  }
  const result = verify(source, target, {
    ...(plan !== undefined ? { plan } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
  });
  const color =
    options.color && options.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const text = formatVerify(result, options.format, { color, colors: pc });
  // JSON means the same with every control character as a `\uXXXX` escape.
  writeOutput(options.output, options.format === 'json' ? escapeTerminal(text, true) : text);
  return result.summary.gaps > 0 ? ExitCode.Findings : ExitCode.Ok;
}

interface CheckImagesSetup {
  registry: NonNullable<ReturnType<typeof parseEcrRegistry>>;
  region: string;
  /** What the images are read from: --images-from, or the kit's manifests/ folder beside --plan. */
  manifests: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** What --check-images needs, or a usage error naming what is missing. */
function checkImagesSetup(options: VerifyCommandOptions): CheckImagesSetup {
  if (!options.registry)
    throw new UserError(
      '--check-images needs --registry: the ECR registry the kit moved the images to, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    );
  const registry = parseEcrRegistry(options.registry);
  if (!registry)
    throw new UserError(
      `--registry ${options.registry} is not an Amazon ECR registry (ACCOUNT.dkr.ecr.REGION.amazonaws.com): --check-images checks ECR only.`,
    );
  if (options.region !== undefined && !REGION.test(options.region))
    throw new UserError(`--region '${options.region}' is not an AWS Region name; use one like us-east-1.`);
  const region = options.region ?? registry.region;
  if (options.imagesFrom) return { registry, region, manifests: options.imagesFrom };
  if (!options.plan)
    throw new UserError(
      '--check-images reads the images from the kit: pass --plan KIT/plan.json of a kit written by kube2eks generate --registry …',
    );
  const manifests = join(dirname(options.plan), 'manifests');
  if (!existsSync(manifests) || !statSync(manifests).isDirectory())
    throw new UserError(
      `--check-images reads the images from the kit's manifests, but ${manifests} is not a folder: pass --plan KIT/plan.json of a kit written by kube2eks generate.`,
    );
  // An overlay (generate --as kustomize) holds patches, not the workloads: the images are in what it builds.
  if (
    ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((f) => existsSync(join(manifests, f)))
  )
    throw new UserError(
      `${manifests} is a kustomize overlay (generate --as kustomize): build it, then check what it builds: kubectl kustomize ${manifests} > kit-built.yaml, and add --images-from kit-built.yaml.`,
    );
  return { registry, region, manifests };
}

/** The `image` checks: the kit's images looked up in ECR (the AWS SDK loads only now). */
async function checkImagesInEcr(
  manifests: Inventory,
  setup: CheckImagesSetup,
  deps: VerifyDeps,
  onProgress: (message: string) => void,
): Promise<VerifyCheck[]> {
  const images = kitImages(manifests, setup.registry);
  if (images.length === 0)
    return [
      {
        kind: 'image',
        resource: { apiVersion: '', kind: 'Registry', name: setup.registry.host },
        status: 'gap',
        detail: `${setup.manifests} pulls no image from ${setup.registry.host}${setup.registry.prefix ? `/${setup.registry.prefix}` : ''}: write the kit with kube2eks generate … --registry ${setup.registry.host}${setup.registry.prefix ? `/${setup.registry.prefix}` : ''}.`,
      },
    ];
  const note = quietAwsSdkNodeWarning();
  if (note && process.stderr.isTTY) process.stderr.write(`${note}\n`);
  const { lookupEcrImages } = await import('../../sources/ecr.js');
  const lookups = await lookupEcrImages(
    images,
    {
      region: setup.region,
      registryId: setup.registry.registryId,
      ...(deps.ecr?.endpoint ? { endpoint: deps.ecr.endpoint } : {}),
      ...(deps.ecr?.credentials ? { credentials: deps.ecr.credentials } : {}),
      ...(deps.ecr?.maxAttempts ? { maxAttempts: deps.ecr.maxAttempts } : {}),
    },
    onProgress,
  );
  return imageChecks(images, lookups, setup.registry);
}
