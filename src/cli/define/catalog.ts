// kube2eks catalog info | refresh: the commands' options and help (their code loads when they run).
import { type Command, Option } from 'commander';
import { CATALOG_INFO_FORMATS, DEFAULT_REFRESH_FILE } from '../choices.js';
import type { InfoCommandOptions, RefreshCommandOptions } from '../commands/catalog.js';
import type { RegisterCommand } from './index.js';

export const registerCatalog: RegisterCommand = (program: Command, setExit) => {
  const catalog = program
    .command('catalog')
    .summary('where the catalog’s facts come from; refresh them from AWS')
    .description(
      'The catalog holds the facts kube2eks plans with: instance types, prices, the EKS version calendar, ' +
        'deprecated APIs, load-balancer annotations, cloud equivalences, private-cluster endpoints.',
    );
  catalog
    .command('info')
    .description('Source, date, notes and counts of every table; which regions’ prices are historical.')
    .addOption(
      new Option('--format <format>', 'output format').choices([...CATALOG_INFO_FORMATS]).default('table'),
    )
    .option('--catalog <file>', 'a user catalog file merged over the shipped one')
    .action(async (options: InfoCommandOptions) => {
      const { runCatalogInfo } = await import('../commands/catalog.js');
      setExit(runCatalogInfo(options));
    });
  catalog
    .command('refresh')
    .description(
      'Fetch instance types (EC2 DescribeInstanceTypes), on-demand prices (Price List GetProducts) and the ' +
        "EKS version calendar (EKS DescribeClusterVersions) and the EKS add-ons' default versions per Kubernetes " +
        'minor (EKS DescribeAddonVersions) for one region with your AWS credentials, and ' +
        'write a user catalog file that --catalog merges over the shipped one. Read-only calls.',
    )
    .requiredOption('--region <region>', 'the AWS region to describe and price')
    .option('--out <file>', `the file to write [${DEFAULT_REFRESH_FILE}]`)
    .option('--force', 'replace --out even when kube2eks did not write it')
    .option(
      '--catalog <file>',
      'a user catalog file to start from (kept values: branch ENIs, upstream dates)',
    )
    .action(async (options: RefreshCommandOptions) => {
      const { runCatalogRefresh } = await import('../commands/catalog.js');
      setExit(await runCatalogRefresh(options));
    });
};
