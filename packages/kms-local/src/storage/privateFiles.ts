import { closeSync, fchmodSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Files holding messages or keys are the owner's alone, as are directories sealbus creates. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIRECTORY_MODE = 0o700;

/** Creates the missing directories leading to `path` with mode 0700; existing ones stay as they are. */
export function createPrivateParentDirectory(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
}

/**
 * Creates `path` empty with mode 0600 whatever the umask (and its missing directories 0700),
 * unless it exists. Opening a SQLite database created this way keeps it private: SQLite gives
 * the `-wal`, `-shm` and journal files the database file's mode. Returns whether it created it.
 */
export function createPrivateFile(path: string): boolean {
  createPrivateParentDirectory(path);
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    // A umask only removes bits; this puts back an owner bit a strict umask took away.
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
  return true;
}
