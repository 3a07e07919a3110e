#!/usr/bin/env node
// `npm run eval -- [FOLDER] [--strict] [--quiet] [--case NAME]`: scores `kube2eks assess` on answer-keyed
// cases. FOLDER holds one folder per case with `input/` (or an `input:` path in the key, relative to the
// case folder) and `expected.yaml`; without FOLDER, the repository's own cases in test/fixtures/eval. Each case runs in-process through the built CLI (dist/), exactly as
//   kube2eks assess <case>/input --format json --target-version <assumptions.target_eks_version> --fail-on never
// and, to check that no must_not_output_strings value leaks, once more per other format. Scoring is in
// scripts/eval/score.js. Writes .kube2eks-eval/report.json. Exits 0 unless --strict (then 1 on any miss,
// violation, leak or failed run).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  if (plan) result.plan = planSummary(key.case, plan);
  result.inputErrors = parseErrors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  result.formatProblems = formatProblems;
  return result;
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
  process.stdout.write(text);

  const outDir = join(root, '.kube2eks-eval');
  mkdirSync(outDir, { recursive: true });
  const report = { folder, generatedAt: new Date().toISOString(), totals: totals(results), cases: results };
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nWrote ${relative(process.cwd(), join(outDir, 'report.json'))}\n`);

  const t = report.totals;
  const failed = t.matched < t.expected || t.violations > 0 || t.leaks > 0 || results.some((r) => r.error);
  return opts.strict && failed ? 1 : 0;
}

process.exitCode = await run();
