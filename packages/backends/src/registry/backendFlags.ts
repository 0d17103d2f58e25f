import { installedBackends } from './loadBackendModule.js';
import { BACKEND_KINDS, DEFAULT_BACKEND } from './registrations.js';
import { type BackendConfigInput, flagOf } from './resolveBackendConfig.js';

/** One command-line flag of backend selection: `--backend` or an option some backend declares. */
export interface BackendFlag {
  /** The option name (`backend`, `path`, …), the key of `BackendConfigInput`. */
  readonly name: string;
  /** `--path` */
  readonly flag: string;
  /** Help text with its variables, default and the backends taking it. */
  readonly description: string;
}

/**
 * `--backend` and the options of every installed backend, merged by name: what the CLI, the
 * gateway and the EMR app accept, so a backend's new option reaches all three.
 */
export async function backendFlags(): Promise<BackendFlag[]> {
  const flags: BackendFlag[] = [
    {
      name: 'backend',
      flag: '--backend',
      description: `${BACKEND_KINDS.join(', ')} (env SEALBUS_BACKEND; default ${DEFAULT_BACKEND})`,
    },
  ];
  const seen = new Map<
    string,
    { description: string; env: Set<string>; defaults: string[]; kinds: string[] }
  >();
  for (const backend of await installedBackends()) {
    for (const option of backend.options) {
      const entry = seen.get(option.name) ?? {
        description: option.description,
        env: new Set<string>(),
        defaults: [],
        kinds: [],
      };
      for (const variable of option.env ?? []) entry.env.add(variable);
      if (option.defaultValue !== undefined) entry.defaults.push(option.defaultValue);
      entry.kinds.push(backend.kind);
      seen.set(option.name, entry);
    }
  }
  for (const [name, entry] of seen) {
    const notes = [
      ...(entry.env.size === 0 ? [] : [`env ${[...entry.env].join(', ')}`]),
      ...entry.defaults.map((value) => `default ${value}`),
      `${entry.kinds.join(', ')}`,
    ];
    flags.push({
      name,
      flag: flagOf(name),
      description: `${entry.description} (${notes.join('; ')})`,
    });
  }
  return flags;
}

/** The flags as `node:util` `parseArgs` options, all string-valued. */
export function parseArgsOptions(
  flags: readonly BackendFlag[],
): Record<string, { type: 'string' }> {
  return Object.fromEntries(flags.map((flag) => [flag.flag.slice(2), { type: 'string' as const }]));
}

/** The backend input among `parseArgs` values (keyed by flag), ready for `resolveBackendConfig`. */
export function backendInputFrom(
  values: Readonly<Record<string, unknown>>,
  flags: readonly BackendFlag[],
): BackendConfigInput {
  const input: Record<string, string> = {};
  for (const flag of flags) {
    const value = values[flag.flag.slice(2)];
    if (typeof value === 'string') input[flag.name] = value;
  }
  return input;
}

/** `--help` lines of the flags, aligned at `column`. */
export function backendUsage(flags: readonly BackendFlag[], column = 24): string {
  return flags
    .map((flag) => `  ${`${flag.flag} <${flag.name}>`.padEnd(column)}${flag.description}`)
    .join('\n');
}
