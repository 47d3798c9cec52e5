/**
 * Statistics over chunks: the availability and its 95% Student t interval (sectioning over the chunk
 * unavailabilities), the down-event count, the too-rare rule, and the method text describing the model.
 */

import { SECONDS_PER_WEEK } from '../../reliability/downtime.js';
import { sectioningHalfWidth } from '../../stats/tInterval.js';
import { WARMUP_NODE_MTBFS } from './plan.js';
import type { AvailabilityChunk, AvailabilitySimConfig, SimChanges, SimulatedAvailability } from './types.js';

/** Below this many down events in all, the estimate is too rare to report (tooRare). */
export const MIN_DOWN_EVENTS = 10;

/**
 * Below this many down events an interval is flagged (availabilityWarnings): a t interval over the chunks'
 * unavailabilities rests on the outages they saw, and with a few dozen the chunks' figures are too skewed (most
 * chunks see none or one) for it to cover. The figure is issue 14's ("fewer than about 50 outages"), a rule of thumb
 * (about 2.5 outages per chunk over 20 chunks), not a measured coverage threshold.
 */
export const HONEST_DOWN_EVENTS = 50;

/** Above this share of all the downtime in one chunk, the downtime is said to be dominated by rare outages. */
const DOMINANT_CHUNK_SHARE = 0.5;

/** Years, for a sentence: 3 significant digits with thousands separators. */
const yearsText = (y: number) => Number(y.toPrecision(3)).toLocaleString('en-US');

/**
 * What keeps an availability interval from being honest, each with the years that would do: fewer than
 * HONEST_DOWN_EVENTS outages (years x HONEST_DOWN_EVENTS / events), or downtime dominated by rare outages (a region's,
 * say): more than half of it in one chunk, or fewer than half the chunks seeing any. Then such outages happen about
 * r = -ln(1 - f) k / years times a year (f the share of the k chunks that saw downtime; Poisson), or, when one chunk
 * holds most of it, about once in the years simulated, and the years for HONEST_DOWN_EVENTS of them are named. None when the estimate is too rare (tooRare says that already).
 * @example availabilityWarnings([{ index: 0, years: 10, simulatedS: 1, downS: 1, downEvents: 20 }, { index: 1, years: 10, simulatedS: 1, downS: 1, downEvents: 20 }]) // ['only 40 outages in 20 years: an interval over so few is likely too narrow; simulate about 25 years (50 outages)']
 */
export function availabilityWarnings(chunks: readonly AvailabilityChunk[]): string[] {
  const k = chunks.length;
  const years = chunks.reduce((a, c) => a + c.years, 0);
  const events = chunks.reduce((a, c) => a + c.downEvents, 0);
  const down = chunks.reduce((a, c) => a + c.downS, 0);
  const out: string[] = [];
  if (events < MIN_DOWN_EVENTS || !(down > 0)) return out;
  if (events < HONEST_DOWN_EVENTS) {
    out.push(
      `only ${events} outages in ${yearsText(years)} years: an interval over so few is likely too narrow; simulate about ${yearsText((years * HONEST_DOWN_EVENTS) / events)} years (${HONEST_DOWN_EVENTS} outages)`,
    );
  }
  const largest = Math.max(...chunks.map((c) => c.downS)) / down;
  const seen = chunks.filter((c) => c.downS > 0).length;
  if (k >= 2 && (largest > DOMINANT_CHUNK_SHARE || seen < k / 2)) {
    // such outages happen at about r a year: from the share of chunks that saw downtime (Poisson), or, when one chunk
    // holds most of it, about once in all the years simulated
    const f = seen / k;
    const rate = seen < k / 2 ? (-Math.log(1 - f) * k) / years : 1 / years;
    out.push(
      `${Math.round(largest * 100)}% of the downtime fell in one of the ${k} chunks (${seen} saw any): rare long outages (a zone's or a region's) dominate it, so the interval is likely too narrow; simulate about ${yearsText(HONEST_DOWN_EVENTS / rate)} years (${HONEST_DOWN_EVENTS} such outages)`,
    );
  }
  return out;
}

/** The model part of the method text: up-time distribution, crews, start (stationary or warm-up). */
function describeModel(config: AvailabilitySimConfig): string {
  const lifetime =
    config.lifetime?.kind === 'weibull'
      ? `Weibull up times (shape ${config.lifetime.shape}, mean = MTBF)`
      : 'exponential up times';
  const crews = config.crews
    ? `; at most ${config.crews} node repair${config.crews === 1 ? '' : 's'} at once (shared crews, FIFO)`
    : '';
  const warm =
    config.lifetime?.kind === 'weibull' || config.crews
      ? `; started all up, ${WARMUP_NODE_MTBFS} node MTBFs of warm-up discarded`
      : '; started in the stationary state';
  return `${lifetime}, exponential repairs${crews}${warm}${changesText(config.changes)}`;
}

/** How the deploys and failed changes of a config enter its method text (none when they cost no downtime). */
function changesText(ch: SimChanges | undefined): string {
  if (ch === undefined) return '';
  const parts: string[] = [];
  if (ch.deployRatePerS > 0 && ch.deployDownS > 0) {
    parts.push(
      `deploys every ${Number((1 / ch.deployRatePerS / 3600).toPrecision(3))} h on average (exponential gaps), each taking the service down for ${Number(ch.deployDownS.toPrecision(4))} s`,
    );
  }
  if (ch.failureRatePerS > 0 && ch.recoveryS > 0 && ch.share > 0) {
    parts.push(
      `failed changes ${Number((ch.failureRatePerS * SECONDS_PER_WEEK).toPrecision(3))} a week, each taking ${Number((ch.share * 100).toPrecision(3))}% of the service down for an exponential recovery of mean ${Number(ch.recoveryS.toPrecision(4))} s`,
    );
  }
  return parts.length === 0 ? '' : `; ${parts.join(', and ')}, independent of the hardware`;
}

/**
 * Combines chunks (in index order, whatever order they are given in) into the availability, its 95% interval (Student
 * t with chunks - 1 degrees of freedom over the chunk unavailabilities) and the count of down events.
 */
export function combineAvailability(
  config: AvailabilitySimConfig,
  chunks: readonly AvailabilityChunk[],
): SimulatedAvailability {
  if (chunks.length === 0) throw new RangeError('combineAvailability: no chunks');
  const sorted = [...chunks].sort((a, b) => a.index - b.index);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as AvailabilityChunk).index === (sorted[i - 1] as AvailabilityChunk).index) {
      throw new RangeError(`combineAvailability: chunk ${(sorted[i] as AvailabilityChunk).index} given twice`);
    }
  }
  let totalS = 0;
  let totalDown = 0;
  let events = 0;
  let years = 0;
  for (const c of sorted) {
    totalS += c.simulatedS;
    totalDown += c.downS;
    events += c.downEvents;
    years += c.years;
  }
  // chunk years are total / chunks: drop the rounding noise of adding them back up (20 x 0.05 = 1.0000000000000002)
  years = Number(years.toPrecision(12));
  const k = sorted.length;
  const u = Math.min(1, Math.max(0, totalDown / totalS));
  const half = sectioningHalfWidth(sorted.map((c) => c.downS / c.simulatedS));
  const uLo = Math.max(0, u - half);
  const uHi = Math.min(1, u + half);
  const tooRare = events < MIN_DOWN_EVENTS;
  const failover =
    config.kind !== 'k-of-n' && config.reliability.failoverS > 0
      ? `, plus ${config.reliability.failoverS} s of failover downtime per failure for the requests it affected`
      : '';
  const sw =
    config.kind === 'k-of-n' || (config.kind === 'vertical' && !config.standbyInOtherRegion)
      ? null
      : config.globalSwitch;
  const switchText =
    sw === null
      ? ''
      : `; the global traffic switch in series, and a move to another region taking at least its ${sw.failoverS} s`;
  const rare = tooRare
    ? `; only ${events} down event${events === 1 ? '' : 's'} (fewer than ${MIN_DOWN_EVENTS}): too rare to estimate, report the exact figure instead`
    : '';
  const method =
    `Monte Carlo: event-driven simulation of independent failures and repairs (${describeModel(config)})${failover}${switchText}; ` +
    `${k} chunks, ${years} years in all; 95% interval: Student t with ${k - 1} degrees of freedom over the chunk unavailabilities` +
    rare;
  return {
    availability: 1 - u,
    unavailability: u,
    ci95: [1 - uHi, 1 - uLo],
    ci95Unavailability: [uLo, uHi],
    downEventCount: events,
    simulatedYears: years,
    chunks: k,
    tooRare,
    warnings: availabilityWarnings(sorted),
    method,
  };
}
