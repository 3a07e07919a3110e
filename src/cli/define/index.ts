// Every command of the CLI, in the order --help lists them. Each module exports one register function that
// declares the command (arguments, options, help); its action imports the command's code from ../commands/
// only when it runs, so `--help` loads commander and these files and nothing else (test/e2e/lazy-start.test.ts).
import type { Command } from 'commander';
import { registerAssess } from './assess.js';
import { registerCatalog } from './catalog.js';
import { registerCollect } from './collect.js';
import { registerGenerate } from './generate.js';
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
  registerGenerate,
  registerRules,
  registerMaxpods,
  registerVersions,
  registerCatalog,
  registerCollect,
  registerVerify,
];
