/** Exit statuses and the one-line usage error every command reports the same way. */
export const EXIT_OK = 0;
/** Some input could not be read; the others were processed. */
export const EXIT_READ_ERROR = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

export function usageError(message: string, helpCommand: string): number {
  process.stderr.write(`rebound: ${message} (see '${helpCommand}')\n`);
  return EXIT_USAGE;
}
