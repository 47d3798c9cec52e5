/**
 * Student t quantiles and the half-width of the simulators' 95% intervals.
 */

/**
 * Half-width of a 95% interval by sectioning (independent replications): t(0.975, n - 1) s / sqrt(n), with s the
 * sample standard deviation of the replications' estimates (Asmussen & Glynn 2007, III.5a). Infinity for fewer than
 * two replications (nothing to estimate the spread from): the caller says what such an interval means to it.
 * @example sectioningHalfWidth([1, 2, 3, 4]) // 2.0543: t(0.975, 3) s / sqrt(4)
 */
export function sectioningHalfWidth(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.POSITIVE_INFINITY;
  let mean = 0;
  for (const x of values) mean += x;
  mean /= n;
  let ss = 0;
  for (const x of values) ss += (x - mean) ** 2;
  return tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
}

/**
 * Student t quantile t(0.975, df) for an integer df >= 1: exact table values (scipy.stats.t.ppf) for df <= 30,
 * above that the Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5; error below 1e-6
 * at df = 31).
 * @example tQuantile975(9) // 2.262157
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`df must be an integer >= 1, got ${df}`);
  if (df <= T975.length) return T975[df - 1] as number;
  const z = 1.959963984540054; // normalQuantile(0.975) (normalQuantile.ts), to the last digit
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const v = df;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

const T975: readonly number[] = [
  12.706204736174694, 4.302652729749462, 3.1824463052837078, 2.7764451051977934, 2.5705818356363146, 2.4469118511449786,
  2.364624251592784, 2.306004135204166, 2.262157162798205, 2.228138851986274, 2.200985160091639, 2.1788128296672284,
  2.1603686564627913, 2.144786687917804, 2.131449545559776, 2.1199052992212546, 2.1098155778333156, 2.1009220402410382,
  2.0930240544083087, 2.085963447265864, 2.0796138447276795, 2.0738730679040254, 2.0686576104190486, 2.0638985616280245,
  2.0595385527532972, 2.0555294386428735, 2.0518305164802846, 2.0484071417952454, 2.045229642132703, 2.0422724563012378,
];
