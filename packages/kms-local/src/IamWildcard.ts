/** Counts the character comparisons of `IamWildcard.matches`, for tests that bound its work. */
export interface MatchMeter {
  steps: number;
}

const QUESTION = 0x3f;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LOWER_OFFSET = 0x20;

/**
 * One `Action` or `Resource` value of an IAM policy, compiled once: `*` matches any run of
 * characters (`/` and `:` included), `?` exactly one. Action names compare case-insensitively
 * (IAM: "The prefix and the action name are case insensitive"), resource ARNs case-sensitively.
 *
 * Matching never backtracks: the literal pieces between stars are placed left to right, each
 * at its earliest position, which is optimal because a later piece only gains room from an
 * earlier placement. So a check costs at most (value length × pattern length) comparisons,
 * whatever the pattern, instead of the exponential time a `.*`-per-star regex can take.
 */
export class IamWildcard {
  readonly source: string;
  readonly #ignoreCase: boolean;
  /** The pattern split at each `*`; a `?` inside a piece matches any one character. */
  readonly #pieces: readonly string[];

  constructor(source: string, options: { ignoreCase: boolean }) {
    this.source = source;
    this.#ignoreCase = options.ignoreCase;
    // The pattern is folded once here; values are folded character by character as they compare.
    this.#pieces = (options.ignoreCase ? asciiLower(source) : source).split('*');
  }

  matches(value: string, meter?: MatchMeter): boolean {
    const pieces = this.#pieces;
    const fold = this.#ignoreCase;
    const last = pieces.length - 1;
    let steps = 0;
    let matched: boolean;
    if (last === 0) {
      const only = pieces[0]!;
      const compared = only.length === value.length ? pieceAt(only, value, 0, fold) : 0;
      steps += Math.abs(compared);
      matched = only.length === value.length && compared >= 0;
    } else {
      const head = pieces[0]!;
      const tail = pieces[last]!;
      const end = value.length - tail.length;
      // The first piece is anchored at the start and the last at the end: check them first.
      matched = head.length <= end;
      if (matched) {
        const compared = pieceAt(head, value, 0, fold);
        steps += Math.abs(compared);
        matched = compared >= 0;
      }
      if (matched) {
        const compared = pieceAt(tail, value, end, fold);
        steps += Math.abs(compared);
        matched = compared >= 0;
      }
      let from = head.length;
      for (let p = 1; matched && p < last; p++) {
        const piece = pieces[p]!;
        let at = from;
        for (; at + piece.length <= end; at++) {
          const compared = pieceAt(piece, value, at, fold);
          steps += Math.abs(compared);
          if (compared >= 0) break;
        }
        matched = at + piece.length <= end;
        from = at + piece.length;
      }
    }
    if (meter !== undefined) meter.steps += steps;
    return matched;
  }
}

/**
 * Compares `piece` with `text` at `at` (the caller keeps it within the text): the number of
 * character comparisons when it matches, or minus that number when it does not.
 */
function pieceAt(piece: string, text: string, at: number, fold: boolean): number {
  for (let i = 0; i < piece.length; i++) {
    const expected = piece.charCodeAt(i);
    let actual = text.charCodeAt(at + i);
    if (fold && actual >= UPPER_A && actual <= UPPER_Z) actual += LOWER_OFFSET;
    if (expected !== QUESTION && expected !== actual) return -(i + 1);
  }
  return piece.length;
}

/** Lower-cases A-Z only, so lengths (and what `?` spans) never change. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}
