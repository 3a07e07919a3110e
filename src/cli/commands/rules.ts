// kube2eks rules: every rule of the registry (the Markdown form is docs/rules/README.md).
import { type Command, Option } from 'commander';
import { RULES_FORMATS, type RulesFormat, rulesFormatters } from '../../report/index.js';
import type { Rule } from '../../rules/define.js';
import { registry, ruleInfos } from '../../rules/index.js';
import { writeOutput } from '../output.js';
import type { RegisterCommand } from './index.js';

/** The registry in one of the `rules` formats; scripts/gen-rule-docs.js writes the Markdown one. */
export function renderRules(format: RulesFormat, rules: readonly Rule[] = registry): string {
  return rulesFormatters[format](ruleInfos(rules));
}

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
    .action((options: { format: RulesFormat }) => {
      writeOutput(undefined, renderRules(options.format));
    });
};
