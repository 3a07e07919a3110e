// Writes a collection as a bundle folder or `.tar.gz`, never over something that is not a previous bundle.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { TOOL_VERSION } from '../../version.js';
import { BUNDLE_FORMAT, BUNDLE_MARKER, type BundleManifest, bundleResourceFile } from '../bundle.js';
import type { Collection } from './collector.js';
import { tarGz } from './tar-writer.js';

export interface BundleFile {
  path: string;
  body: string;
}

/** The files of a bundle: the marker, then one NDJSON file per resource type (empty types included). */
export function bundleFiles(
  collection: Collection,
  meta: { context?: string; namespaces?: readonly string[] },
): BundleFile[] {
  const manifest: BundleManifest = {
    kube2eksBundle: BUNDLE_FORMAT,
    tool: { name: 'kube2eks', version: TOOL_VERSION },
    collectedAt: collection.collectedAt,
    nodes: collection.nodes,
    forbidden: collection.forbidden,
    failed: collection.failed,
    resources: collection.resources.map(({ type, objects }) => ({
      group: type.group,
      version: type.version,
      resource: type.resource,
      kind: type.kind,
      namespaced: type.namespaced,
      count: objects.length,
    })),
  };
  if (collection.serverVersion) manifest.serverVersion = collection.serverVersion;
  if (meta.context) manifest.context = meta.context;
  if (meta.namespaces?.length) manifest.namespaces = [...meta.namespaces];
  if (collection.usage) manifest.usage = collection.usage;
  const files: BundleFile[] = [{ path: BUNDLE_MARKER, body: `${JSON.stringify(manifest, null, 2)}\n` }];
  for (const { type, objects } of collection.resources) {
    files.push({
      path: bundleResourceFile(type.group, type.version, type.resource),
      body: objects.map((o) => `${JSON.stringify(o)}\n`).join(''),
    });
  }
  return files;
}

/** Thrown when the output exists and is not a bundle kube2eks wrote. */
export class BundleTargetError extends Error {
  override name = 'BundleTargetError';
}

/**
 * Each file must stay inside the bundle: a relative path of plain segments (no `..`, no absolute path). The
 * names come from the API server; discovery validates them, and this proves it before anything is written.
 */
export function assertInsideBundle(path: string): void {
  const segments = path.split('/');
  if (
    path.startsWith('/') ||
    path.includes('\\') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new BundleTargetError(`refused to write ${JSON.stringify(path)}: the path would leave the bundle`);
  }
}

/** Writes the bundle to `out`: a `.tar.gz` when the name ends so, else a folder. */
export async function writeBundle(files: readonly BundleFile[], out: string): Promise<void> {
  for (const file of files) assertInsideBundle(file.path);
  if (/\.(tar\.gz|tgz)$/.test(out)) await writeTarball(files, out);
  else await writeFolder(files, out);
}

async function writeTarball(files: readonly BundleFile[], out: string): Promise<void> {
  const existing = await lstat(out).catch(() => undefined);
  if (existing) {
    if (!existing.isFile() || !(await isBundleTarball(out))) {
      throw new BundleTargetError(
        `${out} exists and is not a kube2eks bundle; choose another --out or remove it`,
      );
    }
  }
  const data = tarGz(files.map((f) => ({ path: f.path, body: f.body })));
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, data, { flag: 'wx' });
  await rename(temp, out);
}

/** A tarball holding the bundle marker at its root. */
async function isBundleTarball(path: string): Promise<boolean> {
  let found = false;
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      if (entry.path.replace(/^\.\//, '') === BUNDLE_MARKER) found = true;
      entry.resume();
    },
  });
  try {
    await pipeline(createReadStream(path), parser as unknown as NodeJS.WritableStream);
  } catch {
    return false;
  }
  return found;
}

async function writeFolder(files: readonly BundleFile[], out: string): Promise<void> {
  const existing = await lstat(out).catch(() => undefined);
  let replace = false;
  if (existing) {
    if (!existing.isDirectory())
      throw new BundleTargetError(`${out} exists and is not a folder; choose another --out`);
    const names = await readdir(out);
    if (names.length > 0) {
      const onlyBundle =
        names.includes(BUNDLE_MARKER) && names.every((n) => n === BUNDLE_MARKER || n === 'resources');
      if (!onlyBundle) {
        throw new BundleTargetError(
          `${out} is not empty and not a kube2eks bundle (only ${BUNDLE_MARKER} and resources/ may be there); choose another --out`,
        );
      }
      replace = true;
    }
  }
  // Written beside the target and swapped in, so an interrupted run never leaves half a bundle.
  const temp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(temp);
  try {
    for (const file of files) {
      const target = resolve(temp, file.path);
      if (!target.startsWith(`${resolve(temp)}${sep}`))
        throw new BundleTargetError(`refused to write ${file.path}`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.body, { flag: 'wx' });
    }
    if (replace) {
      const old = `${temp}.old`;
      await rename(out, old);
      await rename(temp, out);
      await rm(old, { recursive: true, force: true });
    } else {
      if (existing) await rmdir(out);
      await rename(temp, out);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
