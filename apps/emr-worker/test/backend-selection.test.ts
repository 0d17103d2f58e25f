import type { BackendConfig } from '@sealbus/backends';
import { backendFlags } from '@sealbus/backends';
import { type CommandContext, main } from '@sealbus/cli';
import { systemClock } from '@sealbus/core';
import { parseGatewayCliOptions } from '@sealbus/gateway';
import { DEFAULT_SQLITE_PATH } from '@sealbus/sqlite/backend';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

type Env = Record<string, string>;
type Outcome = { values: Record<string, string>; backend: string } | { error: string };

/** The CLI's choice: what `withBackend` would open, captured instead of opened. */
async function viaCli(argv: string[], env: Env): Promise<Outcome> {
  let chosen: BackendConfig | undefined;
  const stderr: string[] = [];
  const ctx: CommandContext = {
    io: { stdout: { write: () => {} }, stderr: { write: (s: string) => stderr.push(s) }, env },
    clock: systemClock,
    backendFlags: await backendFlags(),
    openBackend: async (config) => {
      chosen = config;
      throw new Error('captured');
    },
    onInterrupt: () => () => {},
  };
  await main([...argv, 'queue', 'list', '--create'], ctx);
  if (chosen !== undefined) return { backend: chosen.backend, values: { ...chosen.values } };
  return { error: /^sealbus: \w+: (.*)$/m.exec(stderr.join(''))?.[1] ?? stderr.join('') };
}

async function viaGateway(argv: string[], env: Env): Promise<Outcome> {
  try {
    const options = await parseGatewayCliOptions(argv, env);
    if (options === 'help') throw new Error('unexpected help');
    return { backend: options.backend.backend, values: { ...options.backend.values } };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function viaEmr(argv: string[], env: Env): Promise<Outcome> {
  try {
    const config = await parseConfig(argv, env);
    if (config === 'help') throw new Error('unexpected help');
    return { backend: config.backend.backend, values: { ...config.backend.values } };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// Local backends only: the gateway serves no other, which its own tests cover.
const CASES: Array<[string, string[], Env, Outcome]> = [
  ['defaults', [], {}, { backend: 'sqlite', values: { path: DEFAULT_SQLITE_PATH } }],
  [
    'environment',
    [],
    { SEALBUS_SQLITE_PATH: 'env.db', AWS_REGION: 'eu-west-1' },
    { backend: 'sqlite', values: { path: 'env.db', region: 'eu-west-1' } },
  ],
  [
    'flags over environment',
    ['--path', 'flag.db', '--region', 'us-west-2'],
    { SEALBUS_SQLITE_PATH: 'env.db', AWS_REGION: 'eu-west-1' },
    { backend: 'sqlite', values: { path: 'flag.db', region: 'us-west-2' } },
  ],
  [
    'memory ignores the SQLite variable',
    ['--backend', 'memory'],
    { SEALBUS_SQLITE_PATH: 'env.db' },
    { backend: 'memory', values: {} },
  ],
  [
    'unknown backend',
    [],
    { SEALBUS_BACKEND: 'redis' },
    {
      error:
        'backend must be one of memory, sqlite, postgres, aws; got "redis". Pass --backend or set SEALBUS_BACKEND.',
    },
  ],
  [
    'option of another backend',
    ['--backend', 'memory', '--path', 'x.db'],
    {},
    {
      error:
        'The memory backend has no option "path"; it takes only region, accountId (path belongs to sqlite). Remove --path or choose another --backend.',
    },
  ],
];

describe('backend selection is the same in the CLI, the gateway and the EMR app', () => {
  it.each(CASES)('%s', async (_name, argv, env, expected) => {
    expect(await viaCli(argv, env)).toEqual(expected);
    expect(await viaGateway(argv, env)).toEqual(expected);
    expect(await viaEmr(argv, env)).toEqual(expected);
  });
});
