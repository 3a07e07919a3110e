// kube2eks assess: the command's arguments, options and help (its code loads when it runs).
import { type Command, Option } from 'commander';
import { SEVERITIES } from '../../model/types.js';
import { FORMATS, GROUP_BY } from '../../report/formats.js';
import { FAIL_ON_LEVELS } from '../choices.js';
import type { AssessCommandOptions } from '../commands/assess.js';
import type { RegisterCommand } from './index.js';

const EXAMPLES = `
Inputs:
  A file, a folder (read recursively: .yaml, .yml, .json), a glob, - for standard input,
  a Velero backup or collect bundle (.tar.gz or folder), or context:NAME for a live cluster (read-only).
  Render Helm charts and kustomizations first: helm template ... | kube2eks assess -

Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on (a document that could not be read counts as a blocker)
  2  bad usage, or no input could be read

Examples:
  kube2eks assess examples/gke-shop
  kube2eks assess examples/gke-shop --summary                 # checklist, namespaces and counts only
  kube2eks assess examples/gke-shop --group-by namespace --min-severity warning
  kube2eks assess examples/gke-shop -o json --fail-on never > findings.json
  kube2eks assess examples/gke-shop --target-version 1.33 -o sarif --output k.sarif
  kubectl get deploy,sts,ds,svc,ing,pvc,sc -A -o yaml | kube2eks assess -
  kube2eks assess 'clusters/prod/**/*.yaml' --fail-on warning

Configuration (.kube2eks.yaml in the current folder, or --config FILE; flags win):
  targetVersion: "1.33"
  failOn: warning
  rules:
    image/registry: off      # turn a rule off
    pdb/*: warning           # every rule of an area
`;

export const registerAssess: RegisterCommand = (program: Command, setExit) => {
  program
    .command('assess')
    .summary('report what will break or change when these workloads move to EKS')
    .description(
      'Read Kubernetes manifests (a GitOps repository, a kubectl dump, rendered Helm output) and report, for ' +
        'each object, what will not work on EKS as written (blocker), what works but differs (warning), and what ' +
        'the plan must account for (info): what it is, why on EKS, and what to do.',
    )
    .argument('<inputs...>', 'files, folders, globs, - for stdin, backups or bundles, context:NAME')
    .option(
      '--target-version <version>',
      'target EKS version, e.g. 1.33 (default: the newest in standard support today)',
    )
    .addOption(new Option('-o, --format <format>', 'report format').choices([...FORMATS]).default('table'))
    .addOption(
      new Option(
        '--group-by <how>',
        'table and markdown: one entry per rule, namespace or object, identical findings collapsed (none: one per finding)',
      )
        .choices([...GROUP_BY])
        .default('rule'),
    )
    .addOption(
      new Option('--min-severity <severity>', 'list only findings at or above this severity (all formats)')
        .choices([...SEVERITIES])
        .default('info'),
    )
    .option('--summary', 'table and markdown: the checklist, the namespaces and the counts, no findings')
    .option('--output <file>', 'write the report to this file (replacing it) instead of stdout')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 on findings at or above this severity (default: blocker, or failOn in .kube2eks.yaml)',
      ).choices([...FAIL_ON_LEVELS]),
    )
    .option('--config <file>', 'settings file (default: .kube2eks.yaml when present)')
    .option('--catalog <file>', 'a catalog file merged over the shipped data (EKS versions, APIs)')
    .option('--debug', 'show stack traces of internal errors')
    .option('--no-color', 'no colors in the table (also NO_COLOR=1)')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], options: AssessCommandOptions) => {
      const { runAssess } = await import('../commands/assess.js');
      setExit(await runAssess(inputs, options));
    });
};
