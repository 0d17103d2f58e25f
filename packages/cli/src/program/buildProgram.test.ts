import { backendFlags } from '@sealbus/backends';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../output/CliIo.js';
import { buildProgram } from './buildProgram.js';
import { type CommandContext, defaultContext } from './CommandContext.js';
import { main } from './main.js';

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      env: {},
    },
    out,
    err,
  };
}

function paths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...paths(sub, path)];
  });
}

const flags = await backendFlags();

describe('the sealbus command tree', () => {
  const ctx: CommandContext = defaultContext(capture().io, flags);
  const all = paths(buildProgram(ctx));

  it('has every command group of the issue', () => {
    expect(all.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining([
        ...[
          'create',
          'list',
          'describe',
          'alias',
          'disable',
          'enable',
          'rotate',
          'schedule-deletion',
          'policy',
        ].map((c) => `keys ${c}`),
        ...['create', 'list', 'attrs', 'set', 'purge', 'delete'].map((c) => `queue ${c}`),
        ...['create', 'list', 'subscribe'].map((c) => `topic ${c}`),
        'send',
        'receive',
        'publish',
        ...['list', 'peek', 'redrive'].map((c) => `dlq ${c}`),
        'inspect at-rest',
        'audit',
        'cost',
        'gateway',
        'backup',
      ]),
    );
  });

  it.each(all.map((p) => [p.join(' '), p] as const))(
    '%s --help shows usage and examples',
    async (_name, path) => {
      const { io, out } = capture();
      const code = await main([...path, '--help'], { ...ctx, io });
      expect(code).toBe(0);
      const help = out.join('');
      expect(help).toContain(`Usage: sealbus ${path.join(' ')}`);
      expect(help).toMatch(/Examples:\n {2}\$ /);
    },
  );

  it('lists the global options on the root help', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], { ...ctx, io })).toBe(0);
    for (const option of ['--backend', '--path', '--endpoint', '--region', '--json']) {
      expect(out.join('')).toContain(option);
    }
  });
});
