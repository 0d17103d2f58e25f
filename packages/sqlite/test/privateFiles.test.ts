import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { KmsRootKeyMissingError } from '@sealbus/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteBroker, openSqliteBackend } from '../src/index.js';
import { tempDir } from './support/records.js';

const mode = (file: string) => statSync(file).mode & 0o777;

// Under umask 022 files default to 0644 and directories to 0755; 000 is the loosest umask.
describe.each([0o022, 0o000])('SQLite files under umask %o', (mask) => {
  let dir: ReturnType<typeof tempDir>;
  let previous: number;
  beforeEach(() => {
    dir = tempDir();
    previous = process.umask(mask);
  });
  afterEach(() => {
    process.umask(previous);
    dir.cleanup();
  });

  it('creates ./.sealbus/app.db with its directories: database, -wal, -shm and root key 0600, directories 0700', async () => {
    const path = join(dir.dir, 'project', '.sealbus', 'app.db');
    const broker = createSqliteBroker({ path });
    const queue = await broker.createQueue('orders', { SqsManagedSseEnabled: true });
    await queue.send('private');
    for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}.root-key`]) {
      expect(mode(file), file).toBe(0o600);
    }
    expect(mode(join(dir.dir, 'project'))).toBe(0o700);
    expect(mode(join(dir.dir, 'project', '.sealbus'))).toBe(0o700);
    await broker.close();
  });

  it('leaves an existing directory as it is', async () => {
    const before = mode(dir.dir);
    const broker = createSqliteBroker({ path: dir.path('app.db') });
    await broker.close();
    expect(mode(dir.dir)).toBe(before);
  });
});

describe('an existing SQLite database whose root key file is missing', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it('opens without writing a root key: listing and inspecting work, sending sealed fails with KmsRootKeyMissingError', async () => {
    const path = dir.path('app.db');
    const first = createSqliteBroker({ path });
    const sealed = await first.createQueue('sealed', { SqsManagedSseEnabled: true });
    await sealed.send('kept');
    await first.close();
    unlinkSync(`${path}.root-key`);

    const { broker } = openSqliteBackend({ path });
    expect(await broker.listQueues()).toEqual([expect.stringMatching(/\/sealed$/)]);
    const queue = await broker.getQueue('sealed');
    const [stored] = await broker.peek(queue.url, { limit: 10 });
    expect(stored).toMatchObject({ sealed: true });
    await expect(queue.send('more')).rejects.toBeInstanceOf(KmsRootKeyMissingError);
    await expect(queue.receive()).rejects.toBeInstanceOf(KmsRootKeyMissingError);
    await broker.close();
    expect(existsSync(`${path}.root-key`)).toBe(false);
    expect(readdirSync(dir.dir).filter((name) => name.includes('root-key'))).toEqual([]);
  });
});
