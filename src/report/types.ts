// What every reporter receives besides the result: the rule metadata (passed in, never imported) and options.
import type { AssessResult, RuleInfo, Severity } from '../model/types.js';
import type { GroupBy } from './group.js';

export type { RuleInfo } from '../model/types.js';

export interface FormatOptions {
  /** ANSI colors (table only). The CLI turns them on only when stdout is a terminal. */
  color: boolean;
  /** How `table` and `markdown` group findings. @default 'rule' */
  groupBy?: GroupBy;
  /** Counts, checklist and namespaces only, no findings (`table`, `markdown`). */
  summaryOnly?: boolean;
  /** The lowest severity listed; the CLI has already left out the rest, reporters say how many. @default 'info' */
  minSeverity?: Severity;
}

/** A reporter: a plain function of the result and the rule metadata. */
export type Formatter = (result: AssessResult, rules: readonly RuleInfo[], options: FormatOptions) => string;

/** Where the project lives; SARIF's `informationUri`. */
export const PROJECT_URL = 'https://github.com/kube2eks/kube2eks';
