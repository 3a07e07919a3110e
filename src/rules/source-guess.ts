// Guesses the source platform from what the inventory holds, with the evidence.
// TODO(rule catalog issue): provisioners, node labels, annotations and kinds.
import type { Catalog } from '../catalog/index.js';
import type { Inventory, SourceGuess } from '../model/types.js';
import { toMinor } from '../catalog/versions.js';

export function guessSource(inventory: Inventory, _catalog: Catalog): SourceGuess {
  const guess: SourceGuess = { provider: 'unknown', evidence: [] };
  const version = inventory.cluster.serverVersion ? toMinor(inventory.cluster.serverVersion) : undefined;
  if (version) guess.kubernetesVersion = version;
  return guess;
}
