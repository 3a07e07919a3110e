// kube2eks collect: the command's options and help (its code loads when it runs).
import type { Command } from 'commander';
import type { CollectCommandOptions } from '../commands/collect.js';
import type { RegisterCommand } from './index.js';

function repeatable(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const registerCollect: RegisterCommand = (program: Command, setExit) => {
  program
    .command('collect')
    .summary('read a live cluster (read-only) into a bundle')
    .description(
      'Read every listable resource of a cluster at its preferred version into a bundle (a folder, or a ' +
        '.tar.gz when --out ends so), with the cluster facts: server version, nodes, and usage from ' +
        'metrics-server. Sends GET requests only. Secret values are replaced at the source (keys and types ' +
        'kept). Resources the credentials may not list are skipped and named at the end.',
    )
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option(
      '-n, --namespace <ns>',
      'only this namespace; repeatable (cluster-scoped resources are always read)',
      repeatable,
      [],
    )
    .requiredOption('--out <bundle>', 'bundle folder, or a .tar.gz file')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText(
      'after',
      '\nExamples:\n  kube2eks collect --context prod --out prod-bundle\n  kube2eks collect -n shop -n payments --out shop.tar.gz\n  kube2eks assess prod-bundle\n',
    )
    .action(async (options: CollectCommandOptions) => {
      const { runCollect } = await import('../commands/collect.js');
      setExit(await runCollect(options));
    });
};
