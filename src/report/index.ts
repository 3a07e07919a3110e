// The reporters by name: plain functions of (AssessResult, rule metadata, { color }) -> text.
import { FORMATS, type FormatName } from './formats.js';
import { formatHtml } from './html/index.js';
import { formatJson, formatJsonChunks, toFindingsJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif, formatSarifChunks } from './sarif.js';
import { formatTable } from './table.js';
import type { Formatter } from './types.js';

export { FORMATS, type FormatName };

export const formatters: Record<FormatName, Formatter> = {
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  markdown: formatMarkdown,
  html: formatHtml,
};

export { formatHtml, type HtmlReportInput, type KitFile, renderHtmlReport } from './html/index.js';
export {
  RULES_FORMATS,
  type RulesFormat,
  rulesFormatters,
  rulesJson,
  rulesMarkdown,
  rulesTable,
} from './rules-list.js';
export { summaryLine } from './text.js';
export type { FormatOptions, Formatter, RuleInfo } from './types.js';
export { formatVerify, VERIFY_FORMATS, type VerifyFormat } from './verify.js';
export {
  formatJson,
  formatJsonChunks,
  formatMarkdown,
  formatSarif,
  formatSarifChunks,
  formatTable,
  toFindingsJson,
};
