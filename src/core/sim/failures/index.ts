/**
 * Failure/repair Monte Carlo: an event-driven simulation of independent components (nodes, zones, regions and
 * per-region balancers) alternating up and down over simulated years, to check the exact availability figures of
 * src/core/reliability (k-of-n over zones and regions) and src/compare/availability.ts (the comparison engine's
 * vertical and placed, quorum-aware horizontal candidates). Pure: no I/O, no worker threads.
 *
 * Model:
 * - Each component alternates up and down. Up times are exponential with mean MTBF (default), or Weibull with a
 *   given shape and the SAME mean (scale = MTBF / Gamma(1 + 1/shape)); down times are exponential with mean MTTR.
 *   A cold standby's restore caps each outage of the components it covers at its restore time, coldRestoreS plus
 *   the working set at restoreRateBytesPerS (src/core/reliability/recovery.ts): the outage lasts
 *   min(sampled repair, restore).
 * - A balancer is given only as an availability A: it is simulated as a component with MTTR 1 h and
 *   MTBF = MTTR A / (1 - A), so that its steady-state availability is A (with independent components only A
 *   matters to the long-run availability; the choice of MTTR only sets how often it fails). The same is done for a
 *   node given only as an availability (`capplan availability --node-availability`).
 * - Optional shared repair crews for nodes: at most `crews` node repairs in progress at once; a failed node waits
 *   for a free crew, first come first served (null: unlimited, every node independent).
 * - Initial state: with exponential up times and unlimited crews, every component starts in its stationary state
 *   (up with probability A; an up component then has an exponential residual life, by memorylessness; a down one
 *   the stationary residual of its repair: exponential, truncated at the restore cap when there is one), so there
 *   is no warm-up bias. With Weibull up times or limited crews the stationary state is not known in closed form:
 *   everything starts up at age 0 and a warm-up of 5 node MTBFs is simulated and discarded (components with a much
 *   longer MTBF than a node, such as regions, may keep a small bias towards up from their start; the test grid uses
 *   exponential up times, for which there is none).
 * - Event queue: a binary min-heap over typed arrays (Float64Array times, Int32Array component ids) holding each
 *   component's next transition (EventHeap of src/core/sim/heap.ts); the loop allocates nothing.
 *
 * Service state (the three kinds of config):
 * - `k-of-n` (capplan availability): N nodes round-robin over Z zones (node i in zone i % Z), zones round-robin
 *   over R regions (zone z in region z % R), exactly as fleetAvailability in src/core/reliability; up while at least
 *   `need` nodes are up in up zones of up regions.
 * - `vertical`: as verticalAvailability in src/compare/availability.ts. none: node, zone and region in series.
 *   cold: the same, each node and zone outage (and region outage, with the standby in another region) lasting
 *   min(repair, restore). hot: an active and a standby side, each up while its node and zone (and region, with the
 *   standby in another region) are; the service is up while either side is, with the shared region (same-region
 *   standby) and the balancer; every time the active side fails while the standby is up, the standby takes over and
 *   the failover costs `failoverS` of downtime.
 * - `fleet`: as fleetAvailability in src/compare/availability.ts (src/core/reliability/placement.ts). Each region has
 *   its nodes (round-robin over its own zones) and a balancer; users go to the first region in their `order` that is
 *   reachable (region and balancer up). The service is up (down = 0) only while every user region is served by a
 *   region with at least needed[mask][r] nodes up (nodes up in up zones; `mask` = the reachable regions, the entry
 *   evaluated up front by the caller's needed(r, loadShare) for the load routed to r under that mask: fleetSimConfig)
 *   and every partition has a live copy and its write quorum: the worst partition has, in each region, as many copies
 *   down as the down nodes can cover under the zone cap (all `replication` with the region down), summed over the
 *   regions, and at most regions x replication - writeQuorum may be down. Every node, zone and (with several regions)
 *   region failure costs `failoverS` of downtime for the share of requests that were going to it at that moment
 *   (counted per event, so that the simulation checks the analytic first-order failover term).
 *
 * Output: each chunk (its own random stream: streamFor(seed, index), so chunk i depends only on the config, the
 * seed and i, and the result does not depend on how many threads run the chunks) reports its simulated seconds,
 * down seconds (user-weighted) and down events (outages begun: the service, or some of its users, going from fully
 * up to partly or fully down, plus every failover that cost downtime without starting an outage). combineAvailability
 * gives the availability, a 95% Student t interval over the chunk unavailabilities (chunks - 1 degrees of freedom),
 * and `tooRare` when fewer than 10 down events were seen in all: then the caller reports the exact figure.
 *
 * Files: types.ts (configs and results), configs.ts (the engine's configs), rates.ts (rates from an availability),
 * check.ts (config checks), plan.ts (the components and the service of a run), service.ts and one file per service
 * (kOfN.ts, series.ts, hotStandby.ts, fleet.ts with fleetRouting.ts and partitions.ts), transitions.ts (up and repair
 * times, the initial state), crews.ts (shared repair crews), eventLoop.ts (one chunk), combine.ts (the statistics
 * over chunks), simulate.ts (the entry points), expectedEvents.ts; the event heap is src/core/sim/heap.ts.
 */

export { EventHeap } from '../heap.js';
export { checkSimConfig } from './check.js';
export { combineAvailability, MIN_DOWN_EVENTS } from './combine.js';
export { fleetSimConfig, MAX_FLEET_REGIONS, verticalSimConfig } from './configs.js';
export { expectedEvents } from './expectedEvents.js';
export { WARMUP_NODE_MTBFS } from './plan.js';
export { ratesFromAvailability, SYNTHETIC_MTTR_S } from './rates.js';
export { simulateAvailability, simulateAvailabilityChunk } from './simulate.js';
export type {
  AvailabilityChunk,
  AvailabilitySimConfig,
  FleetSimConfig,
  KOfNSimConfig,
  SimLifetime,
  SimOptions,
  SimRates,
  SimReliability,
  SimSwitch,
  SimulatedAvailability,
  VerticalSimConfig,
} from './types.js';
