// kube2eks assess: read the inputs, run the rules, print the findings; the exit code says whether to stop a pipeline.
import { resolveTargetVersion } from '../../assess.js';
import { type Catalog, loadCatalog } from '../../catalog/index.js';
import { findVersion, type VersionStatus, versionStatus } from '../../catalog/versions.js';
import { type AssessResult, type InventoryObject, SEVERITY_RANK, type Severity } from '../../model/types.js';
import { assessInputs } from '../../parallel/assess-inputs.js';
import { tightenHeapGrowth } from '../../parallel/gc.js';
import { escapeTerminal } from '../../report/escape.js';
import type { GroupBy } from '../../report/group.js';
import {
  type FormatName,
  formatJsonChunks,
  formatSarifChunks,
  formatters,
  renderHtmlReport,
  summaryLine,
} from '../../report/index.js';
import { registry, ruleInfos } from '../../rules/index.js';
import { type FailOn, findConfigFile, loadConfig, resolveRuleSettings } from '../config.js';
import { ExitCode, UserError } from '../errors.js';
import { writeOutput } from '../output.js';
import { createProgress } from '../progress.js';

export interface AssessCommandOptions {
  targetVersion?: string;
  format: FormatName;
  output?: string;
  failOn?: FailOn;
  config?: string;
  catalog?: string;
  debug?: boolean;
  color: boolean;
  groupBy: GroupBy;
  minSeverity: Severity;
  summary?: boolean;
}

/** 1 when a finding is at or above `failOn` (a document that could not be read counts as a blocker), else 0. */
export function exitCodeFor(result: AssessResult, failOn: FailOn): number {
  if (failOn === 'never') return ExitCode.Ok;
  if (result.errors.length > 0) return ExitCode.Findings;
  const limit = SEVERITY_RANK[failOn];
  return result.findings.some((f) => SEVERITY_RANK[f.severity] <= limit) ? ExitCode.Findings : ExitCode.Ok;
}

/** Color only for a terminal, and never when asked not to (--no-color, NO_COLOR) or writing a file. */
function useColor(options: AssessCommandOptions): boolean {
  if (!options.color || options.output !== undefined) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return process.stdout.isTTY === true;
}

/** Where the target version stands in the EKS calendar today, for the HTML report's summary. */
export function targetSupport(catalog: Catalog, targetVersion: string, now: Date): VersionStatus | undefined {
  const version = findVersion(catalog.eksVersions, targetVersion);
  return version ? versionStatus(version, now) : undefined;
}

function describeItem(item: InventoryObject | undefined): string {
  if (!item) return 'the inventory';
  const { kind, namespace, name } = item.ref;
  const where = item.location.file
    ? ` (${item.location.file}${item.location.line ? `:${item.location.line}` : ''})`
    : '';
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}${where}`;
}

function* mapPieces(pieces: Iterable<string>, map: (piece: string) => string): Generator<string> {
  for (const piece of pieces) yield map(piece);
}

export async function runAssess(inputs: string[], options: AssessCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const ruleIds = registry.map((r) => r.meta.id);
  const configFile = findConfigFile(options.config, cwd);
  const config = configFile ? loadConfig(configFile, ruleIds, cwd) : undefined;
  const failOn: FailOn = options.failOn ?? config?.failOn ?? 'blocker';
  const settings = resolveRuleSettings(config?.rules ?? {}, ruleIds);

  const catalogOptions = options.catalog ? { userCatalogFile: options.catalog } : {};
  const catalog = loadCatalog(catalogOptions);
  const now = new Date();
  let targetVersion: string;
  try {
    targetVersion = resolveTargetVersion(catalog, options.targetVersion ?? config?.targetVersion, now);
  } catch (error) {
    // The message speaks of --target-version; say so when the value came from the config file.
    if (
      options.targetVersion === undefined &&
      config?.targetVersion !== undefined &&
      error instanceof Error
    ) {
      throw new UserError(
        `${config.file}: targetVersion: ${error.message.replace(/^--target-version /, '')}`,
      );
    }
    throw error;
  }

  const progress = createProgress();
  const ruleFailures = new Map<string, number>();
  let result: AssessResult;
  try {
    // Worker threads parse and run the per-object rules; this thread keeps slim objects (src/parallel/).
    ({ result } = await assessInputs(inputs, {
      load: { onProgress: (message) => progress.update(message), cwd },
      onRead: (inventory) => {
        // From here on the slim objects are all in; what the rules and the report allocate is mostly garbage.
        tightenHeapGrowth();
        progress.update(
          `checking ${inventory.objects.length} objects against ${registry.length - settings.disabledRules.size} rules`,
        );
      },
      catalogOptions,
      targetVersion,
      catalog,
      now,
      disabledRules: settings.disabledRules,
      severityOverrides: settings.severityOverrides,
      onRuleError: (ruleId, item, error) => {
        // A broken rule may fail on every object: tell once per rule, count the rest.
        const seen = ruleFailures.get(ruleId) ?? 0;
        ruleFailures.set(ruleId, seen + 1);
        if (seen > 0) return;
        progress.done();
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(
          `kube2eks: rule ${ruleId} failed on ${escapeTerminal(describeItem(item))}: ${escapeTerminal(message)}. The other rules ran; please report it.\n`,
        );
        if (options.debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      },
    }).catch((error: unknown) => {
      // A path that does not exist or cannot be read: a usage error with the sources' own message.
      if (error instanceof Error && error.name === 'InputPathError') throw new UserError(error.message);
      throw error;
    }));
  } finally {
    progress.done();
  }
  for (const [ruleId, count] of ruleFailures) {
    if (count > 1)
      process.stderr.write(
        `kube2eks: rule ${ruleId} failed on ${count - 1} more object${count === 2 ? '' : 's'}.\n`,
      );
  }

  // The exit code and the checklist weigh every finding; --min-severity only shortens what is listed.
  const limit = SEVERITY_RANK[options.minSeverity];
  const listed: AssessResult = {
    ...result,
    findings: result.findings.filter((f) => SEVERITY_RANK[f.severity] <= limit),
  };
  // JSON and SARIF come in pieces, written as they come: a big cluster's report is never one string.
  const text =
    options.format === 'json'
      ? formatJsonChunks(listed)
      : options.format === 'sarif'
        ? formatSarifChunks(listed, ruleInfos(registry))
        : options.format === 'html'
          ? renderHtmlReport({
              result: listed,
              rules: ruleInfos(registry),
              support: targetSupport(catalog, targetVersion, now),
              generatedAt: now,
            })
          : formatters[options.format](listed, ruleInfos(registry), {
              color: useColor(options),
              groupBy: options.groupBy,
              minSeverity: options.minSeverity,
              summaryOnly: options.summary === true,
            });
  // JSON.stringify leaves DEL, C1 controls, bidi overrides and U+2028 raw: as `\uXXXX` escapes the JSON means
  // the same and no terminal it is printed on reorders or hides text (piece by piece: each is a character).
  const safe = typeof text === 'string' ? text : mapPieces(text, (piece) => escapeTerminal(piece, true));
  const written = writeOutput(options.output, safe, cwd);
  // With the report in a file, stdout is silent: one line says what happened and why the exit code.
  if (written === 'file') {
    process.stderr.write(
      `kube2eks: wrote ${escapeTerminal(options.output ?? '')}: ${summaryLine(result.summary)}\n`,
    );
  }
  return exitCodeFor(result, failOn);
}
