// Entry point: parses arguments, runs one command, returns the exit code (never calls process.exit).
import { Command, CommanderError } from 'commander';
import { escapeTerminal } from '../report/escape.js';
import { TOOL_VERSION } from '../version.js';
import { COMMANDS } from './define/index.js';
import { ExitCode, reportFatal } from './errors.js';
import { ignoreClosedStdout, stdoutFailure } from './output.js';

export async function main(argv: string[]): Promise<number> {
  ignoreClosedStdout();
  const program = new Command('kube2eks')
    .description('Assess, plan and carry out the move of Kubernetes workloads to Amazon EKS.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors quote the arguments as typed: no control character of theirs reaches the terminal.
    .configureOutput({
      writeErr: (s) => process.stderr.write(escapeTerminal(s, true)),
      writeOut: (s) => process.stdout.write(s),
    });
  let exitCode: number = ExitCode.Ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  for (const register of COMMANDS) register(program, setExit);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return reportFatal(error, debug);
  }
  // `> /dev/full`: the report was lost, so the run did not do its job.
  const lost = await stdoutFailure();
  if (lost) {
    process.stderr.write(`kube2eks: cannot write to standard output (${lost}).\n`);
    return ExitCode.Usage;
  }
  return exitCode;
}
