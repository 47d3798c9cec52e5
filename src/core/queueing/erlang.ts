/**
 * Erlang B (blocking) and Erlang C (probability of waiting) formulas, by the numerically stable recursion (started
 * near the load for large loads: O(sqrt(a)) steps, else O(c)), no factorials, no overflow for any number of servers.
 *
 * Sources: Erlang 1917; Gross, Shortle, Thompson & Harris 2008, *Fundamentals of Queueing Theory* 4th ed., sections
 * 2.3 (M/M/c) and 2.5 (M/M/c/c); Harchol-Balter 2013, *Performance Modeling and Design of Computer Systems*, ch. 14
 * (Erlang C = B / (1 - rho (1 - B)), eq. 14.8 ff.); Jagerman 1974 for the recursion's stability.
 */

/** Largest number of servers accepted. */
export const MAX_SERVERS = 10_000_000;

/**
 * Throws a RangeError unless `servers` is an integer in [1, MAX_SERVERS].
 * @param servers number of servers (count)
 * @param name argument name for the message
 */
export function assertServers(servers: number, name = 'servers'): void {
  if (!Number.isInteger(servers) || servers < 1 || servers > MAX_SERVERS) {
    throw new RangeError(`${name} must be an integer in [1, ${MAX_SERVERS}], got ${servers}`);
  }
}

/**
 * Throws a RangeError unless `value` is a finite number >= 0.
 * @param value the value
 * @param name argument name for the message
 */
export function assertNonNegative(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * Erlang B: the probability that an arrival finds all `servers` busy in the loss system M/M/c/c (equivalently
 * M/G/c/c, by insensitivity), B(c, a) = (a^c / c!) / sum_{k=0}^{c} a^k / k!.
 * Computed by the recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which is forward stable (each step is a
 * contraction in relative error) and never overflows; a result below 1e-300 is reported as 0.
 * Source: Gross et al. 2008 section 2.5; Jagerman 1974, "Some properties of the Erlang loss function", BSTJ 53.
 * @param servers number of servers c (integer >= 1)
 * @param offeredLoadErlangs offered load a = lambda * E[S] in Erlangs (>= 0)
 * @returns blocking probability in [0, 1]
 * @example erlangB(2, 1) // 0.2: two servers offered one erlang lose 1/5 of the arrivals
 */
export function erlangB(servers: number, offeredLoadErlangs: number): number {
  assertServers(servers);
  assertNonNegative(offeredLoadErlangs, 'offeredLoadErlangs');
  return erlangBUnchecked(servers, offeredLoadErlangs);
}

/**
 * Where the recursion may start instead of k = 0: SKIP_SIGMAS standard deviations (sqrt(a)) below the load, when
 * that skips at least SKIP_MIN steps. See erlangBUnchecked.
 */
const SKIP_SIGMAS = 14;
const SKIP_MIN = 1000;
/** Below this B is reported as 0 (the doubles there are subnormal or nearly so: no relative precision left). */
const UNDERFLOW = 1e-300;

/**
 * The recursion above, in O(sqrt(a)) steps instead of O(c) for large loads, to the same result within rounding:
 * - It starts at k0 = a - 14 sqrt(a) from the guess B(k0) ~ 1 - k0 / a. The recursion forgets its starting value:
 *   a relative error in B(k-1) reaches B(k) multiplied by k / (k + a B(k-1)), about k / a while k < a, and the product
 *   of those factors from k0 to a - 2 sqrt(a) is below exp(-(14^2 - 2^2) / 2) = e^-96. (Checked against the full
 *   recursion and against 50-digit sums to 1e-13 relative in test/core/queueing/erlang.test.ts.)
 * - It stops with 0 when B falls below 1e-300: B only decreases with more servers. (Running on would not reach 0 soon:
 *   while a / k > 1/2 the step rounds the smallest subnormal, 5e-324, back to itself.)
 * O(c) remains only for c below a - 2 sqrt(a) (an overloaded system, which Erlang C never asks for) and for loads
 * under about 1e4 Erlangs, where it is cheap.
 */
function erlangBUnchecked(servers: number, a: number): number {
  const sd = Math.sqrt(a);
  let k0 = Math.floor(a - SKIP_SIGMAS * sd);
  // The contraction needs the steps up to a - 2 sqrt(a): for fewer servers, the full recursion.
  if (k0 < SKIP_MIN || servers < a - 2 * sd) k0 = 0;
  let b = k0 === 0 ? 1 : 1 - k0 / a;
  for (let k = k0 + 1; k <= servers; k++) {
    const ab = a * b;
    b = ab / (k + ab);
    if (b < UNDERFLOW) return 0;
  }
  return b;
}

/**
 * Erlang C: the probability that an arrival has to wait in M/M/c (all c servers busy), for offered load a < c:
 * C(c, a) = B / (1 - rho (1 - B)) = c B / ((c - a) + a B), with B = erlangB(c, a) and rho = a / c.
 * For a >= c the queue is unstable and every arrival eventually waits: the function returns 1.
 * Source: Harchol-Balter 2013 ch. 14; Gross et al. 2008 eq. 2.33.
 * @param servers number of servers c (integer >= 1)
 * @param offeredLoadErlangs offered load a = lambda * E[S] in Erlangs (>= 0)
 * @returns probability of waiting in [0, 1]
 * @example erlangC(2, 1) // 0.3333333333
 */
export function erlangC(servers: number, offeredLoadErlangs: number): number {
  assertServers(servers);
  assertNonNegative(offeredLoadErlangs, 'offeredLoadErlangs');
  return erlangCWithDeficit(servers, offeredLoadErlangs, servers - offeredLoadErlangs);
}

/**
 * Erlang C given the load a and the deficit c - a computed separately (to full relative precision by the caller,
 * e.g. from lambda and E[S] with an exact product), so loads within 1e-6 of saturation keep their digits.
 * @param servers c (validated by the caller)
 * @param a offered load in Erlangs
 * @param cMinusA c - a (> 0 for a stable queue)
 */
export function erlangCWithDeficit(servers: number, a: number, cMinusA: number): number {
  if (!(cMinusA > 0)) return 1;
  if (a === 0) return 0;
  const b = erlangBUnchecked(servers, a);
  const c = (servers * b) / (cMinusA + a * b);
  return Math.min(1, c);
}
