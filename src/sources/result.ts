// What each source returns; loadInventory merges these into one Inventory.
import type { ClusterFacts, InputError, InputNote, InventoryObject } from '../model/types.js';

export interface SourceResult {
  objects: InventoryObject[];
  errors: InputError[];
  notes: InputNote[];
  /** Facts only a cluster, a bundle or a backup knows. */
  cluster?: Partial<ClusterFacts>;
}
