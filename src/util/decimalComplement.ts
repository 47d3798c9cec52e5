/**
 * 1 - x for a decimal written by a user ("0.999999999999", "99.9999999999%"), computed exactly in decimal before
 * rounding to a double, so that an availability with many nines keeps the digits of its unavailability
 * (the double nearest 0.999999999999 is 1e-12 * (1 - 1.1e-4) away from 1). Returns undefined when the text
 * is not a plain non-negative decimal (with an optional %), so the caller falls back to ordinary parsing.
 */
export function decimalComplement(text: string): number | undefined {
  const m = /^\s*(\d*)(?:\.(\d*))?\s*(%)?\s*$/.exec(text);
  if (!m) return undefined;
  const intPart = m[1] ?? '';
  const fracPart = m[2] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  // value = digits / 10^scale
  const scale = fracPart.length + (m[3] ? 2 : 0);
  const one = 10n ** BigInt(scale);
  const complement = one - digits; // may be negative when x > 1
  return Number(complement) / Number(one) || bigRatio(complement, one);
}

/** complement / one when the direct division under- or overflows (very long inputs). */
function bigRatio(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const sign = numerator < 0n ? -1 : 1;
  const n = numerator < 0n ? -numerator : numerator;
  // Scale both to about 17 significant digits.
  const shift = BigInt(n.toString().length - 17);
  const dShift = BigInt(denominator.toString().length - 17);
  const nHead = shift > 0n ? n / 10n ** shift : n;
  const dHead = dShift > 0n ? denominator / 10n ** dShift : denominator;
  return sign * (Number(nHead) / Number(dHead)) * 10 ** Number((shift > 0n ? shift : 0n) - (dShift > 0n ? dShift : 0n));
}
