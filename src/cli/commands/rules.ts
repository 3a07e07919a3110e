// kube2eks rules: every rule of the registry (the Markdown form is docs/rules/README.md).
import { type RulesFormat, rulesFormatters } from '../../report/rules-list.js';
import type { Rule } from '../../rules/define.js';
import { registry, ruleInfos } from '../../rules/index.js';
import { writeOutput } from '../output.js';

/** The registry in one of the `rules` formats; scripts/gen-rule-docs.js writes the Markdown one. */
export function renderRules(format: RulesFormat, rules: readonly Rule[] = registry): string {
  return rulesFormatters[format](ruleInfos(rules));
}

export function runRules(format: RulesFormat): void {
  writeOutput(undefined, renderRules(format));
}
