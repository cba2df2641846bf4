import { ConfigError } from '../config/app-config.js';
import { FrameworkExists, FrameworkNotFound, InvalidInput, RevisionConflict, RuleBroken } from '../../libs/app-errors.js';

/**
 * How the command line reports a failure: one line `error: <reason>` on stderr and an exit code.
 *   0  success (and `--help`)
 *   1  refused or failed: invalid input, unknown framework, revision conflict, a rule of the domain broken
 *   2  usage: unknown command or option, missing option or argument
 */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** A usage error found by a command itself (commander reports the others). */
export class UsageError extends Error {}

/** A failure already explained on stderr (e.g. the import's report): only the last line and the code remain. */
export class ReportedFailure extends Error {}

interface CommanderLikeError {
  code: string;
  exitCode: number;
}

function isCommanderError(error: unknown): error is Error & CommanderLikeError {
  return error instanceof Error && typeof (error as Partial<CommanderLikeError>).code === 'string' && (error as unknown as CommanderLikeError).code.startsWith('commander.');
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** The line to print (null: nothing, commander printed it already) and the exit code. */
export function describeFailure(error: unknown): { line: string | null; exitCode: number } {
  if (isCommanderError(error)) {
    // --help and --version end with a CommanderError too; commander already wrote its message.
    const success = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0;
    return { line: null, exitCode: success ? EXIT_OK : EXIT_USAGE };
  }
  if (error instanceof UsageError) return { line: `error: ${oneLine(error.message)}`, exitCode: EXIT_USAGE };
  if (error instanceof RuleBroken) {
    const about = error.conflictingEventId ? ` (conflicting event ${error.conflictingEventId})` : '';
    return { line: `error: ${error.rule}: ${oneLine(error.message)}${about}`, exitCode: EXIT_REFUSED };
  }
  if (
    error instanceof InvalidInput ||
    error instanceof FrameworkNotFound ||
    error instanceof FrameworkExists ||
    error instanceof RevisionConflict ||
    error instanceof ConfigError ||
    error instanceof ReportedFailure
  ) {
    return { line: `error: ${oneLine(error.message)}`, exitCode: EXIT_REFUSED };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `error: ${oneLine(message) || 'unexpected failure'}`, exitCode: EXIT_REFUSED };
}

/** Reports a failure on stderr and sets the process's exit code (the first failure wins). */
export function reportFailure(error: unknown): void {
  const { line, exitCode } = describeFailure(error);
  if (line !== null) process.stderr.write(`${line}\n`);
  if (process.env.GOVERNANCE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (!process.exitCode) process.exitCode = exitCode;
}
