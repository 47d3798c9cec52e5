/** Limits of a scenario's values, shared by the reader, the normaliser and the uncertain inputs. */

/** Largest scenario text readScenarioText accepts, bytes (UTF-8). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/**
 * Deepest nesting of objects and arrays a scenario may have (a real one has 6); refused before JSON.parse, so that
 * nothing downstream (JSON.stringify in the TUI, validation, messages) recurses through hostile depth.
 */
export const MAX_SCENARIO_DEPTH = 64;
/**
 * Magnitude limits of the workload (far beyond any real service), so that every product the engine forms of a rate,
 * a time and a size, grown over 100 years, stays a finite double: the largest design rate is 1e12 x 101^100, about
 * 2.7e212/s, and the largest monthly transfer about 1.6e231 bytes. Without them, finite inputs such as "1e300/s" or a
 * growth of "1e300%" gave Infinity (null in JSON) where a result promises a number. Ranges are clamped to them when
 * sampled, like every other bound.
 */
export const MAX_RATE_PER_S = 1e12;
/** Largest CPU time of one request, s (11.6 days). */
export const MAX_SERVICE_TIME_S = 1e6;
/** Largest growth per year, as a fraction (+10000% a year). */
export const MAX_GROWTH_PER_YEAR = 100;
/** Largest request or response, bytes (1 TiB). */
export const MAX_MESSAGE_BYTES = 2 ** 40;
/**
 * Smallest traffic (the average rate, or the peak, grown over the horizon), per second: below it there is less than
 * one request in 32 years, and far below it (5e-324/s) the cost per million requests overflows a double.
 */
export const MIN_TRAFFIC_RATE_PER_S = 1e-9;
/** The users' shares must add up to 1 within this (normalize.ts; the horizontal search's floors allow for it). */
export const SHARE_TOLERANCE = 1e-6;
