// Writes a user catalog file, never over a file kube2eks did not write unless forced.
import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MAX_USER_CATALOG_BYTES, USER_CATALOG_MARKER, type UserCatalog } from '../../catalog/index.js';
import { readLimitedSync } from '../../sources/read-limited.js';
import { UserError } from '../errors.js';

/** True when `text` is a catalog file `catalog refresh` wrote (it carries the marker). */
export function isOwnCatalogFile(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return parsed !== null && typeof parsed === 'object' && parsed[USER_CATALOG_MARKER] === 1;
  } catch {
    return false;
  }
}

/**
 * Checks that `file` may be written: absent, not a regular file (a device or pipe), or one kube2eks wrote.
 * Raises a UserError otherwise, unless `force`.
 */
export function checkWritable(file: string, force: boolean): void {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(file);
  } catch {
    return;
  }
  if (stat.isDirectory()) throw new UserError(`--out ${file}: is a folder; name a file.`);
  if (!stat.isFile() || force) return;
  let text = '';
  try {
    text = readLimitedSync(file, MAX_USER_CATALOG_BYTES).toString('utf8');
  } catch {
    // Too large or unreadable: not a file refresh wrote.
  }
  if (!isOwnCatalogFile(text)) {
    throw new UserError(
      `${file} exists and was not written by 'kube2eks catalog refresh'; choose another --out or pass --force to replace it.`,
    );
  }
}

/** Writes the catalog as JSON: through a temp file and a rename for regular files, directly for devices. */
export function writeUserCatalog(
  file: string,
  catalog: UserCatalog,
  options: { force?: boolean } = {},
): void {
  checkWritable(file, options.force === true);
  const text = `${JSON.stringify(catalog, null, 1)}\n`;
  let regular = true;
  try {
    regular = lstatSync(file).isFile();
  } catch {
    // absent: a new regular file
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    if (!regular) {
      writeFileSync(file, text);
      return;
    }
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UserError(
      `--out ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
}
