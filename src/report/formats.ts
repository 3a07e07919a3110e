// The report formats by name, apart from the reporters: `--help` lists them without loading a reporter.
export const FORMATS = ['table', 'json', 'sarif', 'markdown', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export const RULES_FORMATS = ['table', 'json', 'markdown'] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

export const PLAN_FORMATS = ['table', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export const VERIFY_FORMATS = ['table', 'json', 'markdown'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export const GROUP_BY = ['rule', 'namespace', 'object', 'none'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
