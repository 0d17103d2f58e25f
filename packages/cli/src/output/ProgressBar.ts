import type { CliStream } from './CliIo.js';

/** `[#####.....] 5/10 50%`; an unknown total shows only the count. */
export function renderProgress(done: number, total: number | undefined, width: number): string {
  if (total === undefined || total <= 0) return `[${'?'.repeat(width)}] ${done}`;
  const ratio = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${Math.round(ratio * 100)}%`;
}

/**
 * A one-line progress bar on stderr. On a terminal it redraws in place; on a pipe it writes a
 * line only when the count changes, so logs stay short.
 */
export class ProgressBar {
  readonly #stream: CliStream;
  readonly #label: string;
  readonly #width: number;
  #last: string | undefined;

  constructor(stream: CliStream, label: string, width = 30) {
    this.#stream = stream;
    this.#label = label;
    this.#width = width;
  }

  update(done: number, total?: number): void {
    const line = `${this.#label} ${renderProgress(done, total, this.#width)}`;
    if (line === this.#last) return;
    this.#last = line;
    this.#stream.write(this.#stream.isTTY === true ? `\r${line}` : `${line}\n`);
  }

  finish(): void {
    if (this.#stream.isTTY === true && this.#last !== undefined) this.#stream.write('\n');
  }
}
