// Writes the generated kit into its folder without ever losing a user's work.
//
// DIR/.kube2eks-kit.json records every file kube2eks wrote with the hash of what it wrote. A rerun
// replaces a file only when it is still exactly what kube2eks wrote (or already holds the new bytes);
// a file the user edited, or one kube2eks never wrote, is a conflict: nothing is written, and the
// command exits 2 naming the files, unless --force. Each file is written beside itself and renamed.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import type { Artifact } from '../generate/types.js';
import { readLimitedSync, TooLargeError } from '../sources/read-limited.js';
import { UserError } from './errors.js';

/** The kit list holds a path and a hash per generated file. */
const MAX_KIT_MANIFEST_BYTES = 16 * 1024 * 1024;

export const KIT_MANIFEST = '.kube2eks-kit.json';

/** What `.kube2eks-kit.json` holds. */
export interface KitManifest {
  kube2eksKit: 1;
  tool: { name: 'kube2eks'; version: string };
  /** Path relative to the kit folder → `sha256:<hex>` of the bytes kube2eks wrote. */
  files: Record<string, string>;
}

export type KitAction = 'create' | 'replace' | 'unchanged' | 'remove' | 'conflict' | 'keep-edited';

export interface KitChange {
  path: string;
  action: KitAction;
  /** Why a file is a conflict or is kept. */
  reason?: string;
}

export interface KitResult {
  changes: KitChange[];
  conflicts: KitChange[];
  /** True when files were written (not a dry run, no conflicts or --force). */
  written: boolean;
}

export function sha256(text: string | Buffer): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** A path an artifact may have: relative, inside the kit, plain segments. */
function checkPath(path: string): void {
  const normal = posix.normalize(path);
  if (
    path === '' ||
    isAbsolute(path) ||
    path.includes('\\') ||
    normal !== path ||
    normal.startsWith('../') ||
    normal === '..' ||
    path === KIT_MANIFEST
  ) {
    throw new Error(`generated path '${path}' is not a plain relative path inside the kit`);
  }
}

function readManifest(dir: string, force = false): KitManifest | undefined {
  const file = join(dir, KIT_MANIFEST);
  let text: string;
  try {
    // Only a regular file of a sane size: a FIFO of that name would block the run, /dev/zero never end.
    if (!lstatSync(file).isFile())
      throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    text = readLimitedSync(file, MAX_KIT_MANIFEST_BYTES).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const why =
      error instanceof TooLargeError ? error.message : ((error as NodeJS.ErrnoException).code ?? error);
    throw new UserError(`${file}: cannot read (${why}).`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<KitManifest>;
    if (parsed.kube2eksKit !== 1 || typeof parsed.files !== 'object' || parsed.files === null)
      throw new Error('not a kube2eks kit list');
    return parsed as KitManifest;
  } catch (error) {
    if (force) return undefined;
    // JSON.parse's message quotes the file: say what is wrong, not what is there.
    const what = error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message;
    throw new UserError(
      `${file}: ${what}; it is how kube2eks knows which files it wrote. Restore it, or pass --force to replace every file of the kit.`,
    );
  }
}

/** The bytes of a regular file, undefined when absent, `null` when something else (folder, link, device) is there. */
function readExisting(path: string): Buffer | undefined | null {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!stat.isFile()) return null;
  return readFileSync(path);
}

/** Decides what a write of `artifacts` into `dir` would do, without writing. */
export function planKit(dir: string, artifacts: readonly Artifact[], force: boolean): KitChange[] {
  const manifest = readManifest(dir, force);
  const recorded = manifest?.files ?? {};
  const changes: KitChange[] = [];
  const produced = new Set<string>();
  for (const artifact of artifacts) {
    checkPath(artifact.path);
    if (produced.has(artifact.path)) throw new Error(`two generated files share the path ${artifact.path}`);
    produced.add(artifact.path);
    const existing = readExisting(join(dir, artifact.path));
    if (existing === undefined) {
      changes.push({ path: artifact.path, action: 'create' });
      continue;
    }
    if (existing === null) {
      changes.push({
        path: artifact.path,
        action: force ? 'replace' : 'conflict',
        reason: 'something other than a regular file is there',
      });
      continue;
    }
    if (existing.equals(Buffer.from(artifact.content, 'utf8'))) {
      changes.push({ path: artifact.path, action: 'unchanged' });
      continue;
    }
    const hash = sha256(existing);
    const mine = recorded[artifact.path];
    if (mine === hash) changes.push({ path: artifact.path, action: 'replace' });
    else if (force) changes.push({ path: artifact.path, action: 'replace' });
    else
      changes.push({
        path: artifact.path,
        action: 'conflict',
        reason: mine ? 'edited since kube2eks wrote it' : 'not written by kube2eks',
      });
  }
  // Files of the previous kit that this run no longer makes: remove them if untouched, keep them if edited.
  for (const [path, hash] of Object.entries(recorded).sort(([a], [b]) => a.localeCompare(b))) {
    if (produced.has(path)) continue;
    try {
      checkPath(path);
    } catch {
      continue; // A hand-edited list naming a path outside the kit: never touch it.
    }
    const existing = readExisting(join(dir, path));
    if (existing === undefined || existing === null) continue;
    if (sha256(existing) === hash) changes.push({ path, action: 'remove' });
    else changes.push({ path, action: 'keep-edited', reason: 'no longer generated, and edited: kept' });
  }
  return changes;
}

function writeAtomic(target: string, content: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.kube2eks.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    // A symlink or other non-file at the target is replaced, not followed (only with --force).
    const stat = lstatOrUndefined(target);
    if (stat?.isDirectory()) throw new UserError(`${target}: a folder is in the way of a generated file.`);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes the kit: every artifact under `dir`, then the list of what was written. With conflicts and no
 * `force`, or with `dryRun`, nothing is written.
 */
export function writeKit(
  dir: string,
  artifacts: readonly Artifact[],
  options: { force: boolean; dryRun: boolean; toolVersion: string },
): KitResult {
  const root = resolve(dir);
  const stat = lstatOrUndefined(root);
  if (stat && !statSync(root).isDirectory()) throw new UserError(`--out ${dir}: is not a folder.`);
  const changes = planKit(root, artifacts, options.force);
  const conflicts = changes.filter((c) => c.action === 'conflict');
  if (options.dryRun || conflicts.length > 0) return { changes, conflicts, written: false };

  mkdirSync(root, { recursive: true });
  const byPath = new Map(artifacts.map((a) => [a.path, a]));
  const previous = readManifest(root, options.force)?.files ?? {};
  const files: Record<string, string> = {};
  for (const change of changes) {
    const artifact = byPath.get(change.path);
    if (change.action === 'create' || change.action === 'replace') {
      writeAtomic(join(root, change.path), artifact!.content);
      files[change.path] = sha256(artifact!.content);
    } else if (change.action === 'unchanged') {
      files[change.path] = sha256(artifact!.content);
    } else if (change.action === 'remove') {
      rmSync(join(root, change.path), { force: true });
    } else if (change.action === 'keep-edited') {
      // Still recorded with the hash kube2eks wrote, so a later run keeps treating it as edited.
      const hash = previous[change.path];
      if (hash) files[change.path] = hash;
    }
  }
  const manifest: KitManifest = {
    kube2eksKit: 1,
    tool: { name: 'kube2eks', version: options.toolVersion },
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  writeAtomic(join(root, KIT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { changes, conflicts, written: true };
}

/** Lines telling what a run did (or would do), for stderr. */
export function describeKit(result: KitResult, dir: string, dryRun: boolean): string {
  const count = (action: KitAction) => result.changes.filter((c) => c.action === action).length;
  const lines: string[] = [];
  if (dryRun) {
    for (const c of result.changes) {
      if (c.action === 'unchanged') continue;
      lines.push(`  ${c.action.padEnd(11)} ${posix.join(dir, c.path)}${c.reason ? ` (${c.reason})` : ''}`);
    }
  }
  const summary = `${count('create')} new, ${count('replace')} replaced, ${count('unchanged')} unchanged, ${count('remove')} removed`;
  if (result.conflicts.length > 0) {
    lines.push(
      `kube2eks: ${result.conflicts.length} file${result.conflicts.length === 1 ? '' : 's'} in ${dir} would be overwritten; nothing was written:`,
    );
    for (const c of result.conflicts) lines.push(`  ${posix.join(dir, c.path)}: ${c.reason}`);
    lines.push(
      'Move your changes elsewhere (or delete the files) and run again, or pass --force to overwrite them.',
    );
  } else if (dryRun) {
    lines.push(`kube2eks: dry run, nothing written to ${dir}: would write ${summary}.`);
  } else {
    lines.push(`kube2eks: wrote the kit to ${dir}: ${summary}.`);
  }
  for (const c of result.changes)
    if (c.action === 'keep-edited') lines.push(`  kept ${posix.join(dir, c.path)}: ${c.reason}`);
  return `${lines.join('\n')}\n`;
}
