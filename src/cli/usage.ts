/** Exit statuses and the one-line usage error every command reports the same way. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
export const EXIT_OK = 0;
/** Some input could not be read; the others were processed. */
export const EXIT_READ_ERROR = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

export function usageError(message: string, helpCommand: string): number {
  process.stderr.write(`rebound: ${message} (see '${helpCommand}')\n`);
  return EXIT_USAGE;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Reads a command line the way every command does: positionals allowed, `-h/--help` prints `usage`, a
 * wrong option is a usage error. Returns what was parsed, or the exit status when the command is done.
 */
type CommandConfig<O extends Options> = {
  args: string[];
  allowPositionals: true;
  options: O & typeof HELP_OPTION;
};
export type ParsedCommand<O extends Options> = ReturnType<typeof parseArgs<CommandConfig<O>>>;

export function parseCommand<const O extends Options>(
  args: string[],
  options: O,
  usage: string,
  helpCommand: string,
): ParsedCommand<O> | number {
  let parsed;
  try {
    parsed = parseArgs<CommandConfig<O>>({
      args,
      allowPositionals: true,
      options: { ...options, ...HELP_OPTION },
    });
  } catch (error) {
    return usageError((error as Error).message, helpCommand);
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    process.stdout.write(usage);
    return EXIT_OK;
  }
  return parsed;
}
