// Writes a report to stdout or to --output FILE. A regular file is written beside itself and renamed,
// so a reader never sees half a report and a failed write leaves the previous one; devices and pipes
// (/dev/stdout, a FIFO) are written directly.
import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './errors.js';

let pipeGuard = false;

/** A closed pipe (`kube2eks assess . | head`) is not an error worth a stack trace. */
export function ignoreClosedStdout(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * Writes `text` to `file` (relative to `cwd`), or to stdout when `file` is undefined.
 * Replaces a previous file of that name: the user named it.
 * @returns `file` when a regular file was written, `stream` for stdout, a device or a pipe
 */
export function writeOutput(
  file: string | undefined,
  text: string,
  cwd: string = process.cwd(),
): 'file' | 'stream' {
  if (file === undefined || file === '-') {
    ignoreClosedStdout();
    process.stdout.write(text);
    return 'stream';
  }
  let target = resolve(cwd, file);
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) throw new UserError(`--output ${file}: is a folder; name a file.`);
  if (existing && !existing.isFile()) {
    // A device, a pipe or a socket: there is nothing to rename over.
    writeDirect(target, text, file);
    return 'stream';
  }
  // Follow a symlink so the link keeps pointing at the report.
  if (existing) target = realpathSync(target);
  const folder = dirname(target);
  const folderStat = statOrUndefined(folder);
  if (!folderStat)
    throw new UserError(`--output ${file}: the folder ${dirname(file)} does not exist; create it first.`);
  if (!folderStat.isDirectory()) throw new UserError(`--output ${file}: ${dirname(file)} is not a folder.`);
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // A replaced report keeps its permissions.
    writeFileSync(temp, text, { flag: 'wx', ...(existing ? { mode: existing.mode & 0o777 } : {}) });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UserError(`--output ${file}: cannot write (${describeError(error)}).`);
  }
  return 'file';
}

function writeDirect(target: string, text: string, file: string): void {
  try {
    writeFileSync(target, text);
  } catch (error) {
    // The reader went away (`--output /dev/stdout | head`): nothing left to tell.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw new UserError(`--output ${file}: cannot write (${describeError(error)}).`);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOSPC') return 'no space left on the device';
  if (e.code === 'EROFS') return 'read-only file system';
  return e.code ?? String(error);
}
