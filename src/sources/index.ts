// loadInventory: every input form to one Inventory. (The foundation helper fills this in.)
import type { Inventory } from '../model/types.js';

export interface LoadOptions {
  /** Called with progress messages on long reads (the CLI shows them on a terminal). */
  onProgress?: (message: string) => void;
  /** Standard input, for the `-` input. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
  /** Base folder relative paths in locations are computed from. @default process.cwd() */
  cwd?: string;
}

export async function loadInventory(_inputs: readonly string[], _options: LoadOptions = {}): Promise<Inventory> {
  throw new Error('not built yet');
}
