// Exit codes and the one place fatal errors are printed: a plain message, a stack only with --debug.
import { escapeTerminal } from '../report/escape.js';

export const ExitCode = { Ok: 0, Findings: 1, Usage: 2 } as const;

/** An error whose message is meant for the user as it is (bad usage, unreadable input). */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.Usage,
  ) {
    super(message);
  }
}

export function reportFatal(error: unknown, debug: boolean): number {
  const known = error instanceof Error && ['UserError', 'UsageError', 'CatalogError'].includes(error.name);
  const message = error instanceof Error ? error.message : String(error);
  // Messages name paths and values from the input: no control character reaches the terminal.
  process.stderr.write(`kube2eks: ${known ? '' : 'internal error: '}${escapeTerminal(message, true)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else if (!known) process.stderr.write('Run again with --debug for details, and please report it.\n');
  return error instanceof UserError ? error.exitCode : ExitCode.Usage;
}
