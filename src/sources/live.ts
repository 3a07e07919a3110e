// `context:NAME` inputs: collect from a live cluster in memory, read-only. (The collect helper fills this in.)
import type { SourceResult } from './result.js';

export interface LiveOptions {
  kubeconfig?: string;
  namespaces?: string[];
  onProgress?: (message: string) => void;
}

export async function readContext(_context: string, _options: LiveOptions = {}): Promise<SourceResult> {
  throw new Error('live clusters are not supported yet');
}
