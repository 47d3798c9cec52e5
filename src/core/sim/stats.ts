/**
 * Student t quantile at 0.975 (two-sided 95% intervals) for df degrees of freedom: the exact table for df 1..30
 * (Abramowitz & Stegun 1964, table 26.10, to 3 decimals; here to 6 from the inverse regularised incomplete beta),
 * and above it the Cornish-Fisher expansion in 1/df (A&S 26.7.5), accurate to about 1e-6 for df > 30.
 */

const Z975 = 1.959963984540054;
const TABLE: readonly number[] = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985,
  2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
  2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];

export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`df must be >= 1, got ${df}`);
  const n = Math.floor(df);
  if (n <= TABLE.length) return TABLE[n - 1] as number;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  return z + g1 / n + g2 / n ** 2 + g3 / n ** 3;
}
