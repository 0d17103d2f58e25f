import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The AWS SDK's own switch for its multi-line Node version warning (`@aws-sdk/core`). */
export const SDK_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
/** The first Node major the AWS SDK keeps supporting after the first week of January 2027. */
export const SDK_MIN_NODE_MAJOR = 22;

export const NODE_SUPPORT_NOTE = `sealbus: Node ${SDK_MIN_NODE_MAJOR}+ is needed by AWS SDK releases after early January 2027 and Node 20 is past its end of life; upgrade to Node 22 or 24 (shown once; ${SDK_WARNING_SWITCH}=true silences it).\n`;

export interface NodeSupportNoteDeps {
  /** @defaultValue process.env */
  env?: Record<string, string | undefined>;
  /** @defaultValue process.version */
  version?: string;
  /** Where the "already shown" marker lives. @defaultValue `$XDG_CACHE_HOME/sealbus` or `~/.cache/sealbus` */
  markerDir?: string;
  /** @defaultValue process.stderr.write */
  write?: (line: string) => void;
}

let shownInProcess = false;

/**
 * Replaces the AWS SDK's eight-line deprecation warning, which it prints on every run under
 * Node < 22, by one line shown once per machine: turns the SDK's switch on (unless the user set
 * it) before any client is built, and leaves a marker file once the note was shown.
 */
export function noteNodeSupport(deps: NodeSupportNoteDeps = {}): void {
  const env = deps.env ?? process.env;
  const major = Number.parseInt((deps.version ?? process.version).replace(/^v/, ''), 10);
  if (major >= SDK_MIN_NODE_MAJOR || env[SDK_WARNING_SWITCH] !== undefined) return;
  env[SDK_WARNING_SWITCH] = 'true';
  const markerDir =
    deps.markerDir ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'sealbus');
  const marker = join(markerDir, `node${major}-aws-sdk-note`);
  try {
    mkdirSync(markerDir, { recursive: true });
    // 'wx' fails when the marker exists: another run already showed the note.
    writeFileSync(marker, `${new Date().toISOString()}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    // An unwritable cache directory: show the note once per process instead.
    if (deps.markerDir === undefined && shownInProcess) return;
  }
  shownInProcess = true;
  (deps.write ?? ((line) => process.stderr.write(line)))(NODE_SUPPORT_NOTE);
}
