// kube2eks verify: the command's options and help (its code loads when it runs).
import { type Command, Option } from 'commander';
import { VERIFY_FORMATS } from '../../report/formats.js';
import type { VerifyCommandOptions } from '../commands/verify.js';
import type { RegisterCommand } from './index.js';

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
    .option(
      '--source <input>',
      'what ran before: a bundle, a Velero backup, or context:NAME (required unless --preflight)',
    )
    .requiredOption('--target <input>', 'the EKS cluster: context:NAME or a bundle collected from it')
    .option('--plan <file>', 'the plan (kube2eks plan --format json) with the expected storage classes')
    .option(
      '--preflight',
      'before any restore: check the target has what the kit assumes (StorageClasses, IngressClass alb, add-ons of --plan, CRDs of --source)',
    )
    .option(
      '--check-images',
      "with --preflight and --registry: check every image of the kit's manifests/ is in ECR, with the digest the source pinned (calls ECR DescribeImages with your AWS credentials)",
    )
    .option(
      '--images-from <input>',
      "where --check-images reads the kit's images (default: the manifests/ folder beside --plan; for a --as kustomize kit, what kubectl kustomize builds)",
    )
    .option(
      '--region <region>',
      'AWS Region of the ECR registry for --check-images (default: the one in --registry)',
    )
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
        '  kube2eks verify --preflight --target context:prod-eks --plan kit/plan.json\n' +
        '  kube2eks verify --preflight --target context:prod-eks --plan kit/plan.json --registry 123456789012.dkr.ecr.us-east-1.amazonaws.com --check-images\n' +
        '  kube2eks verify --source context:gke-prod --target context:eks-prod --registry 123456789012.dkr.ecr.us-east-1.amazonaws.com --format markdown --output verify.md\n',
    )
    .action(async (options: VerifyCommandOptions) => {
      const { runVerify } = await import('../commands/verify.js');
      setExit(await runVerify(options));
    });
};
