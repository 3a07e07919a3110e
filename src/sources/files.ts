// Finding the manifest files of a folder: what to read, and what to skip (charts, kustomizations, their
// patch files, hidden folders) with a note saying why.
import { type Dirent, promises as fs } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import jsyaml from 'js-yaml';
import { isRecord } from '../model/kinds.js';
import type { InputError, InputNote } from '../model/types.js';
import { isVeleroDir } from './archive.js';
import { BUNDLE_MARKER } from './bundle.js';
import { kustomizationNote } from './manifest.js';

export const MANIFEST_EXTENSION = /\.(?:ya?ml|json)$/i;
export const ARCHIVE_EXTENSION = /\.(?:tar\.gz|tgz)$/i;
const KUSTOMIZATION_NAMES: ReadonlySet<string> = new Set([
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
]);
const CHART_NAMES: ReadonlySet<string> = new Set(['Chart.yaml', 'Chart.yml']);
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules']);

export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_NAMES.has(basename(path));
}

export function isChartFile(path: string): boolean {
  return CHART_NAMES.has(basename(path));
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? path : path.slice(i + 1);
}

/** A file to read, with the path shown to the user. */
export interface FileEntry {
  abs: string;
  display: string;
}

/** A collect bundle folder, or an extracted Velero backup (`velero: true`), met in a folder walk. */
export interface FoundBackup extends FileEntry {
  velero?: boolean;
}

export interface FolderScan {
  manifests: FileEntry[];
  /** Collect bundle and extracted Velero backup folders met on the way (read as such, not as manifests). */
  bundles: FoundBackup[];
  notes: InputNote[];
  errors: InputError[];
}

export function chartNote(file: string, dir: string): InputNote {
  return {
    file,
    message: `Helm chart skipped: kube2eks reads rendered manifests; run \`helm template ${dir} | kube2eks assess -\` to assess what it renders (its crds/ folder is read)`,
  };
}

/**
 * Files a kustomization names that are not objects of their own: patches, generator inputs, transformer
 * and replacement configs. Paths resolved against the kustomization's folder.
 */
export function kustomizationInputs(text: string, dir: string): string[] {
  let doc: unknown;
  try {
    doc = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return [];
  }
  if (!isRecord(doc)) return [];
  const paths: string[] = [];
  const add = (value: unknown) => {
    // Inline patches and configs are multi-line strings, not paths.
    if (typeof value === 'string' && value !== '' && !value.includes('\n')) paths.push(resolve(dir, value));
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  for (const field of [
    'patchesStrategicMerge',
    'transformers',
    'generators',
    'validators',
    'configurations',
    'crds',
  ]) {
    for (const entry of list(doc[field])) add(entry);
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const entry of list(doc[field])) {
      if (typeof entry === 'string') add(entry);
      else if (isRecord(entry)) add(entry.path);
    }
  }
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of list(doc[field])) {
      if (!isRecord(generator)) continue;
      // `files` entries may be `key=path`.
      for (const file of list(generator.files)) {
        if (typeof file === 'string') add(file.includes('=') ? file.slice(file.indexOf('=') + 1) : file);
      }
      for (const env of [...list(generator.envs), generator.env]) add(env);
    }
  }
  if (isRecord(doc.openapi)) add(doc.openapi.path);
  return paths;
}

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  EIO: 'input/output error (a device or special file that cannot be read as a file)',
  ENXIO: 'no such device',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  EINVAL: 'not a file that can be read',
  ENODEV: 'not a file that can be read',
  ETIMEDOUT: 'timed out',
};

function plainFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return 'cannot be read';
  return Object.hasOwn(FS_ERRORS, code) ? `${FS_ERRORS[code]}` : `cannot be read (${code})`;
}

export { plainFsError };

/**
 * Walks a folder: manifest files in sorted order, skipping hidden entries, node_modules, Helm charts (but not
 * their crds/) and kustomization files with the files they name as patches or generator inputs.
 */
export async function scanFolder(absDir: string, displayDir: string): Promise<FolderScan> {
  const scan: FolderScan = { manifests: [], bundles: [], notes: [], errors: [] };
  const candidates: FileEntry[] = [];
  const kustomizations: FileEntry[] = [];
  const visited = new Set<string>();

  const walk = async (abs: string, display: string): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await fs.realpath(abs);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (error) {
      scan.errors.push({ file: display, message: `cannot read this folder: ${plainFsError(error)}` });
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    if (abs !== absDir) {
      // Only a regular file marks a bundle: a FIFO of that name would never end.
      const marker = entries.find((e) => e.name === BUNDLE_MARKER);
      if (
        marker &&
        (marker.isFile() || (marker.isSymbolicLink() && (await isRegular(join(abs, marker.name)))))
      ) {
        scan.bundles.push({ abs, display });
        return;
      }
      // An extracted Velero backup holds each object once per API version: read as a backup, not as manifests.
      if (names.has('resources') && (await isVeleroDir(abs))) {
        scan.bundles.push({ abs, display, velero: true });
        return;
      }
    }
    const chart = [...CHART_NAMES].find((n) => names.has(n));
    if (chart) {
      scan.notes.push(chartNote(join(display, chart), display));
      if (names.has('crds')) await walk(join(abs, 'crds'), join(display, 'crds'));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      const childAbs = join(abs, entry.name);
      const childDisplay = join(display, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fs.stat(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link is not an input
        }
      }
      // A named pipe, socket or device would block or never end: only regular files are read in a folder.
      if (!isDir && !isFile && MANIFEST_EXTENSION.test(entry.name)) {
        scan.notes.push({
          file: childDisplay,
          message: 'skipped: not a regular file (a named pipe, socket or device)',
        });
        continue;
      }
      if (isDir) await walk(childAbs, childDisplay);
      else if (isFile && KUSTOMIZATION_NAMES.has(entry.name))
        kustomizations.push({ abs: childAbs, display: childDisplay });
      else if (isFile && MANIFEST_EXTENSION.test(entry.name))
        candidates.push({ abs: childAbs, display: childDisplay });
    }
  };
  await walk(absDir, displayDir);

  // Patch files may sit in other folders than their kustomization: collect them all before filtering.
  const inputs = new Set<string>();
  const candidatePaths = new Set(candidates.map((c) => c.abs));
  for (const k of kustomizations) {
    let named: string[] = [];
    try {
      named = kustomizationInputs(await fs.readFile(k.abs, 'utf8'), dirname(k.abs));
    } catch (error) {
      scan.errors.push({ file: k.display, message: `cannot read this file: ${plainFsError(error)}` });
    }
    const note = kustomizationNote(k.display, dirname(k.display));
    const skipped = named.filter((p) => candidatePaths.has(p)).length;
    if (skipped > 0) {
      note.message += `; ${skipped} file${skipped === 1 ? '' : 's'} it names as patches or generator inputs ${skipped === 1 ? 'was' : 'were'} skipped`;
    }
    scan.notes.push(note);
    for (const p of named) inputs.add(p);
  }
  scan.manifests = candidates.filter((c) => !inputs.has(c.abs));
  return scan;
}

async function isRegular(path: string): Promise<boolean> {
  return (await fs.stat(path).catch(() => undefined))?.isFile() === true;
}

/** The display path of `abs`: relative to `cwd` when under it, else `fallback`. */
export function displayPath(abs: string, cwd: string, fallback: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || resolve(cwd, rel) !== abs || rel.startsWith('/')) return fallback;
  return rel;
}
