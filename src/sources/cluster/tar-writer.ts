// A gzip-compressed tar built in memory from named buffers (the collect bundle is held in memory
// anyway), with PAX headers for long paths. Uses node-tar's header encoder.
import { gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';

export interface TarEntry {
  path: string;
  body?: string | Buffer;
  /** @default 'File' */
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link';
  linkpath?: string;
}

const BLOCK = 512;

export function tarGz(entries: readonly TarEntry[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.body === undefined ? Buffer.alloc(0) : Buffer.from(entry.body);
    const type = entry.type ?? 'File';
    const data = {
      path: entry.path,
      mode: type === 'Directory' ? 0o755 : 0o644,
      uid: 0,
      gid: 0,
      size: type === 'File' ? body.length : 0,
      mtime,
      type,
      linkpath: entry.linkpath ?? '',
      uname: '',
      gname: '',
    } as const;
    const header = new Header(data);
    const block = Buffer.alloc(BLOCK);
    header.encode(block);
    if (header.needPax) parts.push(new Pax({ path: entry.path, linkpath: data.linkpath, mtime }).encode());
    parts.push(block);
    if (type === 'File' && body.length) {
      parts.push(body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}
