// Readers of other clouds' managed-service dependencies, for the cloud rules: Dapr component types, Config
// Connector / Azure Service Operator / Crossplane groups, Cloud SQL Auth Proxy instances, and managed-service
// endpoints in text. The knowledge itself is in cloud-services.table.ts.

import {
  CLOUD_OPERATORS,
  DAPR_COMPONENTS,
  type DaprMapping,
  ENDPOINT_PATTERNS,
  type EndpointPattern,
  type OperatorFamily,
  RESOURCE_MAPPINGS,
  type ResourceMapping,
  SQL_ENGINE_BY_PORT,
} from './cloud-services.table.js';
import { memoPerTable } from './memo.js';
import type { FieldPath } from './types.js';

/** The AWS counterpart of a Dapr component type (a table type ending in `*` matches by prefix). */
export function daprMapping(type: string): DaprMapping | undefined {
  const t = type.trim().toLowerCase();
  return DAPR_COMPONENTS.find((m) =>
    m.type.endsWith('*') ? t.startsWith(m.type.slice(0, -1)) : t === m.type,
  );
}

const matches = (group: string, g: string): boolean => (g.startsWith('.') ? group.endsWith(g) : group === g);

/** The operator family (Config Connector, Azure Service Operator, Crossplane GCP/Azure) of an API group. */
export function cloudOperatorOf(group: string): OperatorFamily | undefined {
  return CLOUD_OPERATORS.find(
    (f) => f.groups.some((g) => matches(group, g)) && !f.except?.some((g) => matches(group, g)),
  );
}

/** What a cloud operator's resource kind becomes on AWS (ACK or Crossplane's AWS provider). */
export function resourceMapping(group: string, kind: string): ResourceMapping | undefined {
  return RESOURCE_MAPPINGS.find(
    (m) => m.kinds.includes(kind) && (m.groupHint === undefined || group.includes(m.groupHint)),
  );
}

/** A Cloud SQL instance connection name: PROJECT:REGION:INSTANCE (the project may hold a domain: a.com:p). */
const CONNECTION =
  /\b((?:[a-z0-9.-]+:)?[a-z][a-z0-9-]*:[a-z]+-[a-z]+\d+:[a-z0-9][a-z0-9-]*)((?:=tcp:(?:[\d.]+:)?\d+)|(?:\?[^\s,'"]*))?/gi;

export interface ProxyInstance {
  connectionName: string;
  port?: number;
}

/** Instance connection names and ports from the proxy's command, args and env (v1 `-instances=`, v2 positional). */
export function proxyInstances(words: readonly string[]): ProxyInstance[] {
  const out: ProxyInstance[] = [];
  // v2 takes the first port as a flag (`--port=5432` or `--port 5432`).
  let flagPort: number | undefined;
  words.forEach((word, i) => {
    const m = /^--?port(?:=(\d+))?$/.exec(word);
    const value = m ? (m[1] ?? words[i + 1]) : undefined;
    if (value && /^\d+$/.test(value) && flagPort === undefined) flagPort = Number(value);
  });
  for (const word of words) {
    for (const m of word.matchAll(CONNECTION)) {
      const connectionName = m[1] ?? '';
      const suffix = m[2] ?? '';
      const written = /(?:tcp:(?:[\d.]+:)?|[?&]port=)(\d+)/.exec(suffix)?.[1];
      const port = written ? Number(written) : out.length === 0 ? flagPort : undefined;
      if (out.some((i) => i.connectionName === connectionName)) continue;
      out.push(port !== undefined ? { connectionName, port } : { connectionName });
    }
  }
  return out;
}

/** The engine from the port, else from the instance name (teams often name instances after the engine). */
export function engineOf(instance: ProxyInstance): string | undefined {
  if (instance.port !== undefined && SQL_ENGINE_BY_PORT[instance.port])
    return SQL_ENGINE_BY_PORT[instance.port];
  const name = instance.connectionName.toLowerCase();
  if (/postgres|pg\b|psql/.test(name)) return 'postgres';
  if (/mysql|maria/.test(name)) return 'mysql';
  if (/sqlserver|mssql/.test(name)) return 'sqlserver';
  return undefined;
}

export interface EndpointHit {
  service: string;
  aws: string;
  /** The matched text only (a host name or URL), never the whole value: values may hold credentials. */
  match: string;
  path: FieldPath;
}

/** What each short text names, per pattern list (a config file is seldom repeated: it is scanned each time). */
const servicesOnce = memoPerTable(20_000, (patterns: readonly EndpointPattern[], text: string) =>
  servicesIn(text, patterns),
);
const REMEMBERED_TEXT_CHARS = 1024;

/** Every distinct service named in a text; each piece of text is named by the most specific pattern. */
export function scanText(
  text: string,
  path: FieldPath,
  patterns: readonly EndpointPattern[] = ENDPOINT_PATTERNS,
): EndpointHit[] {
  const found =
    text.length > REMEMBERED_TEXT_CHARS ? servicesIn(text, patterns) : servicesOnce(patterns, text);
  return found.map((hit) => ({ ...hit, path }));
}

function servicesIn(text: string, patterns: readonly EndpointPattern[]): Array<Omit<EndpointHit, 'path'>> {
  const hits: Array<Omit<EndpointHit, 'path'>> = [];
  // The patterns' letters are ASCII and none has the `u` flag, so a match's letters lowercase to its needle.
  const lower = text.toLowerCase();
  let rest = text;
  for (const p of patterns) {
    if (p.needles && !p.needles.some((n) => lower.includes(n))) continue;
    const m = p.pattern.exec(rest);
    if (!m) continue;
    const match = m[0].trim();
    if (!hits.some((h) => h.service === p.service))
      hits.push({ service: p.service, aws: p.aws, match: redact(match) });
    // Blank the match so that a generic pattern does not name it again.
    rest = rest.replace(m[0], ' '.repeat(m[0].length));
  }
  return hits;
}

/** URLs may carry user:password@ or query tokens: keep scheme, host and path. */
function redact(match: string): string {
  return match
    .replace(/\/\/[^/@\s]*@/, '//')
    .replace(/\?.*$/, '')
    .replace(/InstrumentationKey=.*/i, 'InstrumentationKey=…');
}
