// kube2eks maxpods: the command's arguments, options and help (its code loads when it runs).
import { type Command, InvalidArgumentError, Option } from 'commander';
import { MAXPODS_FORMATS } from '../choices.js';
import type { MaxpodsCommandOptions } from '../commands/maxpods.js';
import type { RegisterCommand } from './index.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number of ENIs, 1 or more.');
  }
  return n;
}

export const registerMaxpods: RegisterCommand = (program: Command, setExit) => {
  program
    .command('maxpods')
    .summary('max pods per node for EC2 instance types (eni-max-pods.txt, max-pods-calculator.sh)')
    .description(
      'Max pods per node for EC2 instance types, as EKS computes it. By default the value of the official ' +
        "eni-max-pods.txt (ENIs × (IPv4 per ENI − 1) + 2, uncapped), which AL2023's nodeadm sets. The VPC CNI " +
        'options follow max-pods-calculator.sh and cap the result at 110 (≤ 30 vCPU) or 250.',
    )
    .argument('[types...]', 'instance types, e.g. m5.large c6g.xlarge')
    .option('--all', 'every instance type in the catalog')
    .option('--prefix-delegation', 'VPC CNI prefix delegation (/28 per slot) on Nitro and bare metal; capped')
    .option('--custom-networking', 'VPC CNI custom networking: one ENI fewer for pods; capped')
    .option(
      '--cni-max-eni <n>',
      'use at most N ENIs (as max-pods-calculator.sh --cni-max-eni); capped',
      positiveInteger,
    )
    .option('--max-allowed', 'no 110/250 cap (as max-pods-calculator.sh --show-max-allowed)')
    .option('--explain', 'show the arithmetic')
    .addOption(new Option('--format <format>', 'output format').choices([...MAXPODS_FORMATS]).default('text'))
    .option(
      '--catalog <file>',
      'a user catalog file merged over the shipped one (see kube2eks catalog refresh)',
    )
    .addHelpText(
      'after',
      `
Examples:
  kube2eks maxpods m5.large                       # 29
  kube2eks maxpods m5.large --prefix-delegation   # 110
  kube2eks maxpods m6i.2xlarge --custom-networking --explain
  kube2eks maxpods --all --format tsv > eni-max-pods.txt`,
    )
    .action(async (types: string[], options: MaxpodsCommandOptions) => {
      const { runMaxpods } = await import('../commands/maxpods.js');
      setExit(runMaxpods(types, options));
    });
};
