// `.tar.gz` inputs: a Velero backup or a collect bundle, told apart by content (the bundle marker).
// Read as one stream through node-tar's parser: nothing is extracted, nothing is written.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { isRecord } from '../model/kinds.js';
import type { InputError, InputNote, InventoryObject, KubeObject } from '../model/types.js';
import {
  apiVersionOf,
  BUNDLE_MARKER,
  BUNDLE_RESOURCE_PATTERN,
  type BundleManifest,
  bundleNotes,
  NdjsonReader,
  parseBundleManifest,
} from './bundle.js';
import { nodeFactOf } from './cluster/facts.js';
import type { SourceResult } from './result.js';
import { toInventoryObject } from './sanitize.js';

/** Velero's copy of one object; a `<version>-preferredversion/` copy beats the classic one, which beats other versions. */
interface VeleroCopy {
  rank: number;
  entry: string;
  object: KubeObject;
}

const PREFERRED_SUFFIX = '-preferredversion';

/**
 * Parses `resources/<resource>[.<group>]/[<version>[-preferredversion]/](namespaces/<ns>|cluster)/<name>.json`.
 * Returns the object key (the same for every version copy) and the copy's rank.
 */
export function veleroEntry(path: string): { key: string; rank: number } | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'resources' || parts.length < 4 || !parts[1]) return undefined;
  const resource = parts[1];
  let rest = parts.slice(2);
  let rank = 2;
  if (rest[0] !== 'namespaces' && rest[0] !== 'cluster') {
    rank = rest[0]?.endsWith(PREFERRED_SUFFIX) ? 3 : 1;
    rest = rest.slice(1);
  }
  const file = rest.at(-1);
  if (!file?.endsWith('.json') || file === '.json') return undefined;
  const name = file.slice(0, -'.json'.length);
  if (rest[0] === 'namespaces' && rest.length === 3 && rest[1])
    return { key: `${resource}|${rest[1]}|${name}`, rank };
  if (rest[0] === 'cluster' && rest.length === 2) return { key: `${resource}||${name}`, rank };
  return undefined;
}

/** Why an archive entry is refused (never read), or undefined when it is a plain entry. */
export function unsafeEntry(entry: Pick<ReadEntry, 'path' | 'type'>): string | undefined {
  if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
    return `refused: the archive entry is a ${entry.type === 'Link' ? 'hard' : 'symbolic'} link`;
  }
  const path = entry.path;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
    return 'refused: the archive entry has an absolute path';
  }
  if (path.split('/').includes('..')) return 'refused: the archive entry points outside the archive (..)';
  return undefined;
}

function readText(entry: ReadEntry): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    entry.on('error', reject);
  });
}

/** Reads a `.tar.gz` (Velero backup or collect bundle, told apart by content) without extracting it. */
export async function readTarball(path: string, displayPath: string): Promise<SourceResult> {
  const errors: InputError[] = [];
  const notes: InputNote[] = [];
  const velero = new Map<string, VeleroCopy>();
  const veleroErrors: InputError[] = [];
  const ndjson: Array<{ prefix: string; reader: NdjsonReader }> = [];
  const markers: Array<{ prefix: string; text: string }> = [];
  let veleroFormat: string | undefined;
  const pending: Array<Promise<void>> = [];

  const onEntry = (entry: ReadEntry) => {
    const name = entry.path.replace(/^(\.\/)+/, '');
    const refused = unsafeEntry(entry);
    if (refused) {
      errors.push({ file: displayPath, entry: entry.path, message: refused });
      entry.resume();
      return;
    }
    if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
      entry.resume();
      return;
    }
    const markerMatch = /^(?:([^/]+)\/)?kube2eks-bundle\.json$/.exec(name);
    if (markerMatch) {
      pending.push(readText(entry).then((text) => void markers.push({ prefix: markerMatch[1] ?? '', text })));
      return;
    }
    const bundleMatch = BUNDLE_RESOURCE_PATTERN.exec(name);
    if (bundleMatch) {
      const [, prefix = '', group = '', version = ''] = bundleMatch;
      const entryPath = prefix ? name.slice(prefix.length + 1) : name;
      const reader = new NdjsonReader(
        (line) => ({ file: displayPath, entry: entryPath, line }),
        apiVersionOf(group, version),
      );
      ndjson.push({ prefix, reader });
      const decoder = new TextDecoder();
      entry.on('data', (chunk: Buffer) => reader.push(decoder.decode(chunk, { stream: true })));
      pending.push(
        new Promise((resolve) =>
          entry.on('end', () => {
            reader.push(decoder.decode());
            resolve(reader.end());
          }),
        ),
      );
      return;
    }
    if (name === 'metadata/version') {
      pending.push(
        readText(entry).then((text) => {
          veleroFormat = text.trim();
        }),
      );
      return;
    }
    const copy = veleroEntry(name);
    if (!copy) {
      entry.resume();
      return;
    }
    pending.push(
      readText(entry).then((text) => {
        const previous = velero.get(copy.key);
        if (previous && previous.rank >= copy.rank) return;
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch {
          // Never quote the text: it may be a Secret.
          veleroErrors.push({ file: displayPath, entry: name, message: 'not valid JSON' });
          return;
        }
        if (!isRecord(doc) || typeof doc.kind !== 'string') {
          veleroErrors.push({ file: displayPath, entry: name, message: 'not a Kubernetes object (no kind)' });
          return;
        }
        velero.set(copy.key, { rank: copy.rank, entry: name, object: doc as KubeObject });
      }),
    );
  };

  const parser = new Parser({
    onReadEntry: onEntry,
    onwarn: (code: string, message: string | Error) => {
      const text = typeof message === 'string' ? message : message.message;
      if (code === 'TAR_ENTRY_INFO') return;
      errors.push({ file: displayPath, message: `damaged archive: ${text}` });
    },
  });
  try {
    await pipeline(createReadStream(path), parser as unknown as NodeJS.WritableStream);
    await Promise.all(pending);
  } catch (error) {
    errors.push({ file: displayPath, message: `cannot read the archive: ${(error as Error).message}` });
    return { objects: [], errors, notes };
  }

  const marker = markers[0];
  if (marker) {
    const parsed = parseBundleManifest(marker.text);
    if (!parsed.ok) {
      errors.push({ file: displayPath, entry: BUNDLE_MARKER, message: parsed.message });
      return { objects: [], errors, notes };
    }
    const readers = ndjson.filter((n) => n.prefix === marker.prefix).map((n) => n.reader);
    return {
      objects: readers.flatMap((r) => r.objects),
      errors: [...errors, ...readers.flatMap((r) => r.errors)],
      notes: [...notes, ...bundleNotes(parsed.manifest as BundleManifest, displayPath)],
      cluster: parsed.cluster,
    };
  }

  if (velero.size === 0 && veleroErrors.length === 0) {
    errors.push({
      file: displayPath,
      message: `neither a Velero backup (no resources/<type>/…/<name>.json entries) nor a kube2eks bundle (no ${BUNDLE_MARKER})`,
    });
    return { objects: [], errors, notes };
  }
  const objects: InventoryObject[] = [];
  const nodes: KubeObject[] = [];
  for (const copy of velero.values()) {
    const item = toInventoryObject(copy.object, { file: displayPath, entry: copy.entry }, 'backup');
    objects.push(item);
    if (item.ref.kind === 'Node') nodes.push(item.object);
  }
  if (veleroFormat)
    notes.push({ file: displayPath, message: `Velero backup, format version ${veleroFormat}` });
  return {
    objects,
    errors: [...errors, ...veleroErrors],
    notes,
    cluster: { nodes: nodes.map(nodeFactOf) },
  };
}
