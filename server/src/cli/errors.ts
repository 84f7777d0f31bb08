// Exit statuses and the error a user can act on (printed as one line, never with a stack).

export const EXIT = {
  /** Nothing at or above the --fail-on level, warnings within --max-warnings. */
  clean: 0,
  findings: 1,
  /** Bad arguments, a malformed config file, an input that cannot be read. */
  usage: 2,
} as const;

export class UsageError extends Error {}

/** A short reason for a failed file system call, e.g. "permission denied". */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
