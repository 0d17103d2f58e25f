/** SNS compares numbers between -1e9 and 1e9 with five digits of accuracy after the decimal point. */
export const FILTER_NUMBER_MAX_MAGNITUDE = 1_000_000_000;
export const FILTER_NUMBER_DECIMALS = 5;

const SCALE = 10 ** FILTER_NUMBER_DECIMALS;

/**
 * Reduces a number to the accuracy SNS compares with, so `3e2`, `300` and `300.000001` are
 * equal. Rounding is monotonic, so range comparisons keep their order. Values outside the
 * supported range (possible only in messages) are kept as they are.
 */
export function toFilterNumber(value: number): number {
  if (Math.abs(value) > FILTER_NUMBER_MAX_MAGNITUDE) return value;
  return Math.round(value * SCALE) / SCALE;
}
