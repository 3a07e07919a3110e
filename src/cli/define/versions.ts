// kube2eks versions: the command's options and help (its code loads when it runs).
import { type Command, InvalidArgumentError, Option } from 'commander';
import { VERSIONS_FORMATS } from '../choices.js';
import type { VersionsCommandOptions } from '../commands/versions.js';
import type { RegisterCommand } from './index.js';

function isoDate(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = m ? new Date(`${value.trim()}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value.trim()) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  }
  return date;
}

export const registerVersions: RegisterCommand = (program: Command, setExit) => {
  program
    .command('versions')
    .summary('the EKS version calendar: release, end of standard and extended support, days left')
    .description(
      'The EKS version calendar on a date: each version’s upstream and EKS release, end of standard and ' +
        'extended support, its support window on that date and the days left in it. Also says how old the ' +
        "calendar is, and suggests 'kube2eks catalog refresh' when it is older than six months.",
    )
    .option('--at <date>', 'the date to evaluate (YYYY-MM-DD) [today]', isoDate)
    .addOption(
      new Option('--format <format>', 'output format').choices([...VERSIONS_FORMATS]).default('table'),
    )
    .option(
      '--catalog <file>',
      'a user catalog file merged over the shipped one (see kube2eks catalog refresh)',
    )
    .addHelpText(
      'after',
      `
Examples:
  kube2eks versions
  kube2eks versions --at 2027-01-01
  kube2eks versions --format json | jq -r '.versions[] | select(.support == "standard") | .version'`,
    )
    .action(async (options: VersionsCommandOptions) => {
      const { runVersions } = await import('../commands/versions.js');
      setExit(runVersions(options));
    });
};
