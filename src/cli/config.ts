// .kube2eks.yaml: the target version, the --fail-on level and per-rule severities, for a repository.
// Flags win over the file. Every problem names the file, the line, the field and what is allowed.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../model/types.js';
import { yamlProblem } from '../model/yaml-errors.js';
import { readLimitedSync, TooLargeError } from '../sources/read-limited.js';
import { FAIL_ON_LEVELS, type FailOn } from './choices.js';
import { UserError } from './errors.js';

export const CONFIG_FILE_NAME = '.kube2eks.yaml';
/** A settings file holds a few lines; anything larger is not one (or is `/dev/zero`). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export { FAIL_ON_LEVELS, type FailOn };
export const RULE_SETTINGS = ['off', ...SEVERITIES] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

const CONFIG_KEYS = ['targetVersion', 'failOn', 'rules'] as const;

const configSchema = z
  .object({
    targetVersion: z.string().regex(/^\d+\.\d+$/),
    failOn: z.enum(FAIL_ON_LEVELS),
    rules: z.record(z.string(), z.enum(RULE_SETTINGS)),
  })
  .partial()
  .strict();

export interface Kube2eksConfig {
  /** The file it came from, as the user named it (or `.kube2eks.yaml`). */
  file: string;
  targetVersion?: string;
  failOn?: FailOn;
  /** Rule id or `<area>/*` -> setting, as written. */
  rules: Record<string, RuleSetting>;
}

/** What the engine takes: rules to skip and severities to use instead of the defaults. */
export interface RuleSettings {
  disabledRules: Set<string>;
  severityOverrides: Map<string, Severity>;
}

/** `--config FILE` when given (it must exist), else `.kube2eks.yaml` in `cwd` when present. */
export function findConfigFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) {
    if (!existsSync(resolve(cwd, explicit))) throw new UserError(`--config ${explicit}: no such file.`);
    return explicit;
  }
  const found = resolve(cwd, CONFIG_FILE_NAME);
  if (!existsSync(found)) return undefined;
  // Found, not named: a FIFO would block the run until something writes to it, a device would never end.
  if (!statSync(found).isFile()) {
    throw new UserError(
      `${CONFIG_FILE_NAME}: not a regular file (a pipe or device); remove it, or name a settings file with --config.`,
    );
  }
  return CONFIG_FILE_NAME;
}

/** Reads and validates a config file against the known rule ids. Throws UserError (exit 2) on any problem. */
export function loadConfig(
  file: string,
  ruleIds: readonly string[],
  cwd: string = process.cwd(),
): Kube2eksConfig {
  const path = resolve(cwd, file);
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new UserError(`${file}: is a folder, not a config file.`);
    // A link to /dev/zero or a pipe would be read until memory runs out.
    text = readLimitedSync(path, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof TooLargeError)
      throw new UserError(`${file}: the config file is ${error.message}; it holds a few settings.`);
    throw new UserError(
      `${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? error}).`,
    );
  }
  return parseConfig(text, file, ruleIds);
}

/** Validates config text; `file` is only used in messages. */
export function parseConfig(text: string, file: string, ruleIds: readonly string[]): Kube2eksConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    // The parser's messages quote the file; only the position and the kind of problem are said.
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${yamlProblem(e)}`;
    });
    throw new UserError(`${problems.join('\n')}\n${file} is not valid YAML.`);
  }

  const lineOf = (node: Node | null | undefined): string => {
    const offset = node?.range?.[0];
    return offset === undefined ? '' : `:${lineCounter.linePos(offset).line}`;
  };
  const keyNode = (key: string, parent: unknown = doc.contents): Node | undefined => {
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    return (pair?.key as Node | undefined) ?? undefined;
  };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    // An alias bomb, or an alias the parser could not resolve.
    throw new UserError(
      `${file}: its aliases (*name) expand too far or refer to nothing; write the settings out.`,
    );
  }
  // YAML reads `targetVersion: 1.30` as the number 1.3; the text as written is what the user meant.
  const versionNode = doc.get('targetVersion', true);
  if (
    isScalar(versionNode) &&
    typeof versionNode.value === 'number' &&
    versionNode.source &&
    isRecordLike(raw)
  ) {
    raw = { ...raw, targetVersion: String(versionNode.source) };
  }
  if (!isRecordLike(raw)) {
    throw new UserError(`${file}: must be a mapping with the settings ${CONFIG_KEYS.join(', ')}.`);
  }

  const problems: string[] = [];
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, sub] = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const near = nearNames(key, CONFIG_KEYS);
          problems.push(
            `${file}${lineOf(keyNode(key))}: ${key}: unknown setting${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}; allowed: ${CONFIG_KEYS.join(', ')}.`,
          );
        }
        continue;
      }
      const value =
        top === undefined ? raw : sub === undefined ? raw[top] : (raw[top] as Record<string, unknown>)?.[sub];
      const field = sub === undefined ? top : `${top}.${sub}`;
      const node = (sub === undefined ? doc.get(top ?? '', true) : doc.getIn([top, sub], true)) as
        | Node
        | undefined;
      const at = `${file}${lineOf(node)}`;
      const shown = JSON.stringify(value);
      if (top === 'targetVersion') {
        problems.push(
          `${at}: targetVersion: ${shown} is not a version; write a minor version in quotes, like "1.33".`,
        );
      } else if (top === 'failOn') {
        problems.push(`${at}: failOn: ${shown} is not allowed; use one of ${FAIL_ON_LEVELS.join(', ')}.`);
      } else if (top === 'rules' && sub !== undefined) {
        problems.push(`${at}: ${field}: ${shown} is not allowed; use one of ${RULE_SETTINGS.join(', ')}.`);
      } else if (top === 'rules') {
        problems.push(
          `${at}: rules: must be a mapping of rule id (or "<area>/*") to ${RULE_SETTINGS.join(', ')}.`,
        );
      } else {
        problems.push(`${at}: ${field ?? '(root)'}: ${issue.message}`);
      }
    }
  }

  const rules = (parsed.success ? parsed.data.rules : undefined) ?? {};
  // Rule ids are checked even when other settings are wrong, so every problem shows at once.
  const writtenRules = isRecordLike(raw.rules) ? raw.rules : {};
  const areas = [...new Set(ruleIds.map((id) => id.slice(0, id.indexOf('/'))))];
  for (const key of Object.keys(writtenRules)) {
    if (ruleIds.includes(key)) continue;
    if (key.endsWith('/*') && areas.includes(key.slice(0, -2))) continue;
    const at = `${file}${lineOf(keyNode(key, doc.get('rules', true)))}: rules.${key}`;
    if (key.endsWith('/*')) {
      const stem = key.slice(0, -2);
      const near = areas.filter(
        (a) => a.startsWith(stem) || stem.startsWith(a) || nearNames(stem, [a]).length > 0,
      );
      problems.push(
        `${at}: unknown area${near.length ? `; did you mean ${near.map((a) => `${a}/*`).join(', ')}?` : '.'} The areas are ${[...areas].sort().join(', ')}.`,
      );
      continue;
    }
    let near = nearNames(key, ruleIds);
    // Nothing close: the rules of the area the user named, if it is one.
    if (near.length === 0) near = ruleIds.filter((id) => id.startsWith(`${key.split('/')[0]}/`)).slice(0, 5);
    problems.push(
      `${at}: unknown rule id${near.length ? `; did you mean ${near.join(', ')}?` : '.'} Run 'kube2eks rules' to list the rules.`,
    );
  }

  if (problems.length > 0) throw new UserError(problems.join('\n'));
  const data = parsed.success ? parsed.data : {};
  const config: Kube2eksConfig = { file, rules };
  if (data.targetVersion !== undefined) config.targetVersion = data.targetVersion;
  if (data.failOn !== undefined) config.failOn = data.failOn;
  return config;
}

/** Expands `<area>/*` over the rule ids; an exact id wins over its area's wildcard whatever the order. */
export function resolveRuleSettings(
  rules: Record<string, RuleSetting>,
  ruleIds: readonly string[],
): RuleSettings {
  const settings: RuleSettings = { disabledRules: new Set(), severityOverrides: new Map() };
  for (const id of ruleIds) {
    const area = id.slice(0, id.indexOf('/'));
    const setting = rules[id] ?? rules[`${area}/*`];
    if (setting === undefined) continue;
    if (setting === 'off') settings.disabledRules.add(id);
    else settings.severityOverrides.set(id, setting);
  }
  return settings;
}

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Up to three names within a small edit distance of `word`, nearest first. */
export function nearNames(word: string, names: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  return names
    .map((name) => ({ name, d: editDistance(word.toLowerCase(), name.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map(({ name }) => name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
