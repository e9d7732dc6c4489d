/**
 * Committee ratios are stored as numbers between 0 and 1. People think in fractions
 * ("two thirds"), and 2/3 typed as 0.67 would quietly demand more than two votes of
 * three, so the settings form accepts a fraction, a decimal or a percentage and shows
 * simple fractions back as fractions.
 */
export function parseRatio(input: string): number {
  const value = input.trim().replace(/\s+/g, '').replace('／', '/').replace('％', '%');
  const fraction = /^(\d+)\/(\d+)$/.exec(value);
  if (fraction) return Number(fraction[2]) === 0 ? Number.NaN : Number(fraction[1]) / Number(fraction[2]);
  if (value.endsWith('%'))
    return /^\d+(\.\d+)?%$/.test(value) ? Number(value.slice(0, -1)) / 100 : Number.NaN;
  return /^\d*\.?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** 0.5 → "1/2", 2/3 → "2/3", 0.6 → "3/5", 0.123 → "0.123". */
export function formatRatio(ratio: number): string {
  for (let denominator = 1; denominator <= 12; denominator++) {
    const numerator = Math.round(ratio * denominator);
    if (Math.abs(numerator / denominator - ratio) < 1e-9) {
      return denominator === 1 ? String(numerator) : `${numerator}/${denominator}`;
    }
  }
  return String(Math.round(ratio * 10_000) / 10_000);
}

/** 2/3 → "66.7%" (for a hint next to the fraction). */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
