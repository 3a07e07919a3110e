// kube2eks generate: the command's arguments, options and help (its code loads when it runs).
import { type Command, Option } from 'commander';
import { FAIL_ON_LEVELS } from '../choices.js';
import type { GenerateCommandOptions } from '../commands/generate.js';
import { addPlanOptions } from '../plan-options.js';
import type { RegisterCommand } from './index.js';

const HELP = `
What it writes (DIR):
  eksctl/cluster.yaml     the planned cluster (eksctl create cluster -f), ENIConfigs for custom networking
  terraform/              the same cluster with terraform-aws-modules (--iac terraform or both)
  autoscaler/             Cluster Autoscaler values and IAM policy, or Karpenter NodePools (--autoscaler)
  platform/               StorageClasses, IngressClass alb, Helm values of the add-ons: apply before workloads
  manifests/              your objects transformed for EKS, in your layout, comments kept; SECRETS.md
                          (--as kustomize: kustomization.yaml over your own files, the fixes as patches)
  images/                 images to copy to ECR (copy.sh with crane or skopeo), pull-through cache rules
  velero/                 backup of the old cluster, restore on EKS in order, storage-class mapping
  RUNBOOK.md              the move step by step, with this cluster's commands
  plan.json               the plan (kube2eks verify --preflight --plan DIR/plan.json)
  report.html             the migration report: findings, checklist, plan, cost, phases and these files

Reruns: DIR/.kube2eks-kit.json keeps the hash of every file written. A rerun replaces only files kube2eks
wrote and nobody edited; if a file was edited (or kube2eks did not write it) nothing is written and the
command exits 2 naming the files, unless --force. --dry-run lists what would change.

Exit codes:
  0  the kit was written (or, with --dry-run, would be)
  2  bad usage, no input could be read, or files in DIR would be overwritten (see --force)

Examples:
  kube2eks generate ./k8s --out kit
  kube2eks generate ./k8s --out kit --region eu-west-1 --registry 123456789012.dkr.ecr.eu-west-1.amazonaws.com
  kube2eks generate prod-bundle.tar.gz --out kit --endpoint private --autoscaler karpenter --copier skopeo
  kube2eks generate ./k8s --out kit --dry-run
  kube2eks generate ./k8s --out kit --as kustomize   # then: kubectl kustomize --load-restrictor LoadRestrictionsNone kit/manifests
`;

export const registerGenerate: RegisterCommand = (program: Command, setExit) => {
  const command = program
    .command('generate')
    .summary('write the migration kit: eksctl, transformed manifests, images, Velero, runbook')
    .description(
      'Assess and plan the inputs, then write what carries the move out into --out DIR: the cluster as code, ' +
        'the manifests with every fix applied (comments kept, Secrets never written), the image copy list, ' +
        'Velero backup and restore, and a runbook in the order a team works.',
    )
    .argument('<inputs...>', 'files, folders, globs, - for stdin, backups or bundles, context:NAME')
    .requiredOption('--out <dir>', 'folder of the kit (created if missing)')
    .option(
      '--target-version <version>',
      'target EKS version, e.g. 1.33 (default: the newest in standard support today)',
    );
  addPlanOptions(command)
    .addOption(
      new Option('--iac <tool>', 'cluster as code')
        .choices(['eksctl', 'terraform', 'both'])
        .default('eksctl'),
    )
    .option(
      '--registry <ecr-uri>',
      'ECR registry the images move to; manifests/ is rewritten to pull from it',
    )
    .addOption(
      new Option('--copier <tool>', 'image copy tool of images/copy.sh')
        .choices(['crane', 'skopeo'])
        .default('crane'),
    )
    .addOption(
      new Option(
        '--as <form>',
        'manifests/ as rewritten copies of your files, or a kustomize overlay of patches over them',
      )
        .choices(['files', 'kustomize'])
        .default('files'),
    )
    .option('--dry-run', 'list what would be written, write nothing')
    .option('--force', 'overwrite files in DIR that were edited or not written by kube2eks')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'accepted for symmetry with plan; generate exits 0 when it wrote the kit',
      )
        .choices([...FAIL_ON_LEVELS])
        .hideHelp(),
    )
    .option('--config <file>', 'settings file (default: .kube2eks.yaml when present)')
    .option('--catalog <file>', 'a catalog file merged over the shipped data (instance types, prices)')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText('after', HELP)
    .action(async (inputs: string[], options: GenerateCommandOptions) => {
      const { runGenerate } = await import('../commands/generate.js');
      setExit(await runGenerate(inputs, options));
    });
};
