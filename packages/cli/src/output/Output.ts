import type { CliIo } from './CliIo.js';

/** JSON for machines: dates as ISO strings, bytes as base64. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Uint8Array) return Buffer.from(item).toString('base64');
    return item;
  });
}

/**
 * A command's result goes to stdout: one JSON document with `--json`, text lines otherwise.
 * Notes (progress, hints) go to stderr and never mix with the result.
 */
export class Output {
  readonly json: boolean;
  readonly #io: CliIo;

  constructor(io: CliIo, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  result<T>(value: T, text: (value: T) => string | readonly string[]): void {
    if (this.json) {
      this.#io.stdout.write(`${toJson(value)}\n`);
      return;
    }
    const rendered = text(value);
    const lines = typeof rendered === 'string' ? [rendered] : rendered;
    if (lines.length > 0) this.#io.stdout.write(`${lines.join('\n')}\n`);
  }

  note(message: string): void {
    if (!this.json) this.#io.stderr.write(`${message}\n`);
  }

  get stderr(): CliIo['stderr'] {
    return this.#io.stderr;
  }
}

export type Cell = string | number | boolean | undefined;

/** Left-aligned columns with a header row; empty cells show `-`. */
export function table(columns: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const cells = rows.map((row) => columns.map((_, i) => formatCell(row[i])));
  const widths = columns.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => row[i]!.length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)];
}

function formatCell(cell: Cell): string {
  if (cell === undefined || cell === '') return '-';
  return String(cell);
}

/** `name: value` lines, names aligned. */
export function keyValues(pairs: Readonly<Record<string, Cell>>): string[] {
  const width = Math.max(0, ...Object.keys(pairs).map((name) => name.length));
  return Object.entries(pairs).map(
    ([name, value]) => `${`${name}:`.padEnd(width + 1)} ${formatCell(value)}`,
  );
}

/** Epoch milliseconds as ISO 8601. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
