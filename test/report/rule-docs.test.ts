// Walks the registry (like typescript-eslint's docs test): each rule lives where its id says, has a
// docs page that names it and a test that imports it, and the generated index is up to date.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRules } from '../../src/cli/commands/rules.js';
import { CATEGORIES, SEVERITIES } from '../../src/model/types.js';
import { ruleDocHeader } from '../../src/report/rule-docs.js';
import { placeholdersOf, type Rule } from '../../src/rules/define.js';
import { registry } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULES_DIR = join(ROOT, 'src/rules');

function isRule(value: unknown): value is Rule {
  const meta = (value as Rule | undefined)?.meta;
  return (
    typeof meta?.id === 'string' && typeof meta.category === 'string' && typeof meta.messages === 'object'
  );
}

/** The files a module imports by relative path (one level), for the placeholder check. */
function importedFiles(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)]
    .map((m) => join(dirname(file), `${m[1]}.ts`))
    .filter((f) => existsSync(f));
}

describe('docs/rules/README.md', () => {
  it('is exactly `kube2eks rules --format markdown`', () => {
    const path = join(ROOT, 'docs/rules/README.md');
    const written = existsSync(path) ? readFileSync(path, 'utf8') : '(missing)';
    expect(written, 'docs/rules/README.md is stale: run `npm run docs` and commit the result').toBe(
      renderRules('markdown'),
    );
  });
});

describe('the registry', () => {
  it('has unique ids, sorted', () => {
    const ids = registry.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('holds every rule module under src/rules (a rule missing from its area index.ts fails here)', async () => {
    const missing: string[] = [];
    for (const area of readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(join(RULES_DIR, area.name))) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'index.ts') continue;
        const module = await import(pathToFileURL(join(RULES_DIR, area.name, file)).href);
        for (const value of Object.values(module)) {
          if (isRule(value) && !registry.includes(value))
            missing.push(`src/rules/${area.name}/${file} (${value.meta.id})`);
        }
      }
    }
    expect(missing, 'add these rules to their area index.ts').toEqual([]);
  });
});

describe.each(registry.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  const [area = '', name = ''] = id.split('/');

  it('lives in src/rules/<area>/<name>.ts', async () => {
    expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    const file = join(RULES_DIR, area, `${name}.ts`);
    expect(existsSync(file), `src/rules/${id}.ts should define ${id}`).toBe(true);
    const module = await import(pathToFileURL(file).href);
    expect(Object.values(module), `src/rules/${id}.ts should export the rule ${id}`).toContain(rule);
  });

  it('has a docs page docs/rules/<area>/<name>.md that starts with the header of its metadata', () => {
    const page = join(ROOT, 'docs/rules', area, `${name}.md`);
    expect(existsSync(page), `write docs/rules/${id}.md (npm run new-rule scaffolds one)`).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(
      text.startsWith(ruleDocHeader(rule.meta)),
      `docs/rules/${id}.md header is stale: run npm run docs`,
    ).toBe(true);
    expect(text.slice(ruleDocHeader(rule.meta).length).trim(), 'the page says more than its header').not.toBe(
      '',
    );
  });

  it('has a test beside it that imports it', () => {
    const dir = join(RULES_DIR, area);
    const importer = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .find((f) => readFileSync(join(dir, f), 'utf8').includes(`./${name}.js'`));
    expect(importer, `write src/rules/${area}/${name}.test.ts`).toBeDefined();
  });

  it('provides every {{placeholder}} its messages use (a misspelt one would render as nothing)', () => {
    // The rule's module (and the modules it imports) must name each placeholder outside the templates,
    // as a data key; the rule tester also refuses, at run time, a report that lacks one.
    const file = join(RULES_DIR, area, `${name}.ts`);
    const sources = [file, ...importedFiles(file)].map((f) => readFileSync(f, 'utf8')).join('\n');
    const code = sources.replace(/\{\{\s*\w+\s*\}\}/g, '');
    const unknown: string[] = [];
    for (const [messageId, template] of Object.entries(rule.meta.messages)) {
      for (const placeholder of placeholdersOf(template))
        if (!new RegExp(`\\b${placeholder}\\b`).test(code)) unknown.push(`${messageId}: {{${placeholder}}}`);
    }
    expect(unknown, `no data key of these names in src/rules/${id}.ts`).toEqual([]);
  });

  it('uses the vocabulary and says what, why and what to do in every message', () => {
    expect(CATEGORIES).toContain(rule.meta.category);
    expect(SEVERITIES).toContain(rule.meta.severity);
    expect(rule.meta.description.trim()).not.toBe('');
    for (const [messageId, template] of Object.entries(rule.meta.messages)) {
      for (const part of ['message', 'explanation', 'remediation'] as const) {
        expect(template[part].trim(), `${messageId}.${part}`).not.toBe('');
      }
    }
  });
});
