// kube2eks verify: after cutover, does the EKS cluster run what the old one ran? Exit 1 on any gap.
import pc from 'picocolors';
import type { Inventory } from '../../model/types.js';
import type { Plan } from '../../plan/types.js';
import { escapeTerminal } from '../../report/escape.js';
import { formatVerify, type VerifyFormat } from '../../report/verify.js';
import { loadInventory } from '../../sources/index.js';
import { readLimitedSync, TooLargeError } from '../../sources/read-limited.js';
import { verify } from '../../verify/index.js';
import { preflight } from '../../verify/preflight.js';
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
  format: VerifyFormat;
  output?: string;
  color: boolean;
  debug?: boolean;
}

export interface VerifyDeps {
  /** Reads one INPUT (tests). @default loadInventory */
  load?: (input: string, onProgress: (message: string) => void) => Promise<Inventory>;
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
  if (options.checkImages)
    throw new UserError(
      '--check-images is not built yet: check the images with images/copy.sh, which fails on a missing one.',
    );
  if (options.preflight) {
    let target: Inventory;
    let source: Inventory | undefined;
    try {
      target = await read('--target', options.target);
      if (options.source) source = await read('--source', options.source);
    } finally {
      progress.done();
    }
    if (plan === undefined)
      process.stderr.write(
        'kube2eks: no --plan: only the CRDs of --source can be checked. Pass --plan DIR/plan.json.\n',
      );
    const result = preflight(target, plan as Plan | undefined, source);
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
