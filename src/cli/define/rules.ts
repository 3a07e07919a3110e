// kube2eks rules: the command's options and help (the registry loads when it runs).
import { type Command, Option } from 'commander';
import { RULES_FORMATS, type RulesFormat } from '../../report/formats.js';
import type { RegisterCommand } from './index.js';

export const registerRules: RegisterCommand = (program: Command) => {
  program
    .command('rules')
    .summary('list every rule: id, category, severity, fixable, description, docs link')
    .description(
      'List every rule kube2eks runs, with its category, default severity, whether `kube2eks generate` can ' +
        'fix it, and its documentation page. Change a severity or turn a rule off in .kube2eks.yaml.',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices([...RULES_FORMATS])
        .default('table' as RulesFormat),
    )
    .addHelpText(
      'after',
      `
Examples:
  kube2eks rules
  kube2eks rules --format json | jq -r '.rules[] | select(.severity == "blocker") | .id'
  kube2eks rules --format markdown > RULES.md`,
    )
    .action(async (options: { format: RulesFormat }) => {
      const { runRules } = await import('../commands/rules.js');
      runRules(options.format);
    });
};
