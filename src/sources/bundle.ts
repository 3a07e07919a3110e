// Collect bundle folders (kube2eks-bundle.json + NDJSON per resource). (The archive helper fills this in.)
import type { SourceResult } from './result.js';

export const BUNDLE_MARKER = 'kube2eks-bundle.json';

export async function readBundleDir(_dir: string, _displayPath: string): Promise<SourceResult> {
  throw new Error('collect bundles are not supported yet');
}
