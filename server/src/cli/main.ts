// Parses the arguments and runs the command; turns every expected failure into a message on
// stderr and an exit status, never a stack trace.
import { CommanderError } from 'commander';
import { runCheck } from './check';
import { EXIT, UsageError } from './errors';
import { formatCodes } from './format/codes';
import { createProgram } from './program';

export async function main(argv: readonly string[]): Promise<number> {
  let status: number = EXIT.clean;
  const program = createProgram({
    async check(inputs, options) {
      status = await runCheck(inputs, options);
    },
    codes(format) {
      process.stdout.write(formatCodes(format));
    },
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    // Commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    if (error instanceof UsageError) {
      process.stderr.write(`istio-egress: error: ${error.message}\n`);
      return EXIT.usage;
    }
    const detail = process.env.ISTIO_EGRESS_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
    process.stderr.write(`istio-egress: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return EXIT.usage;
  }
}
