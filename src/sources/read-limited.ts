// Reading with a size limit. A settings, catalog or kubeconfig file named `/dev/zero` (or a link to it, or
// a pipe that never ends) would otherwise be read until memory runs out; a regular file over the limit is
// refused before it is read.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** The input is larger than the limit allows. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  constructor(readonly maxBytes: number) {
    super(`larger than ${formatBytes(maxBytes)}`);
  }
}

/** `1 MB`, `64 MB`, `2 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

const CHUNK = 64 * 1024;

/** The bytes of `path` (a file, pipe or device), at most `maxBytes`; throws TooLargeError past them. */
export function readLimitedSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (st.isFile() && st.size > maxBytes) throw new TooLargeError(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new TooLargeError(maxBytes);
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Async form of readLimitedSync. */
export async function readLimited(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (st.isFile() && st.size > maxBytes) throw new TooLargeError(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new TooLargeError(maxBytes);
      chunks.push(bytesRead === CHUNK ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * A stream's bytes (standard input, a pipe named on the command line), at most `maxBytes`. `stop` looks at
 * the first chunk and may end the read early with a reason (binary data from `/dev/zero`).
 */
export async function readStreamLimited(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  stop?: (first: Buffer) => string | undefined,
): Promise<Buffer | { stopped: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
    if (chunks.length === 0 && stop) {
      const reason = stop(chunk);
      if (reason !== undefined) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return { stopped: reason };
      }
    }
    total += chunk.length;
    if (total > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new TooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
