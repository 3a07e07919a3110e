// The layout docs/architecture.md promises ("Where things live"): rule areas stand alone, an area holds only
// its rules, their tables and tests, and only the rule API, the engine and the registry sit at the top of
// src/rules. Each failure names the file and what to do.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RULES = join(ROOT, 'src/rules');
const MOVE = 'move it to src/model/ (docs/architecture.md, "Where things live")';

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
}

/** `export` statements of a module, one line each, as written. */
function exportsOf(text: string): string[] {
  return [...text.matchAll(/^export\s+[^\n]*/gm)].map((m) => m[0].trim());
}

const RULE_EXPORT = /^export default defineRule(<.*>)?\(/;

type Role = 'index' | 'table' | 'test' | 'rule' | 'other';

function roleOf(file: string, text: string): Role {
  const name = basename(file);
  if (name === 'index.ts') return 'index';
  if (name.endsWith('.table.ts')) return 'table';
  if (name.endsWith('.test.ts')) return 'test';
  return exportsOf(text).some((e) => RULE_EXPORT.test(e)) ? 'rule' : 'other';
}

interface AreaFile {
  area: string;
  file: string;
  /** `src/rules/<area>/<file>`, as messages name it. */
  shown: string;
  path: string;
  text: string;
  role: Role;
}

function areaFiles(): AreaFile[] {
  const out: AreaFile[] = [];
  for (const area of readdirSync(RULES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const dir = join(RULES, area.name);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        out.push({
          area: area.name,
          file: entry.name,
          shown: `src/rules/${area.name}/${entry.name}/`,
          path: join(dir, entry.name),
          text: '',
          role: 'other',
        });
        continue;
      }
      if (!entry.name.endsWith('.ts')) continue;
      const path = join(dir, entry.name);
      const text = readFileSync(path, 'utf8');
      out.push({
        area: area.name,
        file: entry.name,
        shown: `src/rules/${area.name}/${entry.name}`,
        path,
        text,
        role: roleOf(entry.name, text),
      });
    }
  }
  return out;
}

describe('src/rules', () => {
  const files = areaFiles();

  it('holds only the rule API, the engine and the registry at its top', () => {
    const top = readdirSync(RULES, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
    expect(top, `shared readers belong in src/model: ${MOVE}`).toEqual([
      'define.ts',
      'engine.test.ts',
      'engine.ts',
      'index.ts',
    ]);
  });

  it('holds in each area only rules, their *.table.ts, their tests and the area index', () => {
    const strays = files
      .filter((f) => f.role === 'other')
      .map((f) =>
        f.text === ''
          ? `${f.shown} is a folder: an area is flat (src/rules/<area>/<name>.ts)`
          : `${f.shown} is not a rule (no \`export default defineRule(...)\`) nor a table: ${MOVE}, or name it <name>.table.ts if it is data`,
      );
    expect(strays).toEqual([]);
  });

  it('has rule modules that export their rule and nothing else', () => {
    const extra: string[] = [];
    for (const f of files.filter((x) => x.role === 'rule'))
      for (const e of exportsOf(f.text).filter((x) => !RULE_EXPORT.test(x)))
        extra.push(
          `${f.shown} exports \`${e.replace(/\s*[{=(].*$/, '')}\` besides its rule: make it private, or if another module or its test needs it, ${MOVE}`,
        );
    expect(extra).toEqual([]);
  });

  it('has no module that imports another rule area, and no rule that imports another rule', () => {
    const roles = new Map(files.map((f) => [f.path, f.role]));
    const crossings: string[] = [];
    for (const f of files.filter((x) => x.text !== '')) {
      for (const spec of importsOf(f.path)) {
        const target = resolve(join(RULES, f.area), spec).replace(/\.js$/, '.ts');
        const inRules = relative(RULES, target);
        if (inRules.startsWith('..') || !inRules.includes('/')) continue;
        const [top] = inRules.split('/');
        if (top !== f.area)
          crossings.push(`${f.shown} imports ${spec}, from another rule area: what two areas share, ${MOVE}`);
        else if (f.role !== 'test' && f.role !== 'index' && roles.get(target) !== 'table')
          crossings.push(
            `${f.shown} imports ${spec}, which is not a table of its area: a rule imports no other rule; ${MOVE}`,
          );
      }
    }
    expect(crossings).toEqual([]);
  });

  it('keeps src/model free of rule imports: readers do not depend on rules', () => {
    const model = join(ROOT, 'src/model');
    const back: string[] = [];
    for (const file of readdirSync(model).filter((f) => f.endsWith('.ts'))) {
      for (const spec of importsOf(join(model, file)))
        if (relative(ROOT, resolve(model, spec)).startsWith('src/rules'))
          back.push(`src/model/${file} imports ${spec}: a reader must not depend on a rule`);
    }
    expect(back).toEqual([]);
  });
});
