// The findings JSON contract (docs/schemas/findings.schema.json, docs/architecture.md), plus `notes`, `checklist` and
// `namespaces`.
// Keys are written in the contract's order; the internal `data` and `fix` of a finding are left out.
import type { AssessResult, Finding, InputError, InputNote, Location, ResourceRef } from '../model/types.js';
import { jsonChunks } from './json-chunks.js';
import type { Formatter } from './types.js';

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

// A finding's resource and location are copied field by field, in `pick`'s key order: every finding of a
// big report makes both, and the generic keyed copy was a good part of writing it.
function resourceOf(ref: ResourceRef): ResourceRef {
  const out = {} as ResourceRef;
  if (ref.apiVersion !== undefined) out.apiVersion = ref.apiVersion;
  if (ref.kind !== undefined) out.kind = ref.kind;
  if (ref.namespace !== undefined) out.namespace = ref.namespace;
  if (ref.name !== undefined) out.name = ref.name;
  return out;
}

function locationOf(location: Location): Location {
  const out: Location = {};
  if (location.file !== undefined) out.file = location.file;
  if (location.line !== undefined) out.line = location.line;
  if (location.column !== undefined) out.column = location.column;
  if (location.entry !== undefined) out.entry = location.entry;
  if (location.helmSource !== undefined) out.helmSource = location.helmSource;
  if (location.cluster !== undefined) out.cluster = location.cluster;
  if (location.resourcePath !== undefined) out.resourcePath = location.resourcePath;
  return out;
}

function findingOf(f: Finding): Omit<Finding, 'data' | 'fix'> {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    resource: resourceOf(f.resource),
    message: f.message,
    explanation: f.explanation,
    remediation: f.remediation,
    docsUrl: f.docsUrl,
    location: locationOf(f.location),
    fixable: f.fixable,
  };
}

/** The contract as a plain object (what `--format json` prints). */
export function toFindingsJson(result: AssessResult): Record<string, unknown> {
  const source: AssessResult['source'] = {
    provider: result.source.provider,
    evidence: [...result.source.evidence],
  };
  if (result.source.kubernetesVersion !== undefined)
    source.kubernetesVersion = result.source.kubernetesVersion;
  return {
    schemaVersion: 1,
    tool: { name: result.tool.name, version: result.tool.version },
    target: result.target.calendar
      ? { eksVersion: result.target.eksVersion, calendar: { ...result.target.calendar } }
      : { eksVersion: result.target.eksVersion },
    source: pick(source, ['provider', 'kubernetesVersion', 'evidence']),
    summary: pick(result.summary, ['objects', 'blocker', 'warning', 'info', 'errors']),
    findings: result.findings.map(findingOf),
    errors: result.errors.map((e: InputError) => pick(e, ['file', 'line', 'column', 'entry', 'message'])),
    notes: result.notes.map((n: InputNote) => pick(n, ['file', 'message'])),
    checklist: (result.checklist ?? []).map((item) => ({
      step: item.step,
      title: item.title,
      lines: item.lines.map((l) => ({
        text: l.text,
        findings: l.findings.map((f) => ({ ruleId: f.ruleId, resource: resourceOf(f.resource) })),
        ...(l.plan ? { plan: [...l.plan] } : {}),
        ...(l.files ? { files: [...l.files] } : {}),
      })),
    })),
    namespaces: (result.namespaces ?? []).map((n) =>
      pick(n, ['namespace', 'objects', 'blocker', 'warning', 'info', 'stateful', 'dependsOn']),
    ),
  };
}

/** The report in pieces, written as they come (a big cluster's report is never one string). */
export function* formatJsonChunks(result: AssessResult): Generator<string> {
  yield* jsonChunks(toFindingsJson(result));
  yield '\n';
}

export const formatJson: Formatter = (result) => [...formatJsonChunks(result)].join('');
