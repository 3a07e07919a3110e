// kube2eks verify: after cutover, does the EKS cluster run what the old one ran? Exit 1 on any gap.
import { type Command, Option } from 'commander';
import pc from 'picocolors';
import type { Inventory } from '../../model/types.js';
import { escapeTerminal } from '../../report/escape.js';
import { formatVerify, VERIFY_FORMATS, type VerifyFormat } from '../../report/verify.js';
import { loadInventory } from '../../sources/index.js';
import { readLimitedSync, TooLargeError } from '../../sources/read-limited.js';
import { verify } from '../../verify/index.js';
import { ExitCode, UserError } from '../errors.js';
import { writeOutput } from '../output.js';
import { createProgress } from '../progress.js';
import type { RegisterCommand } from './index.js';

export interface VerifyCommandOptions {
  source: string;
  target: string;
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

export const registerVerify: RegisterCommand = (program: Command, setExit) => {
  program
    .command('verify')
    .summary('after cutover, check the EKS cluster runs what the source ran')
    .description(
      'Compare the source (a bundle, a Velero backup or context:NAME) with the EKS target: every workload ' +
        'present with the same replicas and ready, Services with endpoints, load balancers provisioned, PVCs ' +
        'Bound with the expected storage classes, images from the new registry, CRDs present, HPAs with ' +
        'metrics. Exit 1 on any gap.',
    )
    .requiredOption('--source <input>', 'what ran before: a bundle, a Velero backup, or context:NAME')
    .requiredOption('--target <input>', 'the EKS cluster: context:NAME or a bundle collected from it')
    .option('--plan <file>', 'the plan (kube2eks plan --format json) with the expected storage classes')
    .option(
      '--registry <uri>',
      'registry every image must come from, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    )
    .addOption(new Option('--format <format>', 'output format').choices([...VERIFY_FORMATS]).default('table'))
    .option('--output <file>', 'write the result to this file (replacing it) instead of stdout')
    .option('--debug', 'show stack traces of internal errors')
    .option('--no-color', 'no colors in the table (also NO_COLOR=1)')
    .addHelpText(
      'after',
      '\nExit codes:\n  0  no gap\n  1  at least one gap\n  2  bad usage, or an input could not be read\n\n' +
        'Examples:\n  kube2eks verify --source prod-bundle --target context:prod-eks\n' +
        '  kube2eks verify --source context:gke-prod --target context:eks-prod --registry 123456789012.dkr.ecr.us-east-1.amazonaws.com --format markdown --output verify.md\n',
    )
    .action(async (options: VerifyCommandOptions) => {
      setExit(await runVerify(options));
    });
};
