// Writes a report to stdout or to --output FILE. A regular file is written beside itself and renamed,
// so a reader never sees half a report and a failed write leaves the previous one; devices, pipes and
// anything else that is not a regular file (/dev/stdout, /dev/fd/N, a FIFO) are written directly.
// A report may come in pieces (JSON and SARIF of a big cluster): they are written as they come, never
// joined into one string.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './errors.js';

let pipeGuard = false;
let stdoutError: NodeJS.ErrnoException | undefined;

/**
 * A closed pipe (`kube2eks assess . | head`) is not an error worth a stack trace; any other failure to write
 * stdout (`> /dev/full`) is remembered for stdoutFailure.
 */
export function ignoreClosedStdout(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') stdoutError ??= error;
  });
}

/**
 * Waits for what was written to stdout to be handed to the system, and says why it could not be, if so
 * (a full disk behind `> file`). The CLI then exits 2 with one line instead of a stack trace.
 */
export async function stdoutFailure(): Promise<string | undefined> {
  // A failed write reports its error on a later tick.
  await new Promise<void>((done) => setImmediate(done));
  // The stream may know of its error before its 'error' event is emitted.
  const error = stdoutError ?? (process.stdout.errored as NodeJS.ErrnoException | null | undefined);
  return error && error.code !== 'EPIPE' ? describeError(error) : undefined;
}

/** A path naming a file descriptor of this process: written through that descriptor, never reopened. */
function descriptorOf(path: string): number | undefined {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/** Pieces go to standard output in batches of about this many characters (a stream keeps what it is given). */
const BATCH_CHARS = 1024 * 1024;

/** The text, or its pieces joined into batches of about BATCH_CHARS. */
function* batches(text: string | Iterable<string>): Generator<string> {
  if (typeof text === 'string') {
    yield text;
    return;
  }
  let parts: string[] = [];
  let size = 0;
  for (const part of text) {
    parts.push(part);
    size += part.length;
    if (size >= BATCH_CHARS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield parts.join('');
}

/** An error of the file system while writing, told apart from one of the report's own making. */
class WriteFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Writes `text` (one string, or its pieces in order) to `file` (relative to `cwd`), or to stdout when `file`
 * is undefined. Replaces a previous file of that name: the user named it.
 * @returns `file` when a regular file was written, `stream` for stdout, a device or a pipe
 */
export function writeOutput(
  file: string | undefined,
  text: string | Iterable<string>,
  cwd: string = process.cwd(),
): 'file' | 'stream' {
  if (file === undefined || file === '-') {
    ignoreClosedStdout();
    for (const batch of batches(text)) process.stdout.write(batch);
    return 'stream';
  }
  if (file === '') throw new UserError('--output needs a file name (or - for standard output).');
  const path = resolve(cwd, file);
  // `/dev/stdout` may stand for a file (`>> build.log`): renaming over it would destroy that file, and opening
  // it again would truncate it. The descriptor itself is written, as a shell redirection would.
  const fd = descriptorOf(path);
  if (fd === 1) return writeOutput(undefined, text, cwd);
  if (fd !== undefined) {
    writeDescriptor(fd, text, file);
    return 'stream';
  }
  const link = lstatOrUndefined(path);
  let target = path;
  let existing: Stats | undefined;
  if (link?.isSymbolicLink()) {
    existing = statOrUndefined(path);
    // Follow the link so it keeps pointing at the report; a dangling link names the file to create.
    target = existing ? realpathSync(path) : resolve(dirname(path), readlinkSync(path));
  } else {
    existing = link;
  }
  if (existing?.isDirectory()) throw new UserError(`--output ${file}: is a folder; name a file.`);
  if (existing && !existing.isFile()) {
    // A device, a pipe or a socket: there is nothing to rename over.
    writeDirect(target, text, file);
    return 'stream';
  }
  const folder = dirname(target);
  const folderStat = statOrUndefined(folder);
  if (!folderStat)
    throw new UserError(`--output ${file}: the folder ${dirname(file)} does not exist; create it first.`);
  if (!folderStat.isDirectory()) throw new UserError(`--output ${file}: ${dirname(file)} is not a folder.`);
  removeStaleTemps(folder, basename(target));
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let out: number | undefined;
  try {
    // A replaced report keeps its permissions.
    out = fsCall(() => openSync(temp, 'wx', existing ? existing.mode & 0o777 : 0o666));
    writeText(out, text);
    const opened = out;
    out = undefined;
    fsCall(() => closeSync(opened));
    fsCall(() => renameSync(temp, target));
  } catch (error) {
    if (out !== undefined) closeSync(out);
    rmSync(temp, { force: true });
    // A report that failed to render is the caller's error, not the file system's.
    if (!(error instanceof WriteFailure)) throw error;
    throw new UserError(`--output ${file}: cannot write (${describeError(error.error)}).`);
  }
  return 'file';
}

/** Runs a file-system call, marking its error as one of writing. */
function fsCall<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new WriteFailure(error);
  }
}

/** Pieces are encoded into one buffer of this size, reused, and written when it is full. */
const SCRATCH_BYTES = 4 * 1024 * 1024;
let scratch: Buffer | undefined;

/**
 * Writes the text, or its pieces in order, to `fd`. Pieces are encoded one after another into one reused
 * buffer, written out when it is full: no joined batch and no buffer per batch is made (for a big report,
 * a hundred megabytes of garbage). Only the writes are the file system's errors (`fsCall`): a piece that
 * fails to render is the report's.
 */
function writeText(fd: number, text: string | Iterable<string>): void {
  scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  const buffer = scratch;
  let used = 0;
  const flush = () => {
    const end = used;
    used = 0;
    fsCall(() => writeBytes(fd, buffer, end));
  };
  for (const piece of typeof text === 'string' ? [text] : text) {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (piece.length * 3 > SCRATCH_BYTES - used) flush();
    if (piece.length * 3 <= SCRATCH_BYTES) used += buffer.write(piece, used);
    else {
      const bytes = Buffer.from(piece);
      fsCall(() => writeBytes(fd, bytes, bytes.length));
    }
  }
  flush();
}

function writeBytes(fd: number, bytes: Buffer, end: number): void {
  for (let offset = 0; offset < end; ) offset += writeSync(fd, bytes, offset, end - offset);
}

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Temp files of earlier runs for the same report whose process is gone (killed mid-write). */
function removeStaleTemps(folder: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TEMP_NAME.exec(entry);
    if (!m || m[1] !== name) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) continue;
    const path = join(folder, entry);
    // Only a regular file we could have written is removed.
    if (lstatOrUndefined(path)?.isFile()) rmSync(path, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeDescriptor(fd: number, text: string | Iterable<string>, file: string): void {
  try {
    writeText(fd, text);
  } catch (failure) {
    if (!(failure instanceof WriteFailure)) throw failure;
    const error = failure.error;
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw new UserError(`--output ${file}: cannot write (${describeError(error)}).`);
  }
}

function writeDirect(target: string, text: string | Iterable<string>, file: string): void {
  let fd: number | undefined;
  try {
    // Appending never truncates what a device or pipe stands for.
    fd = openSync(target, 'a');
    writeDescriptor(fd, text, file);
  } catch (error) {
    if (error instanceof UserError) throw error;
    // The reader went away (`--output /dev/stdout | head`): nothing left to tell.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw new UserError(`--output ${file}: cannot write (${describeError(error)}).`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOSPC') return 'no space left on the device';
  if (e.code === 'EROFS') return 'read-only file system';
  if (e.code === 'EAGAIN') return 'the reader is not keeping up';
  return e.code ?? String(error);
}
