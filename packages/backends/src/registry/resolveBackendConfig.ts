import { type BackendOptionSpec, describeValue, InvalidParameterValueError } from '@sealbus/core';
import { installedBackends, loadBackend } from './loadBackendModule.js';
import {
  BACKEND_KINDS,
  type BackendKind,
  DEFAULT_BACKEND,
  isBackendKind,
  type RegisteredBackend,
} from './registrations.js';

/**
 * What a caller gives: `backend` and the chosen backend's options by name (`path`, `region`,
 * …), e.g. from CLI flags. Missing or empty values fall back to the environment, then defaults.
 */
export interface BackendConfigInput {
  /** @defaultValue `SEALBUS_BACKEND`, else 'sqlite' */
  readonly backend?: string | undefined;
  readonly [option: string]: string | undefined;
}

/** Environment variables the configuration is read from (`process.env` or a test's record). */
export type BackendEnv = Readonly<Record<string, string | undefined>>;

/** A configuration the registry checked: ready for `openBackend`. */
export interface BackendConfig {
  readonly backend: BackendKind;
  readonly descriptor: RegisteredBackend;
  /**
   * The values in effect by option name, given or read from the environment or defaults;
   * passed on as flags (as `sealbus gateway` does) they open the same backend.
   */
  readonly values: Readonly<Record<string, string>>;
  /** The backend's typed config, as its descriptor parsed it. */
  readonly options: unknown;
}

/** The CLI flag of an option: `--path`, `--root-key-path`. */
export function flagOf(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function given(input: object, field: string): string | undefined {
  const value: unknown = (input as Record<string, unknown>)[field];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InvalidParameterValueError(
      `${field} must be a string; got ${describeValue(value)}.`,
      { field },
    );
  }
  return value;
}

function fromEnv(names: readonly string[] = [], env: BackendEnv): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

async function refuseUnknown(kind: BackendKind, name: string, known: readonly string[]) {
  const others = (await installedBackends())
    .filter((other) => other.options.some((option) => option.name === name))
    .map((other) => other.kind);
  const takes = known.length === 0 ? 'no options' : `only ${known.join(', ')}`;
  const elsewhere = others.length === 0 ? '' : ` (${name} belongs to ${others.join(', ')})`;
  return new InvalidParameterValueError(
    `The ${kind} backend has no option ${describeValue(name)}; it takes ${takes}${elsewhere}. Remove ${flagOf(name)} or choose another --backend.`,
    { field: name },
  );
}

function missingRequired(kind: BackendKind, spec: BackendOptionSpec): InvalidParameterValueError {
  const variable = spec.env?.[0];
  return new InvalidParameterValueError(
    `${spec.name} is required for the ${kind} backend (there is no silent default). Pass ${flagOf(spec.name)}${variable === undefined ? '' : ` or set ${variable}`}.`,
    { field: spec.name },
  );
}

/**
 * Resolves a configuration: `backend` from the input, else `SEALBUS_BACKEND`, else sqlite;
 * then each option the backend declares from the input, else its environment variables, else
 * its default. Refuses an unknown backend, an option the backend does not declare, a missing
 * required option and a value its descriptor rejects, each naming the field.
 */
export async function resolveBackendConfig(
  input: BackendConfigInput = {},
  env: BackendEnv = {},
): Promise<BackendConfig> {
  const kind = given(input, 'backend') ?? fromEnv(['SEALBUS_BACKEND'], env) ?? DEFAULT_BACKEND;
  if (!isBackendKind(kind)) {
    throw new InvalidParameterValueError(
      `backend must be one of ${BACKEND_KINDS.join(', ')}; got ${describeValue(kind)}. Pass --backend or set SEALBUS_BACKEND.`,
      { field: 'backend' },
    );
  }
  const descriptor = await loadBackend(kind);
  const known = descriptor.options.map((option) => option.name);
  for (const name of Object.keys(input)) {
    if (name === 'backend' || known.includes(name)) continue;
    if (given(input, name) === undefined) continue;
    throw await refuseUnknown(kind, name, known);
  }
  const values: Record<string, string> = {};
  for (const spec of descriptor.options) {
    const value = given(input, spec.name) ?? fromEnv(spec.env, env) ?? spec.defaultValue;
    if (value !== undefined) values[spec.name] = value;
    else if (spec.required === true) throw missingRequired(kind, spec);
  }
  return { backend: kind, descriptor, values, options: descriptor.parse(values) };
}
