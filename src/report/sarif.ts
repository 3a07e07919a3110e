// SARIF 2.1.0 for code scanning: every rule with its help URI, results with file and line.
// Archive entries and live-cluster paths have no file of their own: they become logical locations.
import { pathToFileURL } from 'node:url';
import { describeRef } from '../model/kinds.js';
import type { AssessResult, Finding, InputError, Location, Severity } from '../model/types.js';
import { jsonChunks } from './json-chunks.js';
import { type Formatter, PROJECT_URL, type RuleInfo } from './types.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  blocker: 'error',
  warning: 'warning',
  info: 'note',
};

/** The base a relative path is resolved from (the folder the tool ran in, normally the repository root). */
const SRCROOT = '%SRCROOT%';

/** `api/removed` -> `ApiRemoved` (SARIF's human name of a rule). */
function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A file as a SARIF artifact: relative paths stay relative to %SRCROOT%, absolute ones become file URIs. */
function artifactOf(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) return { uri: pathToFileURL(file).href };
  const relative = slashed.replace(/^(\.\/)+/, '');
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number };
  };
  logicalLocations?: Array<{ name: string; fullyQualifiedName?: string; kind: string }>;
}

function locationOf(
  location: Location | InputError,
  resourceName?: { name: string; qualified: string },
): SarifLocation {
  const l = location as Location;
  const out: SarifLocation = {};
  const hasFile = l.file !== undefined && l.file !== '-' && l.cluster === undefined;
  if (hasFile && l.file !== undefined) {
    out.physicalLocation = { artifactLocation: artifactOf(l.file) };
    // A line inside an archive entry is not a line of the archive file.
    if (l.entry === undefined && l.line !== undefined && l.line >= 1) {
      out.physicalLocation.region = { startLine: l.line };
      if (l.column !== undefined && l.column >= 1) out.physicalLocation.region.startColumn = l.column;
    }
  }
  const logical: NonNullable<SarifLocation['logicalLocations']> = [];
  if (l.entry !== undefined) {
    logical.push({
      name: l.entry,
      fullyQualifiedName: `${l.file ?? ''}!${l.entry}${l.line !== undefined ? `:${l.line}` : ''}`,
      kind: 'archiveEntry',
    });
  }
  if (l.cluster !== undefined || l.resourcePath !== undefined) {
    logical.push({
      name: l.resourcePath ?? l.cluster ?? '',
      fullyQualifiedName: `context:${l.cluster ?? ''}${l.resourcePath ?? ''}`,
      kind: 'clusterResource',
    });
  }
  if (resourceName)
    logical.push({ name: resourceName.name, fullyQualifiedName: resourceName.qualified, kind: 'object' });
  if (logical.length > 0) out.logicalLocations = logical;
  return out;
}

function resultText(f: Finding): string {
  return `${f.message}\nWhy on EKS: ${f.explanation}\nWhat to do: ${f.remediation}`;
}

function driverRule(rule: RuleInfo) {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: {
      text: `${rule.description} Category: ${rule.category}. Default severity: ${rule.severity}.${rule.fixable ? ' kube2eks generate can fix it.' : ''}`,
    },
    helpUri: rule.docsUrl,
    help: { text: `See ${rule.docsUrl}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { category: rule.category, tags: ['kubernetes', 'eks', rule.category] },
  };
}

/** The SARIF log as an object. */
function sarifLog(result: AssessResult, rules: readonly RuleInfo[]) {
  const ruleList: RuleInfo[] = [...rules];
  // A finding of a rule the caller did not list still needs a rule entry for its ruleIndex.
  for (const f of result.findings) {
    if (!ruleList.some((r) => r.id === f.ruleId)) {
      ruleList.push({
        id: f.ruleId,
        category: f.category,
        severity: f.severity,
        description: f.ruleId,
        fixable: f.fixable,
        docsUrl: f.docsUrl,
      });
    }
  }
  const index = new Map(ruleList.map((r, i) => [r.id, i]));

  const results = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: resultText(f) },
    locations: [
      locationOf(f.location, {
        name: f.resource.name,
        qualified: describeRef(f.resource),
      }),
    ],
    properties: { category: f.category, severity: f.severity, fixable: f.fixable, resource: f.resource },
  }));

  const notifications = [
    ...result.errors.map((e) => {
      const loc = locationOf(e);
      return {
        level: 'error',
        message: { text: e.message },
        descriptor: { id: 'input-error' },
        ...(loc.physicalLocation || loc.logicalLocations ? { locations: [loc] } : {}),
      };
    }),
    ...result.notes.map((n) => {
      const loc = locationOf({ file: n.file });
      return {
        level: 'note',
        message: { text: n.message },
        descriptor: { id: 'input-note' },
        ...(loc.physicalLocation ? { locations: [loc] } : {}),
      };
    }),
  ];

  const sarif = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: PROJECT_URL,
            rules: ruleList.map(driverRule),
          },
        },
        invocations: [
          {
            // Documents that could not be read leave the assessment incomplete.
            executionSuccessful: result.errors.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: { target: result.target, source: result.source, summary: result.summary },
      },
    ],
  };
  return sarif;
}

/** The log in pieces, written as they come: every result on its own (runs[0].results is opened). */
export function* formatSarifChunks(result: AssessResult, rules: readonly RuleInfo[]): Generator<string> {
  yield* jsonChunks(sarifLog(result, rules), 4);
  yield '\n';
}

export const formatSarif: Formatter = (result, rules) => [...formatSarifChunks(result, rules)].join('');
