/**
 * Tables of the ziggurat for the standard exponential density f(x) = e^-x (Marsaglia & Tsang 2000, "The ziggurat
 * method for generating random variables", J. Stat. Softw. 5(8); the layout of Doornik 2005 and rand_distr): 256
 * layers of equal area V under f. Layer 0 is the base strip [0, X[0]) x [0, f(R)), whose part beyond R stands for the
 * tail (X[0] f(R) = V = R f(R) + e^-R, so X[0] = R + 1); layer i >= 1 is [0, X[i]) x [F[i], F[i + 1]), with
 * X[1] = R, X[i + 1] = -ln(V / X[i] + f(X[i])) and X[256] = 0, F[i] = f(X[i]), F[256] = 1.
 *
 * A draw (rng.ts, Stream.exponential): layer i uniform, x = U X[i]; x < X[i + 1] is inside the layer's rectangle
 * under the curve and is returned (97.8% of draws: the mean of X[i + 1] / X[i]); else layer 0 returns R + Exp(1) (the
 * tail, memoryless), and layer i >= 1 returns x when a uniform height in [F[i], F[i + 1]] falls under f(x), and draws
 * again otherwise. Exact for the density, up to the rounding of the tables.
 *
 * R: the ziggurat's right edge, solved (by bisection on the last layer's area) so that the 256 layers close: the
 * 256th has area V to within 1e-13 relative (tested). Marsaglia & Tsang print 7.697117470131487, which closes to
 * 1.5e-10. Computed at load: 255 logarithms and 257 exponentials, a few microseconds.
 */

export const EXP_ZIGGURAT_R = 7.69711747013105;
/** Area of each layer, V = e^-R (R + 1). */
export const EXP_ZIGGURAT_V = Math.exp(-EXP_ZIGGURAT_R) * (EXP_ZIGGURAT_R + 1);
/** Layer widths, decreasing: X[0] = R + 1 (the base strip's width with its tail), X[1] = R, ..., X[256] = 0. */
export const EXP_ZIGGURAT_X = new Float64Array(257);
/** f at the layer edges, increasing: F[i] = e^-X[i], F[256] = 1. */
export const EXP_ZIGGURAT_F = new Float64Array(257);

EXP_ZIGGURAT_X[0] = EXP_ZIGGURAT_R + 1;
EXP_ZIGGURAT_X[1] = EXP_ZIGGURAT_R;
for (let i = 1; i < 255; i++) {
  const x = EXP_ZIGGURAT_X[i] as number;
  EXP_ZIGGURAT_X[i + 1] = -Math.log(EXP_ZIGGURAT_V / x + Math.exp(-x));
}
EXP_ZIGGURAT_X[256] = 0;
for (let i = 0; i < 257; i++) EXP_ZIGGURAT_F[i] = Math.exp(-(EXP_ZIGGURAT_X[i] as number));
