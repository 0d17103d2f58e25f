/** Where the CLI writes; tests and embedders pass their own streams. */
export interface CliStream {
  write(chunk: string): unknown;
  /** A terminal gets a live progress bar; a pipe gets one line per update. */
  readonly isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Readonly<Record<string, string | undefined>>;
}

export const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
};
