#!/usr/bin/env node
// `npm run eval -- [FOLDER] [--strict] [--quiet] [--case NAME]`: scores `kube2eks assess` on answer-keyed
// cases. FOLDER holds one folder per case with `input/` (or an `input:` path in the key, relative to the
// case folder) and `expected.yaml`; without FOLDER, the repository's own cases in test/fixtures/eval. Each case runs in-process through the built CLI (dist/), exactly as
//   kube2eks assess <case>/input --format json --target-version <assumptions.target_eks_version> --fail-on never
// and, to check that no must_not_output_strings value leaks, once more per other format. Scoring is in
// scripts/eval/score.js. Writes .kube2eks-eval/report.json. Exits 0 unless --strict (then 1 on any miss,
// violation, leak or failed run).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import { ensureBuild } from './ensure-build.js';
import { planSummary } from './eval/plan-summary.js';
import { formatReport, scoreCase, totals } from './eval/score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Formats run only to search their output for secret values. */
const EXTRA_FORMATS = ['table', 'sarif', 'markdown'];

function usage(message) {
  process.stderr.write(
    `eval: ${message}\nusage: npm run eval -- [FOLDER] [--strict] [--quiet] [--case NAME]\n`,
  );
  return 2;
}

function parseArgs(argv) {
  const opts = { folder: undefined, strict: false, quiet: false, cases: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--strict') opts.strict = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--case' && argv[i + 1]) opts.cases.push(argv[++i]);
    else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else if (opts.folder === undefined) opts.folder = a;
    else return { error: `one folder only (got ${opts.folder} and ${a})` };
  }
  return opts;
}

/** Runs one kube2eks command line in-process and captures everything it prints. */
async function capture(main, argv) {
  const chunks = [];
  const originalOut = process.stdout.write;
  const originalErr = process.stderr.write;
  const sink = (chunk, encoding, callback) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') cb();
    return true;
  };
  const stdout = [];
  process.stdout.write = (chunk, encoding, callback) => {
    stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return sink(chunk, encoding, callback);
  };
  process.stderr.write = sink;
  let code;
  try {
    code = await main(argv);
  } catch (error) {
    chunks.push(String(error?.stack ?? error));
    code = -1;
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }
  return { code, stdout: stdout.join(''), all: chunks.join('') };
}

/** A case's manifests: `<case>/input`, or the key's `input:` path (relative to the case folder). */
function inputOf(caseDir, key) {
  return typeof key.input === 'string' ? resolve(caseDir, key.input) : join(caseDir, 'input');
}

async function runCase(main, caseDir, key) {
  const input = relative(process.cwd(), inputOf(caseDir, key)) || '.';
  const target = key.assumptions?.target_eks_version;
  const common = [...(target ? ['--target-version', String(target)] : []), '--fail-on', 'never'];
  const json = await capture(main, ['assess', input, '--format', 'json', ...common]);
  let outputs = json.all;
  let findings = [];
  let error;
  let parseErrors = [];
  if (json.code !== 0) {
    error = `assess --format json exited ${json.code}: ${json.all.trim().split('\n').slice(0, 3).join(' | ')}`;
  } else {
    try {
      const result = JSON.parse(json.stdout);
      findings = Array.isArray(result.findings) ? result.findings : [];
      parseErrors = Array.isArray(result.errors) ? result.errors : [];
    } catch (e) {
      error = `assess --format json printed no JSON (${e.message})`;
    }
  }
  const formatProblems = [];
  for (const format of EXTRA_FORMATS) {
    const run = await capture(main, ['assess', input, '--format', format, ...common]);
    outputs += run.all;
    if (run.code !== 0) formatProblems.push(`--format ${format} exited ${run.code}`);
  }
  // The plan of the same input: its summary is printed, and its outputs are searched for leaks too.
  const planJson = await capture(main, ['plan', input, '--format', 'json', ...common]);
  let plan;
  if (planJson.code === 0) {
    try {
      plan = JSON.parse(planJson.stdout);
    } catch (e) {
      formatProblems.push(`plan --format json printed no JSON (${e.message})`);
    }
  } else {
    formatProblems.push(`plan --format json exited ${planJson.code}: ${planJson.all.trim().split('\n')[0]}`);
  }
  outputs += planJson.all;
  for (const format of ['table', 'markdown']) {
    const run = await capture(main, ['plan', input, '--format', format, ...common]);
    outputs += run.all;
    if (run.code !== 0) formatProblems.push(`plan --format ${format} exited ${run.code}`);
  }
  const result = scoreCase(key, findings, outputs);
  if (error) result.error = error;
  else result.closure = await closureCheck(main, input, target, findings);
  if (plan) result.plan = planSummary(key.case, plan);
  result.inputErrors = parseErrors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  result.formatProblems = formatProblems;
  return result;
}

function countByCategory(findings) {
  const counts = {};
  for (const f of findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
  return counts;
}

/**
 * The closure check of the kit: `generate` the case into a temporary folder, `assess` its manifests/, and
 * expect no fixable finding left and no category with more findings than before.
 */
async function closureCheck(main, input, target, before) {
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-closure-'));
  try {
    const versionArgs = target ? ['--target-version', String(target)] : [];
    const gen = await capture(main, ['generate', input, '--out', dir, ...versionArgs]);
    if (gen.code !== 0)
      return {
        ok: false,
        error: `generate exited ${gen.code}: ${gen.all.trim().split('\n').slice(-2).join(' | ')}`,
      };
    const fixableBefore = before.filter((f) => f.fixable).length;
    if (!existsSync(join(dir, 'manifests')))
      return { ok: true, fixableBefore, fixableAfter: 0, grown: [], objects: 0 };
    const after = await capture(main, [
      'assess',
      join(dir, 'manifests'),
      '--format',
      'json',
      '--fail-on',
      'never',
      ...versionArgs,
    ]);
    if (after.code !== 0) return { ok: false, error: `assess of the kit exited ${after.code}` };
    const result = JSON.parse(after.stdout);
    const left = result.findings.filter((f) => f.fixable);
    // References to the Secrets the kit leaves out on purpose (manifests/SECRETS.md) are expected.
    const secretsFile = join(dir, 'manifests', 'SECRETS.md');
    const secrets = existsSync(secretsFile)
      ? [...readFileSync(secretsFile, 'utf8').matchAll(/^\| [^|]+ \| ([^|]+) \|/gm)].map((m) =>
          m[1].trim().replace(/^`(.*)`$/, '$1'),
        )
      : [];
    const expected = (f) =>
      f.category === 'missing-reference' && secrets.some((name) => f.message.includes(`Secret ${name},`));
    const b = countByCategory(before);
    const a = countByCategory(result.findings.filter((f) => !expected(f)));
    const grown = Object.entries(a)
      .filter(([c, n]) => n > (b[c] ?? 0))
      .map(([c, n]) => `${c} ${b[c] ?? 0}->${n}`);
    const kustomize = await kustomizeClosure(main, input, versionArgs);
    return {
      ok: left.length === 0 && grown.length === 0 && result.errors.length === 0 && kustomize.ok,
      kustomize,
      fixableBefore,
      fixableAfter: left.length,
      fixableLeft: left.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name}`),
      grown,
      parseErrors: result.errors.length,
      objects: result.summary.objects,
    };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same kit with `--as kustomize`: its overlay built with the product's kustomize model (what
 * `kubectl kustomize` gives, tested where kubectl exists), plus the copies applied after it, must hold
 * no fixable finding.
 */
async function kustomizeClosure(main, input, versionArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-closure-kustomize-'));
  try {
    const gen = await capture(main, ['generate', input, '--out', dir, '--as', 'kustomize', ...versionArgs]);
    if (gen.code !== 0) return { ok: false, error: `generate --as kustomize exited ${gen.code}` };
    if (!existsSync(join(dir, 'manifests', 'kustomization.yaml')))
      return { ok: true, objects: 0, overlay: false };
    const { buildKustomization } = await import(
      pathToFileURL(join(root, 'dist', 'generate', 'kustomize-model.js')).href
    );
    const read = (path) => {
      try {
        return readFileSync(resolve(dir, path), 'utf8');
      } catch {
        return undefined;
      }
    };
    const objects = buildKustomization('manifests', read).map((b) => b.object);
    // Copies outside the overlay (an object another file defines too) are applied after it: the files of
    // manifests/ the kustomization does not list.
    const listed = new Set(
      yaml
        .load(readFileSync(join(dir, 'manifests', 'kustomization.yaml'), 'utf8'))
        .resources.map((r) => resolve(dir, 'manifests', r)),
    );
    const separate = [];
    const walk = (d) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ya?ml|json)$/.test(name) && name !== 'kustomization.yaml' && !listed.has(p))
          separate.push(p);
      }
    };
    walk(join(dir, 'manifests'));
    const built = join(dir, 'built.yaml');
    writeFileSync(built, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
    const after = await capture(main, [
      'assess',
      built,
      ...separate,
      '--format',
      'json',
      '--fail-on',
      'never',
      ...versionArgs,
    ]);
    if (after.code !== 0) return { ok: false, error: `assess of the overlay exited ${after.code}` };
    const result = JSON.parse(after.stdout);
    const left = result.findings.filter((f) => f.fixable);
    return {
      ok: left.length === 0 && result.errors.length === 0,
      objects: objects.length,
      separate: separate.length,
      overlay: true,
      fixableAfter: left.length,
    };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatClosure(results) {
  const lines = [
    '',
    'Closure (generate the kit, then assess its manifests/: no fixable finding left, no category grows):',
  ];
  for (const r of results) {
    const c = r.closure;
    if (!c) continue;
    if (c.error) {
      lines.push(`  ${r.case}: FAILED (${c.error})`);
      continue;
    }
    const k = c.kustomize;
    const overlay = !k
      ? ''
      : k.error
        ? `; --as kustomize FAILED (${k.error})`
        : `; --as kustomize ${k.ok ? 'ok' : 'FAILED'}: ${k.objects} objects built${k.separate ? ` + ${k.separate} file${k.separate === 1 ? '' : 's'} applied after` : ''}${k.fixableAfter ? `, ${k.fixableAfter} fixable left` : ''}`;
    const detail = `${c.fixableBefore} fixable before, ${c.fixableAfter} after, ${c.objects} objects written${overlay}`;
    lines.push(
      `  ${r.case}: ${c.ok ? 'ok' : 'FAILED'} (${detail}${c.grown.length ? `; grew: ${c.grown.join(', ')}` : ''}${c.fixableAfter ? `; left: ${c.fixableLeft.join(', ')}` : ''}${c.parseErrors ? `; ${c.parseErrors} documents of the kit do not parse` : ''})`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function run() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.error) return usage(opts.error);
  const defaultFolder = join(root, 'test', 'fixtures', 'eval');
  const folder = opts.folder ? resolve(opts.folder) : defaultFolder;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return usage(
      opts.folder ? `${opts.folder} is not a folder` : `no folder given and ${defaultFolder} does not exist`,
    );
  }
  if (!ensureBuild(root)) return 2;
  const distMain = join(root, 'dist', 'cli', 'main.js');
  // Plain text in every format, even on a terminal (picocolors reads this when it loads).
  process.env.NO_COLOR = '1';
  const { main } = await import(distMain);

  const cases = readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, 'expected.yaml')))
    .filter((name) => opts.cases.length === 0 || opts.cases.includes(name))
    .sort();
  if (cases.length === 0) return usage(`no case folders with expected.yaml in ${folder}`);

  const results = [];
  for (const name of cases) {
    const caseDir = join(folder, name);
    let key;
    try {
      key = yaml.load(readFileSync(join(caseDir, 'expected.yaml'), 'utf8'));
    } catch (e) {
      results.push({ ...scoreCase({ case: name }, []), error: `expected.yaml unreadable: ${e.message}` });
      continue;
    }
    key.case ??= name;
    if (!existsSync(inputOf(caseDir, key))) {
      results.push({ ...scoreCase(key, []), error: `no input: ${relative(root, inputOf(caseDir, key))}` });
      continue;
    }
    results.push(await runCase(main, caseDir, key));
  }

  let text = formatReport(results, { showUnscored: !opts.quiet });
  const notes = results.flatMap((r) => [
    ...(r.inputErrors ?? []).map((e) => `  ${r.case}: input error ${e}`),
    ...(r.formatProblems ?? []).map((p) => `  ${r.case}: ${p}`),
  ]);
  if (notes.length > 0) text += `\nRun notes:\n${notes.join('\n')}\n`;
  const plans = results.filter((r) => r.plan);
  if (plans.length > 0 && !opts.quiet)
    text += `\nPlans:\n${plans.map((r) => r.plan.join('\n')).join('\n')}\n`;
  text += formatClosure(results);
  process.stdout.write(text);

  const outDir = join(root, '.kube2eks-eval');
  mkdirSync(outDir, { recursive: true });
  const report = { folder, generatedAt: new Date().toISOString(), totals: totals(results), cases: results };
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nWrote ${relative(process.cwd(), join(outDir, 'report.json'))}\n`);

  const t = report.totals;
  const failed =
    t.matched < t.expected ||
    t.violations > 0 ||
    t.leaks > 0 ||
    results.some((r) => r.error || (r.closure && !r.closure.ok));
  return opts.strict && failed ? 1 : 0;
}

process.exitCode = await run();
