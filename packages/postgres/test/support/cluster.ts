import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 server binaries (package postgresql-15). */
export const PG_BIN = process.env.SEALBUS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'sealbus';

/** A throwaway PostgreSQL cluster owned by these tests: its own directory, port and log. */
export interface TestCluster {
  /** The cluster's base directory (data directory, unix socket and log live under it). */
  dir: string;
  dataDir: string;
  port: number;
  /** Connection string of database `name` (default `postgres`) as the superuser. */
  url(name?: string): string;
  /** `pg_ctl stop -m <mode>`: `immediate` is a crash as far as the server is concerned. */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server (if running) and deletes the directory. */
  destroy(): void;
}

/**
 * initdb refuses to run as root: when we are root, every server command runs as the `postgres`
 * user Debian's package creates, in a directory that user owns.
 */
function asServerUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function runServerCommand(command: string, args: string[]): void {
  const binary = join(PG_BIN, command);
  const [file, argv] =
    asServerUser() === undefined
      ? [binary, args]
      : ['runuser', ['-u', 'postgres', '--', binary, ...args]];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * initdb + start on a free loopback port. `fsync=off` is safe for what the tests do to the
 * server (`-m immediate` stops it; the kernel still holds its writes) and spares the shared disk.
 */
export async function startCluster(options: { fsync?: boolean } = {}): Promise<TestCluster> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 server binaries are not in ${PG_BIN}; install them with "apt-get install postgresql-15".`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-pg-'));
  const owner = asServerUser();
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  runServerCommand('initdb', [
    '-D',
    dataDir,
    '-U',
    SUPERUSER,
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    `-c fsync=${options.fsync === true ? 'on' : 'off'}`,
  ].join(' ');
  const start = () =>
    runServerCommand('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      'start',
    ]);
  let running = false;
  const cluster: TestCluster = {
    dir,
    dataDir,
    port,
    url: (name = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`,
    stop(mode = 'fast') {
      runServerCommand('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) cluster.stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
