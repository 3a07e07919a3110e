// Velero backup tarballs and collect bundle tarballs, read as a stream. (The archive helper fills this in.)
import type { SourceResult } from './result.js';

/** Reads a `.tar.gz` (Velero backup or collect bundle, told apart by content) without extracting it. */
export async function readTarball(_path: string, _displayPath: string): Promise<SourceResult> {
  throw new Error('Velero backups and bundle tarballs are not supported yet');
}
