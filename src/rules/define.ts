// defineRule: a rule is metadata plus one check. Message ids are typed, so a typo fails to compile.
// How rules are selected and run, and what each hook may see: docs/architecture.md.
import type { Catalog } from '../catalog/index.js';
import type { PodTemplateView } from '../model/kinds.js';
import type {
  Category,
  FieldPath,
  Finding,
  Inventory,
  InventoryObject,
  JsonPatchOp,
  Severity,
} from '../model/types.js';

/** The three texts of a finding. `{{name}}` placeholders are filled from the report's `data`. */
export interface MessageTemplate {
  message: string;
  explanation: string;
  remediation: string;
}

/**
 * What a rule's `checkObject` looks at: `workload` (every object that runs pods and counts, see
 * `countedWorkloads` in model/workloads.ts), `*` (every object), or a kind (`Service`, `StorageClass`, …).
 */
export type Target = 'workload' | '*' | (string & {});

export interface RuleMeta<M extends string = string, T extends Target = Target> {
  /** `<area>/<name>`; the module is `src/rules/<area>/<name>.ts`. */
  id: string;
  /** The objects the engine hands to `checkObject` (docs/architecture.md, "Rules"). */
  targets: readonly T[];
  /** One of the vocabulary in docs/architecture.md ("Categories"). */
  category: Category;
  severity: Severity;
  /** One sentence: what the rule checks. */
  description: string;
  fixable: boolean;
  /** When findings differ from the default severity, in a few words ("info for host ports only"). */
  severityNote?: string;
  /** When a fixable rule's findings carry a fix, or what it rewrites ("the `apiVersion` line"). */
  fixNote?: string;
  messages: Record<M, MessageTemplate>;
}

export interface RuleContext {
  /** Target EKS (Kubernetes) minor version, e.g. "1.33". */
  targetVersion: string;
  catalog: Catalog;
  /** The clock, passed in so results are deterministic. */
  now: Date;
}

/**
 * What `checkObject` sees besides its object: never the inventory. Facts about other objects come from
 * the rule's declared `index`, built once per run; workload rules also get the pod template.
 */
export type ObjectContext<T extends Target = Target, I = undefined> = RuleContext & {
  /** What the rule's `index` built from the whole inventory (undefined when it declares none). */
  index: I;
} & (T extends 'workload'
    ? { pod: PodTemplateView }
    : { /** The pod template, when the object was selected as a workload. */ pod?: PodTemplateView });

export interface ReportInput<M extends string> {
  item: InventoryObject;
  messageId: M;
  /** Values for `{{name}}` placeholders; also kept as the finding's `data` for the plan. */
  data?: Record<string, string | number | boolean | string[] | undefined>;
  /** The offending field, to point the location at its line. */
  path?: FieldPath;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  /** JSON Patch that fixes this finding (fixable rules). */
  fix?: JsonPatchOp[];
  /** Extra facts for the plan and generators, not rendered. */
  facts?: Record<string, unknown>;
}

export type Report<M extends string> = (input: ReportInput<M>) => void;

// biome-ignore lint/suspicious/noExplicitAny: a registry holds rules of every index type.
export interface Rule<M extends string = string, T extends Target = Target, I = any> {
  meta: RuleMeta<M, T>;
  /**
   * The few facts about other objects `checkObject` needs (namespaces that exist, Secrets' keys by name),
   * built once per run from the whole inventory. Keep it small, plain data: it is what a per-object
   * check may know about the rest of the input.
   */
  index?: (inventory: Inventory, ctx: RuleContext) => I;
  /** Checks one object of `meta.targets` at a time; sees that object and `ctx.index` only. */
  checkObject?(item: InventoryObject, ctx: ObjectContext<T, I>, report: Report<M>): void;
  /** Checks across objects (a Service and its pods, a PVC and its StorageClass). */
  checkInventory?(inventory: Inventory, ctx: RuleContext, report: Report<M>): void;
}

export function defineRule<M extends string, const T extends Target = Target, I = undefined>(
  rule: Rule<M, T, I>,
): Rule<M, T, I> {
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(rule.meta.id)) throw new Error(`bad rule id ${rule.meta.id}`);
  if (!rule.checkObject && !rule.checkInventory) throw new Error(`rule ${rule.meta.id} has no check`);
  if (rule.checkObject && rule.meta.targets.length === 0)
    throw new Error(`rule ${rule.meta.id} has checkObject but no meta.targets`);
  if (rule.index && !rule.checkObject)
    throw new Error(`rule ${rule.meta.id} has an index but no checkObject`);
  return rule;
}

/** Base of the per-rule documentation pages. */
export const DOCS_BASE = 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The `{{name}}` placeholders of a message template, each once, in order. */
export function placeholdersOf(template: MessageTemplate): string[] {
  const text = `${template.message}\n${template.explanation}\n${template.remediation}`;
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** Fills `{{name}}` placeholders; a list becomes "a, b and c". */
export function fillTemplate(template: string, data: ReportInput<string>['data'] = {}): string {
  return fillPieces(template.split(PLACEHOLDER), data);
}

/** A template cut at its placeholders: texts at even places, placeholder names at odd ones. */
type Pieces = readonly string[];

/** Each message's three texts cut once: a run fills the same few templates for thousands of findings. */
const piecesOf = new WeakMap<MessageTemplate, [Pieces, Pieces, Pieces]>();

function cut(template: MessageTemplate): [Pieces, Pieces, Pieces] {
  let pieces = piecesOf.get(template);
  if (!pieces) {
    pieces = [
      template.message.split(PLACEHOLDER),
      template.explanation.split(PLACEHOLDER),
      template.remediation.split(PLACEHOLDER),
    ];
    piecesOf.set(template, pieces);
  }
  return pieces;
}

/** `fillTemplate` on a template already cut at its placeholders. */
function fillPieces(pieces: Pieces, data: ReportInput<string>['data'] = {}): string {
  let out = pieces[0] as string;
  for (let i = 1; i < pieces.length; i += 2) {
    const value = data[pieces[i] as string];
    if (value !== undefined) out += Array.isArray(value) ? joinList(value) : String(value);
    out += pieces[i + 1] as string;
  }
  return out;
}

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Builds a Finding from a report; used by the runner and the rule tester. `strict` (the rule tester's
 * mode) refuses a report whose data lacks a placeholder its message uses, which would render as ''.
 */
export function toFinding(meta: RuleMeta, input: ReportInput<string>, strict = false): Finding {
  const template = meta.messages[input.messageId];
  if (!template) throw new Error(`rule ${meta.id} has no message '${input.messageId}'`);
  if (strict) {
    const missing = placeholdersOf(template).filter((name) => !Object.hasOwn(input.data ?? {}, name));
    if (missing.length)
      throw new Error(
        `rule ${meta.id} reports '${input.messageId}' without ${missing.map((m) => `data.${m}`).join(', ')}, which its message uses as {{${missing.join('}}, {{')}}}`,
      );
  }
  const location = { ...input.item.location };
  if (input.path && input.item.locate) {
    const pos = input.item.locate(input.path);
    if (pos) {
      location.line = pos.line;
      location.column = pos.column;
    }
  }
  const [message, explanation, remediation] = cut(template);
  const finding: Finding = {
    ruleId: meta.id,
    category: meta.category,
    severity: input.severity ?? meta.severity,
    resource: input.item.ref,
    message: fillPieces(message, input.data),
    explanation: fillPieces(explanation, input.data),
    remediation: fillPieces(remediation, input.data),
    docsUrl: docsUrl(meta.id),
    location,
    fixable: meta.fixable && (input.fix?.length ?? 0) > 0,
  };
  if (input.data || input.facts) finding.data = { ...input.data, ...input.facts };
  if (input.fix?.length) finding.fix = input.fix;
  return finding;
}
