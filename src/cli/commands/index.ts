// Every command of the CLI, in the order --help lists them. Each module exports one register function.
import type { Command } from 'commander';

/** Adds a command to the program; `setExit` records the exit code the command decided. */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const COMMANDS: RegisterCommand[] = [];
