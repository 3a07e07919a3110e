// Every command of the CLI, in the order --help lists them. Each module exports one register function.
import type { Command } from 'commander';
import { registerAssess } from './assess.js';
import { registerCatalog } from './catalog.js';
import { registerCollect } from './collect.js';
import { registerMaxpods } from './maxpods.js';
import { registerPlan } from './plan.js';
import { registerRules } from './rules.js';
import { registerVerify } from './verify.js';
import { registerVersions } from './versions.js';

/** Adds a command to the program; `setExit` records the exit code the command decided. */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const COMMANDS: RegisterCommand[] = [
  registerAssess,
  registerPlan,
  registerRules,
  registerMaxpods,
  registerVersions,
  registerCatalog,
  registerCollect,
  registerVerify,
];
