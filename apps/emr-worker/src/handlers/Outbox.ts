/**
 * Where the integrations deliver their work (claims, appointment requests, e-prescriptions).
 * In production these are vendor APIs; the demo counts what would have been sent.
 */
export class Outbox {
  readonly #counts = new Map<string, number>();

  add(kind: string, count = 1): void {
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + count);
  }

  count(kind: string): number {
    return this.#counts.get(kind) ?? 0;
  }

  entries(): Array<[string, number]> {
    return [...this.#counts.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}
