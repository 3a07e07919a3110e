// docs/coverage.md maps each point of the source talk to what kube2eks checks, plans, generates and
// explains. Every rule, plan field, kit file, command, flag and docs page it names must exist, so the
// page cannot claim coverage the product lost. Runs the CLI in-process (test/support/run-cli.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/rules/index.js';
import { runCli } from '../support/run-cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = 'examples/gke-shop';

interface Row {
  point: number;
  checked: string;
  planned: string;
  generated: string;
  explained: string;
}

function rows(): Row[] {
  const text = readFileSync(join(root, 'docs', 'coverage.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1);
      expect(cells, `docs/coverage.md: a row needs 6 cells: ${line.slice(0, 60)}`).toHaveLength(6);
      const [point, , checked, planned, generated, explained] = cells.map((c) => c.trim());
      return { point: Number(point), checked, planned, generated, explained } as Row;
    });
}

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

const cli = (args: string[]) => runCli(args, { cwd: root });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

/** Dotted paths of the plan schema: `cost.monthly.spot`, `nodeGroups.kind` (array items are looked into). */
function schemaPaths(): Set<string> {
  const schema = JSON.parse(readFileSync(join(root, 'docs', 'schemas', 'plan.schema.json'), 'utf8'));
  const paths = new Set<string>();
  interface SchemaNode {
    $ref?: string;
    items?: SchemaNode;
    properties?: Record<string, SchemaNode>;
  }
  const defs = (schema.$defs ?? schema.definitions ?? {}) as Record<string, SchemaNode>;
  const walk = (node: SchemaNode | undefined, prefix: string, depth: number): void => {
    if (!node || depth > 6) return;
    if (node.$ref) {
      walk(defs[node.$ref.split('/').pop()!], prefix, depth + 1);
      return;
    }
    if (node.items) {
      walk(node.items, prefix, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.add(path);
      walk(value, path, depth + 1);
    }
  };
  walk(schema, '', 0);
  return paths;
}

const table = rows();
const kitDirs: string[] = [];
let kitFiles: Set<string>;
let noteTopics: Set<string>;

beforeAll(async () => {
  // The default kit and the one with every optional part: Terraform, Karpenter, pod security groups.
  const variants = [[], ['--iac', 'both', '--autoscaler', 'karpenter', '--pod-security-groups']];
  kitFiles = new Set();
  for (const extra of variants) {
    const out = mkdtempSync(join(tmpdir(), 'k2e-coverage-'));
    kitDirs.push(out);
    const run = await cli(['generate', EXAMPLE, '--out', join(out, 'kit'), ...extra]);
    expect(run.code, run.stderr).toBe(0);
    for (const f of filesUnder(join(out, 'kit'))) kitFiles.add(f);
  }
  const plans: Array<{ notes: Array<{ topic: string }> }> = [];
  for (const endpoint of ['public-private', 'private']) {
    const run = await cli(['plan', EXAMPLE, '--format', 'json', '--endpoint', endpoint]);
    expect(run.code, run.stderr).toBe(0);
    plans.push(JSON.parse(run.stdout));
  }
  noteTopics = new Set(plans.flatMap((p) => p.notes.map((n) => n.topic)));
}, 180_000);

afterAll(() => {
  for (const d of kitDirs) rmSync(d, { recursive: true, force: true });
});

describe('docs/coverage.md', () => {
  it('has the 18 points of the source talk, in order, each covered somewhere', () => {
    expect(table.map((r) => r.point)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    for (const r of table)
      expect(
        [r.checked, r.planned, r.generated, r.explained].some((c) => ticked(c).length > 0),
        `point ${r.point} names nothing kube2eks does`,
      ).toBe(true);
  });

  it('names only rules that exist', () => {
    const ids = new Set(registry.map((r) => r.meta.id));
    const named = table.flatMap((r) => ticked(r.checked));
    expect(named.length).toBeGreaterThan(30);
    for (const id of named)
      expect(ids.has(id), `docs/coverage.md names rule ${id}, not in the registry`).toBe(true);
  });

  it('names only plan fields of the schema and notes the plan writes', () => {
    const paths = schemaPaths();
    for (const r of table)
      for (const token of ticked(r.planned)) {
        if (token.startsWith('notes:'))
          expect(noteTopics.has(token.slice(6)), `point ${r.point}: no plan note ${token}`).toBe(true);
        else expect(paths.has(token), `point ${r.point}: ${token} is not a plan.json field`).toBe(true);
      }
  });

  it('names only files and folders the kit holds', () => {
    for (const r of table)
      for (const path of ticked(r.generated)) {
        const present = path.endsWith('/')
          ? [...kitFiles].some((f) => f.startsWith(path))
          : kitFiles.has(path);
        expect(present, `point ${r.point}: the kit has no ${path}`).toBe(true);
      }
  });

  it('names only commands, flags and docs pages that exist', async () => {
    const help = new Map<string, string>();
    for (const command of ['assess', 'plan', 'generate', 'collect', 'verify', 'maxpods', 'versions'])
      help.set(command, (await cli([command, '--help'])).stdout);
    for (const r of table) {
      for (const token of ticked(r.explained)) {
        if (token.startsWith('kube2eks ')) {
          const command = token.slice('kube2eks '.length);
          expect((await cli([command, '--help'])).code, `point ${r.point}: no command ${token}`).toBe(0);
        } else if (token.startsWith('--')) {
          expect(
            [...help.values()].some((text) => new RegExp(`${token}\\b`).test(text)),
            `point ${r.point}: no command takes ${token}`,
          ).toBe(true);
        } else throw new Error(`point ${r.point}: \`${token}\` is neither a command nor a flag`);
      }
      for (const page of r.explained.match(/docs\/[\w/.-]+\.md/g) ?? [])
        expect(existsSync(join(root, page)), `point ${r.point}: ${page} does not exist`).toBe(true);
    }
  }, 120_000);
});
