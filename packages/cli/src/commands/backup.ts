import { constants, copyFileSync, existsSync, rmSync } from 'node:fs';
import { DatabaseNotFoundError, describeValue, InvalidParameterValueError } from '@sealbus/core';
import { createPrivateFile } from '@sealbus/kms-local';
import { Command } from 'commander';
import { keyValues } from '../output/Output.js';
import { ProgressBar } from '../output/ProgressBar.js';
import {
  backendConfigOf,
  type CommandContext,
  outputFor,
  withExamples,
} from '../program/CommandContext.js';

export interface BackupResult {
  source: string;
  destination: string;
  totalPages: number;
  /** Where the root key was copied, when `--with-root-key` was given. */
  rootKeyDestination?: string;
}

/**
 * Copies a live SQLite file with SQLite's online backup API: a consistent snapshot even while
 * other processes write (WAL), unlike copying the file. Keys are in the same file, still wrapped
 * by the root key, which is never copied unless asked for. The copy is created 0600 (missing
 * directories 0700) before SQLite writes to it, and removed again if the backup fails.
 */
export async function backupSqlite(
  source: string,
  destination: string,
  onProgress?: (copied: number, total: number) => void,
): Promise<{ totalPages: number }> {
  if (!existsSync(source)) {
    throw new DatabaseNotFoundError(
      source,
      'pass the SQLite file to back up with --path or SEALBUS_SQLITE_PATH.',
    );
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(source, { readonly: true, fileMustExist: true });
  if (!createPrivateFile(destination)) {
    db.close();
    throw new InvalidParameterValueError(
      `destination ${describeValue(destination)} already exists; pick a new file so no backup is overwritten.`,
      { field: 'destination' },
    );
  }
  try {
    let total = 0;
    await db.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        total = totalPages;
        onProgress?.(totalPages - remainingPages, totalPages);
        return 1000;
      },
    });
    onProgress?.(total, total);
    return { totalPages: total };
  } catch (error) {
    rmSync(destination, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/** Copies the root key file without overwriting; libuv keeps its 0600 mode. */
function copyRootKey(source: string, destination: string): void {
  try {
    copyFileSync(source, destination, constants.COPYFILE_EXCL);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterValueError(
      `with-root-key: cannot copy ${describeValue(source)} to ${describeValue(destination)} (${reason}). Pick a new destination file.`,
      { field: 'with-root-key', cause: error },
    );
  }
}

export function backupCommand(ctx: CommandContext): Command {
  return withExamples(
    new Command('backup')
      .description(
        'Copy the SQLite file (messages and wrapped keys) consistently while it is in use; the root key is not included unless asked for',
      )
      .argument('<destination>', 'new file to write')
      .option('--with-root-key <file>', 'also copy the root key here (keep it on other storage)'),
    [
      'sealbus backup backups/sealbus-2026-11-25.db',
      'sealbus backup /mnt/backup/sealbus.db --with-root-key /mnt/keys/sealbus.db.root-key',
    ],
  ).action(async (destination: string, opts: { withRootKey?: string }, command: Command) => {
    const config = await backendConfigOf(ctx, command);
    const path = config.values['path'];
    if (config.backend !== 'sqlite' || path === undefined || path === ':memory:') {
      throw new InvalidParameterValueError(
        `backup copies a SQLite file; the ${config.backend} backend has none. Use --backend sqlite with --path.`,
        { field: 'backend' },
      );
    }
    const out = outputFor(ctx, command);
    const bar = new ProgressBar(out.stderr, 'backup');
    const { totalPages } = await backupSqlite(path, destination, (copied, total) => {
      if (!out.json) bar.update(copied, total);
    });
    bar.finish();
    const result: BackupResult = { source: path, destination, totalPages };
    if (opts.withRootKey !== undefined) {
      copyRootKey(`${path}.root-key`, opts.withRootKey);
      result.rootKeyDestination = opts.withRootKey;
    }
    out.result(result, (r) =>
      keyValues({
        Source: r.source,
        Backup: r.destination,
        Pages: r.totalPages,
        RootKey: r.rootKeyDestination ?? 'not copied: back it up separately',
      }),
    );
  });
}
