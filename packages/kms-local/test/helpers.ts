import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@sealbus/core';
import { LocalKms, type LocalKmsOptions } from '../src/index.js';
import { openSqliteKms } from '../src/sqlite.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  advanceDays(days: number): void {
    this.time += days * 86_400_000;
  }
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const opened: LocalKms[] = [];
const directories: string[] = [];

export interface Backend {
  name: string;
  create(options?: LocalKmsOptions): LocalKms;
}

/** Both storages run the same behaviour tests; call `closeBackends` in `afterAll`. */
export const backends: Backend[] = [
  {
    name: 'memory',
    create: (options) => track(new LocalKms(options)),
  },
  {
    name: 'sqlite',
    create: (options) => {
      const dir = mkdtempSync(join(tmpdir(), 'kms-local-'));
      directories.push(dir);
      return track(openSqliteKms({ ...options, path: join(dir, 'kms.db') }));
    },
  },
];

function track(kms: LocalKms): LocalKms {
  opened.push(kms);
  return kms;
}

export async function closeBackends(): Promise<void> {
  for (const kms of opened.splice(0)) await kms.close();
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
}
