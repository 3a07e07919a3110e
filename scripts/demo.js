#!/usr/bin/env node
// `npm run demo`: runs the main job of kube2eks on the bundled example (examples/gke-shop) and writes
// its outputs to ./kube2eks-out/. A rerun removes only the files an earlier demo wrote (listed in
// kube2eks-out/.kube2eks-demo.json), never anything else in that folder.
//
// Usage: node scripts/demo.js [--out DIR]   (default: kube2eks-out, relative to the repository root)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = 'examples/gke-shop';
const MANIFEST = '.kube2eks-demo.json';

/**
 * The demo, one step after the other. A step runs one or more kube2eks command lines in-process and names
 * the files they write (relative to the output folder). Plan and generate join this list when they land.
 * The whole demo fits on two screens: the table lists blockers and warnings (the info findings feed the
 * checklist and are in the files).
 */
const steps = [
  {
    title: 'Assess: the migration checklist, then what breaks on EKS',
    runs: [['assess', EXAMPLE, '--min-severity', 'warning', '--fail-on', 'never']],
    outputs: [],
  },
  {
    title: 'Assess: every finding, as JSON, SARIF and Markdown',
    runs: [
      (out) => [
        'assess',
        EXAMPLE,
        '-o',
        'json',
        '--output',
        join(out, 'findings.json'),
        '--fail-on',
        'never',
      ],
      (out) => [
        'assess',
        EXAMPLE,
        '-o',
        'sarif',
        '--output',
        join(out, 'findings.sarif'),
        '--fail-on',
        'never',
      ],
      (out) => [
        'assess',
        EXAMPLE,
        '-o',
        'markdown',
        '--output',
        join(out, 'report.md'),
        '--fail-on',
        'never',
      ],
    ],
    outputs: ['findings.json', 'findings.sarif', 'report.md'],
  },
  {
    title:
      'Plan: the EKS cluster and its monthly cost (JSON, Markdown, and one HTML report to open in a browser)',
    runs: [
      (out) => ['plan', EXAMPLE, '--name', 'shop-eks', '-o', 'json', '--output', join(out, 'plan.json')],
      (out) => ['plan', EXAMPLE, '--name', 'shop-eks', '-o', 'markdown', '--output', join(out, 'plan.md')],
      (out) => ['plan', EXAMPLE, '--name', 'shop-eks', '-o', 'html', '--output', join(out, 'report.html')],
    ],
    outputs: ['plan.json', 'plan.md', 'report.html'],
  },
  {
    title: 'Generate: the migration kit (cluster as code, transformed manifests, images, Velero, runbook)',
    runs: [
      (out) => [
        'generate',
        EXAMPLE,
        '--out',
        join(out, 'kit'),
        '--region',
        'eu-west-1',
        '--registry',
        '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      ],
    ],
    outputs: [],
    // The kit keeps its own list of what it wrote (kit/.kube2eks-kit.json) and replaces only those files.
    checks: [
      'kit/RUNBOOK.md',
      'kit/eksctl/cluster.yaml',
      'kit/manifests/SECRETS.md',
      'kit/plan.json',
      'kit/report.html',
    ],
  },
];

function parseArgs(argv) {
  let out = 'kube2eks-out';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = argv[++i];
    else if (argv[i]?.startsWith('--out=')) out = argv[i].slice('--out='.length);
    else {
      process.stderr.write(`demo: unknown argument '${argv[i]}' (usage: node scripts/demo.js [--out DIR])\n`);
      process.exit(2);
    }
  }
  return isAbsolute(out) ? out : join(root, out);
}

/** Removes the files the previous demo run listed, staying inside the output folder. */
function removePreviousOutputs(outDir, current) {
  const listed = new Set(current);
  const manifestPath = join(outDir, MANIFEST);
  if (existsSync(manifestPath)) {
    try {
      const previous = JSON.parse(readFileSync(manifestPath, 'utf8'));
      for (const f of Array.isArray(previous.files) ? previous.files : [])
        if (typeof f === 'string') listed.add(f);
    } catch {
      // An unreadable list is ignored: only the files this demo writes are replaced.
    }
  }
  for (const name of listed) {
    const target = resolve(outDir, name);
    if (!target.startsWith(outDir + sep)) continue; // never outside the output folder
    rmSync(target, { force: true });
  }
}

/** Runs `fn` with stderr held back, printing it only if the command failed. */
async function silently(fn) {
  const held = [];
  const original = process.stderr.write;
  process.stderr.write = (chunk, encoding, callback) => {
    held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') cb();
    return true;
  };
  let code;
  try {
    code = await fn();
  } finally {
    process.stderr.write = original;
  }
  if (code !== 0) process.stderr.write(held.join(''));
  return code;
}

async function run() {
  const outDir = parseArgs(process.argv.slice(2));
  if (!ensureBuild(root)) return 2;
  const distMain = join(root, 'dist', 'cli', 'main.js');
  const { main } = await import(distMain);
  // Paths in findings are shown relative to the repository root, as a user running from there sees them.
  process.chdir(root);

  const written = steps.flatMap((s) => s.outputs);
  mkdirSync(outDir, { recursive: true });
  removePreviousOutputs(outDir, written);

  const shownOut = relative(root, outDir) || '.';
  const shownDir = shownOut.startsWith('..') ? outDir : shownOut;
  for (const [i, step] of steps.entries()) {
    process.stdout.write(`${i ? '\n' : ''}== Step ${i + 1}/${steps.length}: ${step.title}\n`);
    const quiet = step.runs.length > 1;
    for (const run of step.runs) {
      const argv = typeof run === 'function' ? run(shownDir) : run;
      process.stdout.write(`$ kube2eks ${argv.join(' ')}\n${quiet ? '' : '\n'}`);
      // Several commands in a step write files: their one-line "wrote" notes would repeat the list below.
      const code = await (quiet ? silently(() => main(argv)) : main(argv));
      if (code !== 0) {
        process.stderr.write(`demo: step ${i + 1} failed with exit code ${code}.\n`);
        return code === 1 ? 1 : 2;
      }
    }
    for (const f of [...step.outputs, ...(step.checks ?? [])]) {
      if (!existsSync(join(outDir, f))) {
        process.stderr.write(`demo: step ${i + 1} did not write ${join(shownOut, f)}.\n`);
        return 1;
      }
    }
  }
  writeFileSync(
    join(outDir, MANIFEST),
    `${JSON.stringify({ writtenBy: 'scripts/demo.js', files: written }, null, 2)}\n`,
  );

  process.stdout.write(
    `Wrote ${written.map((f) => join(shownOut, f)).join(', ')}, and the kit in ${join(shownOut, 'kit')}/ (start with RUNBOOK.md).\n`,
  );
  process.stdout.write(
    'Findings are expected: the example is a GKE cluster about to move. Next: node bin/kube2eks.js assess examples/gke-shop --summary\n',
  );
  return 0;
}

process.exitCode = await run();
