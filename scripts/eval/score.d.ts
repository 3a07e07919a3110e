// Types of score.js (the eval scorer); see the fixtures' README for the answer-key schema.

export type Selector = string | string[];

export interface ExpectedEntry {
  kind: string;
  namespace?: string | null;
  name: string;
  category: string;
  also_accept_category?: string[];
  must_mention?: string[];
  must_mention_any?: string[];
  file?: string;
  why?: string;
}

export interface SelectorRule {
  kind?: Selector;
  name?: Selector;
  namespace?: Selector | null;
  category?: Selector;
  mention?: string;
  why?: string;
}

export interface AnswerKey {
  case: string;
  schema_version?: number;
  assumptions?: { target_eks_version?: string; [key: string]: unknown };
  expected?: ExpectedEntry[];
  must_not?: SelectorRule[];
  may_report?: SelectorRule[];
  must_not_output_strings?: string[];
}

/** The fields of a finding (JSON contract of `assess --format json`) the scorer reads. */
export interface ScoredFinding {
  ruleId?: string;
  category: string;
  resource: { apiVersion?: string; kind: string; namespace?: string; name: string };
  message?: string;
  explanation?: string;
  remediation?: string;
  location?: { file?: string; line?: number };
}

export interface CategoryScore {
  expected: number;
  matched: number;
}

export interface CaseResult {
  case: string;
  expected: number;
  matched: number;
  recall: number;
  byCategory: Record<string, CategoryScore>;
  missed: Array<{ entry: string; reason: string; file?: string }>;
  violations: Array<{ finding: string; message?: string; rules: Array<{ rule: string; why: string }> }>;
  unscored: Array<{ finding: string; message?: string }>;
  allowedByMayReport: number;
  /** must_not_output_strings found in the output, by index (the value itself is never repeated). */
  leaks: Array<{ index: number; chars: number }>;
  findings: number;
  error?: string;
}

export interface Totals {
  expected: number;
  matched: number;
  recall: number;
  violations: number;
  unscored: number;
  leaks: number;
  byCategory: Record<string, CategoryScore>;
}

export function findingText(finding: ScoredFinding): string;
export function stripDigest(s: string): string;
export function mismatch(entry: ExpectedEntry, finding: ScoredFinding): string | undefined;
export function ruleMatches(rule: SelectorRule, finding: ScoredFinding): boolean;
export function describeEntry(entry: ExpectedEntry): string;
export function describeFinding(finding: ScoredFinding): string;
export function scoreCase(key: AnswerKey, findings: ScoredFinding[], output?: string): CaseResult;
export function totals(results: CaseResult[]): Totals;
export function formatReport(results: CaseResult[], options?: { showUnscored?: boolean }): string;
