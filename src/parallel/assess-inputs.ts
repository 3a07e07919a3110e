// assess from input paths on every core (docs/architecture.md, "Parallel assess"): worker threads parse
// and run the per-object rules next to the parser; the main thread keeps slim objects, builds the rules'
// indexes, and runs the cross-object rules, the source guess and the summary. Gives what
// `assess(await loadInventory(inputs))` gives, with less memory and time.
import { type AssessOptions, type AssessSetup, assessResult, assessSetup, runOptionsOf } from '../assess.js';
import type { LoadCatalogOptions } from '../catalog/index.js';
import type { AssessResult, Inventory, InventoryObject } from '../model/types.js';
import { namespaceFacts } from '../plan/namespaces.js';
import {
  activeRules,
  mergeFindings,
  prepareObjectChecks,
  runInventoryChecks,
  runObjectChecks,
} from '../rules/engine.js';
import { registry } from '../rules/index.js';
import { guessSource } from '../source-guess/source-guess.js';
import { type LoadOptions, loadInventory } from '../sources/index.js';
import { collectIfGrown } from './gc.js';
import { Pool, type PoolOptions } from './pool.js';

export interface AssessInputsOptions extends Omit<AssessOptions, 'rules'>, PoolOptions {
  /** How the catalog is loaded, so the worker threads load the same one. @default the shipped catalog */
  catalogOptions?: LoadCatalogOptions;
  load?: Omit<LoadOptions, 'parseFile' | 'parseListPiece' | 'bigJsonBytes' | 'adopt'>;
  /** Called once the inputs are read, before the rules run. */
  onRead?: (inventory: Inventory) => void;
}

export async function assessInputs(
  inputs: readonly string[],
  options: AssessInputsOptions = {},
): Promise<{ result: AssessResult; inventory: Inventory; setup: AssessSetup }> {
  const setup = assessSetup(options);
  const pool = new Pool(
    {
      targetVersion: setup.targetVersion,
      now: setup.now.getTime(),
      catalog: options.catalogOptions ?? {},
      disabled: [...(options.disabledRules ?? [])],
      severityOverrides: [...(options.severityOverrides ?? [])],
    },
    options,
  );
  try {
    const inventory = await loadInventory(inputs, {
      ...options.load,
      parseFile: pool.parseFile,
      parseListPiece: pool.parseListPiece,
      bigJsonBytes: pool.bigJsonBytes,
      adopt: pool.adopt,
    });
    // Fresh threads for phase 2 load their modules while this thread builds the rules' indexes.
    await pool.restartThreads();
    options.onRead?.(inventory);
    // The chunks' JSON texts are dead now: collected before the rules build their indexes (and under the
    // heap settings `onRead` may have made).
    collectIfGrown();
    const runOptions = runOptionsOf(options);
    const input = prepareObjectChecks(registry, inventory, setup, runOptions);
    const objectFindings = pool.check(
      inventory,
      input,
      activeRules(registry, runOptions).length,
      (ruleId, item, error) => options.onRuleError?.(ruleId, item as InventoryObject | undefined, error),
    );
    // The cross-object rules run here while the threads run the per-object ones, and the per-object
    // rules with an index that look at every object (on the slim objects this thread holds anyway).
    const inventoryFindings = runInventoryChecks(registry, inventory, setup, runOptions);
    const here = runObjectChecks(registry, inventory.objects, setup, input, 0, runOptions, 'main');
    // And what the result takes from the inventory alone, while the threads finish.
    const source = guessSource(inventory, setup.catalog);
    const namespaces = namespaceFacts(inventory);
    const threads = await objectFindings;
    // The threads' work is done: their memory goes back before the summary and the report are built. No
    // collection here: it held the summary up by about a second, and the run's peak is earlier.
    await pool.close();
    for (const [r, list] of here.entries()) threads[r]?.push(...list);
    const findings = mergeFindings(threads, inventoryFindings);
    return { result: assessResult(inventory, findings, setup, source, namespaces), inventory, setup };
  } finally {
    await pool.close();
  }
}
