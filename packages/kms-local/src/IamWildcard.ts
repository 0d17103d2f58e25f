/** Counts the character comparisons of `IamWildcard.matches`, for tests that bound its work. */
export interface MatchMeter {
  steps: number;
}

const QUESTION = 0x3f;

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
    this.#pieces = (options.ignoreCase ? asciiLower(source) : source).split('*');
  }

  matches(value: string, meter?: MatchMeter): boolean {
    const text = this.#ignoreCase ? asciiLower(value) : value;
    const pieces = this.#pieces;
    const last = pieces.length - 1;
    let steps = 0;
    // Compares one piece at `at`; callers keep `at + piece.length` within the text.
    const pieceAt = (piece: string, at: number): boolean => {
      for (let i = 0; i < piece.length; i++) {
        steps++;
        const code = piece.charCodeAt(i);
        if (code !== QUESTION && code !== text.charCodeAt(at + i)) return false;
      }
      return true;
    };
    let matched: boolean;
    if (last === 0) {
      matched = pieces[0]!.length === text.length && pieceAt(pieces[0]!, 0);
    } else {
      const head = pieces[0]!;
      const tail = pieces[last]!;
      const end = text.length - tail.length;
      matched = head.length <= end && pieceAt(head, 0) && pieceAt(tail, end);
      let from = head.length;
      for (let p = 1; matched && p < last; p++) {
        const piece = pieces[p]!;
        let at = from;
        while (at + piece.length <= end && !pieceAt(piece, at)) at++;
        matched = at + piece.length <= end;
        from = at + piece.length;
      }
    }
    if (meter !== undefined) meter.steps += steps;
    return matched;
  }
}

/** Lower-cases A-Z only, so lengths (and what `?` spans) never change. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}
