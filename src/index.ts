// The library API: the CLI is a thin layer over these.
export { type AssessOptions, assess, resolveTargetVersion, UsageError } from './assess.js';
export { type Catalog, CatalogError, type LoadCatalogOptions, loadCatalog } from './catalog/index.js';
export { calendarFreshness, defaultTargetVersion, supportWindow, toMinor } from './catalog/versions.js';
export {
  type Artifact,
  type Copier,
  type GenerateOptions,
  generate,
  type IacTool,
  type SourceText,
} from './generate/index.js';
export { containersOf, podTemplateOf, refOf } from './model/kinds.js';
export type * from './model/types.js';
export { azNames, loadSolver, plan, planWithSolver, type Solver } from './plan/index.js';
export { computeMaxPods } from './plan/maxpods.js';
export type * from './plan/types.js';
export {
  FORMATS,
  type FormatName,
  type FormatOptions,
  type Formatter,
  formatters,
  formatVerify,
  type HtmlReportInput,
  type KitFile,
  renderHtmlReport,
} from './report/index.js';
export {
  formatPlanJson,
  formatPlanMarkdown,
  formatPlanTable,
  PLAN_FORMATS,
  type PlanFormat,
  planFormatters,
} from './report/plan.js';
export { defineRule, type Rule, type RuleContext, type RuleMeta } from './rules/define.js';
export { IGNORE_ANNOTATION, runRules } from './rules/engine.js';
export { registry as rules, ruleInfos } from './rules/index.js';
export { type LoadOptions, loadInventory } from './sources/index.js';
export { type VerifyResult, verify } from './verify/index.js';
export { TOOL_VERSION } from './version.js';
