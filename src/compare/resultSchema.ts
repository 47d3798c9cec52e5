/**
 * The zod 4 schema of the result `capplan run` writes (ComparisonResult of result.ts), its JSON Schema (draft
 * 2020-12) for `capplan schema result`, and a validator that lists every problem as "path: message".
 *
 * The schema is the source of the result's TypeScript types: result.ts infers them from it (`z.infer`; a nullable
 * field is `| null`, an optional one `?`), so the two cannot drift apart. Doc comments on its fields carry to the
 * inferred types. Every number is finite (zod 4's z.number() rejects NaN and
 * ±Infinity), so a value that JSON would turn into null is caught here rather than downstream. Probabilities and
 * shares are constrained to [0, 1]; utilisation is a load ratio (>= 1 means an unstable queue), so it has no upper
 * bound. No side effects on import: nothing is read, and the JSON Schema is built only when asked for.
 */
import * as z from 'zod';
import { DEPLOY_MODES, PRICING_MODELS } from '../scenario/options.js';

export const RESULT_SCHEMA_ID = 'https://capplan.dev/schema/result.json';

/** A finite number >= 0 (a cost, a time, a volume, ...). */
const nonNegative = (description: string) => z.number().min(0).describe(description);
/** A finite number >= 0, or null (see the description for what null means). */
const nonNegativeOrNull = (description: string) => z.number().min(0).nullable().describe(description);
/** A probability or a share: a plain number in [0, 1]. */
const fraction = (description: string) => z.number().min(0).max(1).describe(description);
/** A count: an integer >= min. */
const count = (description: string, min = 0) => z.number().int().min(min).describe(description);
const text = (description: string) => z.string().describe(description);
const texts = (description: string, item: string) => z.array(z.string().describe(item)).describe(description);

export const InstanceSummarySchema = z
  .strictObject({
    name: text('Instance type name, e.g. "m7i.2xlarge".'),
    vcpu: count('Virtual CPUs per node (count); each vCPU serves as one queue server.', 1),
    memGiB: z.number().positive().describe('Memory per node, GiB (2^30 bytes).'),
    usdPerHour: nonNegative(
      "Price of one node in the candidate's first region under its pricing model (cost.pricingModel), USD per hour (other regions: cost.prices).",
    ),
    /** Source id of the price (resolves in `sources`). */
    source: text('Source id of the price (resolves in `sources`).'),
    perVcpuSpeedup: z
      .number()
      .positive()
      .describe(
        "Per-vCPU speed of this type against a vCPU of workload.serviceTimeFamily (dimensionless; 1 for that family): a request's CPU time here is the measured service time divided by it (workload.perVcpuPerformance, else the catalog's CoreMark table, an estimate; the notes say which).",
      ),
  })
  .describe('The instance type every node of this candidate runs on.');

export const CostBreakdownSchema = z
  .strictObject({
    computeUsdPerMonth: nonNegative('Nodes serving traffic, USD per month.'),
    standbyUsdPerMonth: nonNegative('Standby nodes (hot or cold), USD per month.'),
    loadBalancerUsdPerMonth: nonNegative('Load balancers, USD per month.'),
    /** The global traffic switch of a design that spans regions (0 within one region). */
    globalSwitchUsdPerMonth: nonNegative(
      'The global traffic switch (DNS failover with health checks, or a global accelerator) that moves users between regions, for a standby in another region or a design over several regions; 0 within one region. USD per month.',
    ),
    crossZoneTransferUsdPerMonth: nonNegative('Data transfer between zones of a region, USD per month.'),
    interRegionTransferUsdPerMonth: nonNegative('Data transfer between regions, USD per month.'),
    operationsUsdPerMonth: nonNegative(
      'People and tooling (operations.usdPerNodeMonth x every node, a standby included, + operations.usdPerRegionMonth x the regions), USD per month; present when above 0.',
    ).optional(),
    blueGreenUsdPerMonth: nonNegative(
      'The second copy a blue-green deploy runs for operations.blueGreenOverlap per deploy (none where a hot standby serves as it), USD per month; present when above 0.',
    ).optional(),
    /** With cost.includeEgress: internet egress of the responses, inside usdPerMonth. */
    internetEgressUsdPerMonth: nonNegative(
      'Only when the scenario sets cost.includeEgress: internet egress of the responses to users (as cost.internetEgressUsdPerMonth), counted in usdPerMonth, the budget check and the search. USD per month.',
    ).optional(),
  })
  .describe('The parts of usdPerMonth, USD per month each.');

export const CostResultSchema = z
  .strictObject({
    usdPerMonth: nonNegative(
      'Total monthly cost of the design (sum of the breakdown; without internet egress unless the scenario sets cost.includeEgress), USD per month.',
    ),
    breakdown: CostBreakdownSchema,
    usdPerMillionRequests: nonNegative('usdPerMonth spread over a month of requests at the design rate, USD.'),
    /**
     * Internet egress of the responses to users, USD/month: about the same for every design (often served through a
     * CDN), so reported beside the total and NOT included in usdPerMonth or the budget check.
     */
    internetEgressUsdPerMonth: nonNegative(
      'Internet egress of the responses to users, USD per month: about the same for every design (often served ' +
        'through a CDN), so reported beside the total and NOT included in usdPerMonth or the budget check, unless ' +
        'the scenario sets cost.includeEgress (then it is also in breakdown and in usdPerMonth).',
    ),
    /** Transfer volumes the transfer costs rest on, GB per month. */
    transferGbPerMonth: z
      .strictObject({
        crossZone: nonNegative('Cross-zone transfer volume, GB per month.'),
        interRegion: nonNegative('Inter-region transfer volume, GB per month.'),
        internetEgress: nonNegative('Internet egress volume to users, GB per month.'),
      })
      .describe('Transfer volumes the transfer costs rest on, GB (10^9 bytes) per month.'),
    /** The on-demand unit prices the compute and standby costs use, one per instance type and region. */
    prices: z
      .array(
        z.strictObject({
          instance: text('Instance type name.'),
          region: text("Region where these nodes run (priced at that region's rate)."),
          usdPerHour: nonNegative('Price of one node there under pricingModel, USD per hour.'),
          pricingModel: text('The pricing model of this price (as cost.pricingModel).'),
          onDemandUsdPerHour: nonNegative('The on-demand price of one node there, USD per hour.'),
          source: text('Source id of the price (resolves in `sources`).'),
          derived: z
            .string()
            .nullable()
            .describe(
              "How the price was derived where no source lists it (a stand-in family's regional multiplier, a correction the source flags, a reservation discount carried to another region or term, a spot saving applied to the on-demand price, an ASSUMPTION for Savings Plans); null for a listed price.",
            ),
        }),
      )
      .describe(
        'The unit prices the compute and standby costs use, one per instance type and region where nodes run, under the pricing model; a derived price says how it was derived.',
      ),
    pricingModel: text(
      'The pricing model the node prices use: "on-demand", "reserved-1y", "reserved-3y", "savings-plan-1y", "savings-plan-3y" or "spot" (pricing.model of the scenario or the candidate); balancers, switches and transfer are always at list price. A system of tiers whose tiers use different models lists them, joined by " + ".',
    ),
    method: text('How the cost was computed (prices, calendar, assumptions).'),
  })
  .describe('Monthly cost of the candidate, USD.');

export const AvailabilityTermSchema = z
  .strictObject({
    /** What fails: "node", "zone", "region", "load balancer", "capacity", "failover". */
    cause: text('What fails: "node", "zone", "region", "load balancer", "capacity", "failover", ...'),
    unavailability: fraction('Unavailability attributed to this cause, fraction of time in [0, 1].'),
    downtimeMinutesPerYear: nonNegative('That unavailability as downtime, minutes per year (365.25 days).'),
  })
  .describe('One cause of downtime and its share.');

export const AvailabilityResultSchema = z
  .strictObject({
    value: fraction('Availability: fraction of time the service is up for its users, in [0, 1].'),
    unavailability: fraction('1 - availability, computed directly (keeps its digits near 1), fraction in [0, 1].'),
    nines: z.number().min(0).describe('-log10(unavailability), nines (dimensionless).'),
    downtimeMinutesPerYear: nonNegative('Expected downtime, minutes per year (365.25 days).'),
    method: text('How the availability was computed (model and approximations).'),
    /** Approximate attribution of the downtime to its causes (first order; they need not add up exactly). */
    byCause: z
      .array(AvailabilityTermSchema)
      .describe('Approximate attribution of the downtime to its causes (first order; they need not add up exactly).'),
    /** Components whose failure alone takes the service down for some users. */
    singlePointsOfFailure: texts(
      'Components whose failure alone takes the service down for some users.',
      'A component, e.g. "the region".',
    ),
  })
  .describe('Steady-state availability of the candidate.');

export const UserRegionLatencySchema = z
  .strictObject({
    region: text('Region id of these users (catalog id, e.g. "us-east-1").'),
    share: fraction("These users' share of the requests, fraction in [0, 1]."),
    /** The region that serves these users when everything is up. */
    servedFrom: text('The region that serves these users when everything is up (region id).'),
    networkRttMs: nonNegative('Network round trip from these users to servedFrom, ms.'),
    /** Network time of every request: workload.roundTrips x networkRttMs, ms (strong writes add a quorum round trip). */
    networkMs: nonNegative(
      'Network time of each request: workload.roundTrips x networkRttMs, ms (a strong write adds its quorum round trip).',
    ),
    /** "measured" or "estimated" (from distance). */
    networkMethod: text('"measured" or "estimated" (from distance).'),
    /** Queueing + service p99 at the serving region (no network), ms. */
    queueP99Ms: nonNegativeOrNull(
      'Queueing + service p99 at the serving region (no network), ms (null: unstable queue).',
    ),
    /** End-to-end p99 of these users' requests, ms (null: unstable queue). */
    p99Ms: nonNegativeOrNull("End-to-end p99 of these users' requests, ms (null: unstable queue)."),
    /** Whether that p99 is within targets.p99 (false when it is null); with p99Scope "every-region" every one must be. */
    meetsP99: z
      .boolean()
      .describe(
        'Whether p99Ms is within targets.p99 (false when p99Ms is null). With targets.p99Scope "every-region", meetsTargets.p99 requires it of every user region.',
      ),
    /** Where they go when their serving region is down (null: nowhere, single region). */
    failoverTo: z
      .string()
      .nullable()
      .describe('Region id they go to when their serving region is down (null: nowhere, single region).'),
    failoverRttMs: nonNegativeOrNull('Network round trip to failoverTo, ms (null: no failover region).'),
  })
  .describe('Latency seen by the users of one region.');

export const LatencyResultSchema = z
  .strictObject({
    /** End-to-end percentiles over all users (a mixture over user regions), all nodes up, ms. */
    p50Ms: nonNegativeOrNull(
      'End-to-end median over all users (a mixture over user regions), all nodes up, ms (null: unstable queue).',
    ),
    p99Ms: nonNegativeOrNull(
      'End-to-end p99 over all users (a mixture over user regions), all nodes up, ms (null: unstable queue).',
    ),
    p999Ms: nonNegativeOrNull(
      'End-to-end p99.9 over all users (a mixture over user regions), all nodes up, ms (null: unstable queue).',
    ),
    /** The same p99 with `spares` nodes down in every region (horizontal) or equal to p99Ms (vertical), ms. */
    p99DegradedMs: nonNegativeOrNull(
      'The same p99 with `spares` nodes down in every region (horizontal) or equal to p99Ms (vertical), ms ' +
        '(null: unstable queue).',
    ),
    /** Autoscaled designs: the p99 while the previous hour's nodes carry the new hour's load (the worst rise), ms. */
    p99ScaleOutMs: nonNegativeOrNull(
      "Autoscaled horizontal designs only: the p99 over all users during the worst scale-out window (the previous hour's nodes carrying the new hour's load until new nodes serve; autoscaling.scaleOut.worstStep), ms; p99Ms when the load never rises; null: unstable in that window. Reported beside the p99 target, which judges p99Ms.",
    ).optional(),
    /** The p99 of the network time alone (under targets.p99Scope), ms: no capacity brings the p99 below it. */
    networkP99Ms: z
      .number()
      .min(0)
      .describe(
        'The p99 of the network time alone (round trips and strong-write quorum trips, under targets.p99Scope), ms: no amount of capacity brings the p99 below it. When it exceeds the p99 target, the miss is distance, not box size.',
      ),
    meanQueueWaitMs: nonNegativeOrNull('Mean time a request waits in the queue before service, ms (null: unstable).'),
    /** Systems of tiers: the mean network time per request between tiers (calls x round trip), ms. */
    interTierMs: nonNegative(
      'Systems of tiers only: the mean network time of one request between its tiers (each call to a tier after the first pays the round trip from the tier before it: same zone, across zones or between regions), ms.',
    ).optional(),
    byUserRegion: z.array(UserRegionLatencySchema).describe('Latency per user region, in the order of the scenario.'),
    method: text('How the latency was computed (network model and queueing model).'),
  })
  .describe('Response-time percentiles of the candidate, ms.');

export const MeetsTargetsSchema = z
  .strictObject({
    /** targets.p99 met under targets.p99Scope: by the p99 over all users, or by every user region's p99. */
    p99: z
      .boolean()
      .describe(
        'Whether the p99 target is met with every node up, under targets.p99Scope: "all-users" judges the p99 over all users (latency.p99Ms), "every-region" the p99 of every user region (latency.byUserRegion[].meetsP99 all true); horizontal designs are sized so that it holds with `spares` nodes down too (latency.p99DegradedMs).',
      ),
    availability: z.boolean().describe('Whether the unavailability is within the availability target.'),
    /** null: the scenario sets no budget. */
    budget: z
      .boolean()
      .nullable()
      .describe('Whether usdPerMonth is within the budget (null: the scenario sets no budget).'),
    utilization: z.boolean().describe('Whether utilization is within the maxUtilization target.'),
    memory: z.boolean().describe("Whether a node's memory holds its share of the working set."),
    /** null: the scenario sets no durability target (maxDataLoss). */
    durability: z
      .boolean()
      .nullable()
      .describe(
        'Whether dataLoss.windowS is within targets.maxDataLoss (null: the scenario sets no durability target).',
      ),
  })
  .describe('Which targets of the scenario the candidate meets.');

export const DataLossSchema = z
  .strictObject({
    /** Acknowledged writes, as time, that one failure can lose: 0 with synchronous replication, seconds. */
    windowS: nonNegative(
      'Acknowledged writes, as time, that one failure can lose, seconds (0 with synchronous replication).',
    ),
    /** Why: which copy of the data is lost and how far behind the survivor is. */
    method: text('Why: which copy of the data is lost and how far behind the survivor is.'),
  })
  .describe('Durability: the acknowledged writes a single failure can lose.');

const interval = (description: string) =>
  z
    .tuple([z.number().describe('low end'), z.number().describe('high end')])
    .describe(`${description} 95% confidence interval [low, high]`);

export const SimulatedLatencySchema = z
  .strictObject({
    customers: count('Requests simulated and recorded, over all serving regions (count).'),
    meanResponseMs: nonNegative('Simulated mean end-to-end response, ms.'),
    p50Ms: nonNegative('Simulated end-to-end p50, ms.'),
    p99Ms: nonNegative('Simulated end-to-end p99, ms.'),
    p999Ms: nonNegative('Simulated end-to-end p99.9, ms.'),
    ci95: z
      .strictObject({
        meanResponseMs: interval('Mean response, ms:'),
        p99Ms: interval('p99, ms:'),
      })
      .describe('95% confidence intervals of the simulated figures.'),
    /** Whether the analytic p99 lies inside the simulated 95% interval. */
    analyticP99Inside: z
      .boolean()
      .describe('Whether the analytic p99 (latency.p99Ms) lies inside the simulated interval.'),
    /** (analytic - simulated) / simulated p99. */
    analyticP99RelativeError: z
      .number()
      .describe('(analytic - simulated) / simulated p99: positive when the analytic figure is pessimistic.'),
    /** The simulated end-to-end p99 of each user region (in the scenario's order), beside latency.byUserRegion. */
    byUserRegion: z
      .array(
        z.strictObject({
          region: text('User region (as in latency.byUserRegion).'),
          customers: count('Requests of these users simulated and recorded (count).'),
          p99Ms: nonNegative('Simulated end-to-end p99 of these users, ms.'),
          ci95: interval('Their p99, ms:'),
          analyticP99Inside: z
            .boolean()
            .describe(
              'Whether the analytic p99 of these users (latency.byUserRegion[].p99Ms) lies inside the interval.',
            ),
        }),
      )
      .describe(
        'The simulated p99 of each user region, in the scenario order; a user region with fewer than 1000 simulated requests (or none in some replication) is left out, as method says.',
      ),
    /** Horizontal designs with spares: the p99 with `spares` nodes down in every region (latency.p99DegradedMs). */
    sparesDown: z
      .strictObject({
        spares: count("Nodes down in every serving region (the design's spares).", 1),
        p99Ms: nonNegative('Simulated end-to-end p99 with those nodes down, ms.'),
        ci95: interval('That p99, ms:'),
        analyticP99Inside: z
          .boolean()
          .describe('Whether the analytic figure (latency.p99DegradedMs) lies inside the interval.'),
      })
      .nullable()
      .describe(
        'Horizontal designs with spares: the p99 simulated with the spares down in every region; null otherwise (or when that queue is unstable).',
      ),
    /** Systems of tiers with per-tier designs: the time a request spends in each tier, beside tiers[].latency. */
    byTier: z
      .array(
        z.strictObject({
          name: text('Tier name (as in tiers[]).'),
          meanMs: nonNegative(
            'Simulated mean time a request spends in the tier (its calls: the round trips before them, waits, services and write detours), ms.',
          ),
          p99Ms: nonNegative('Simulated p99 of that time, ms.'),
          ci95: interval('That p99, ms:'),
          analyticP99Inside: z
            .boolean()
            .describe(
              'Whether the analytic figure (tiers[].latency.p99Ms) lies inside the interval (false when it is null).',
            ),
        }),
      )
      .optional()
      .describe(
        'Systems of tiers with per-tier designs only: the simulated time a request spends in each tier, in call order (0 for a request that makes no call to it).',
      ),
    warmup: z
      .strictObject({
        customersPerSection: count(
          'Requests discarded at the start of each replication (it starts empty) before any is recorded (count; the longest over the serving regions).',
        ),
        capped: z
          .boolean()
          .describe(
            'Whether the warm-up was capped below the five relaxation times of the busiest queue it asks for (the figures may then lie low).',
          ),
      })
      .describe('The warm-up of the replications.'),
    warnings: texts(
      'What keeps the 95% intervals from being honest at this load (sections shorter than the queue needs, a capped warm-up), each with the requests that would do; empty when nothing does.',
      'One warning.',
    ),
    method: text('How the latency was simulated.'),
  })
  .describe('Request-level simulation of the candidate at the design rate.');

export const SimulatedAvailabilitySchema = z
  .strictObject({
    years: nonNegative('Simulated years.'),
    value: fraction('Simulated availability (the exact figure when tooRare).'),
    unavailability: fraction('Simulated unavailability.'),
    nines: z.number().describe('-log10(unavailability).'),
    ci95: interval('Availability:'),
    downEvents: count('Outages observed (count).'),
    /** Too few outages were observed to estimate; `value` is then the exact (analytic) figure. */
    tooRare: z.boolean().describe('Too few outages were observed to estimate; value is then the exact figure.'),
    /** Whether the analytic availability lies inside the simulated 95% interval (null when too rare). */
    analyticInside: z
      .boolean()
      .nullable()
      .describe('Whether the analytic availability lies inside the simulated interval (null when too rare).'),
    warnings: texts(
      'What keeps the interval from being honest (fewer than 50 outages, or downtime dominated by rare outages such as a region), each with the years that would do; empty when nothing does.',
      'One warning.',
    ),
    method: text('How availability was simulated.'),
  })
  .describe('Failure/repair simulation of the candidate over many years.');

export const SimulatedFiguresSchema = z
  .strictObject({
    seed: count('Seed of the simulation (the same for every candidate: common random numbers).'),
    /** null: not simulated, with the reason in `skipped`. */
    latency: SimulatedLatencySchema.nullable().describe('Request-level simulation (null: not simulated; see skipped).'),
    availability: SimulatedAvailabilitySchema.nullable().describe(
      'Failure/repair simulation (null: not simulated; see skipped).',
    ),
    skipped: texts('What was not simulated, and why.', 'One reason.'),
  })
  .describe('Monte Carlo figures beside the analytic ones (present when the scenario has a simulation block).');

export const AutoscalingResultSchema = z
  .strictObject({
    minNodes: count('Fewest serving nodes per region at any hour, spares on top (autoscaling.minNodes; count).', 1),
    scaleOutTimeS: nonNegative('Time from a rise of the load to new nodes in service (autoscaling.scaleOutTime), s.'),
    nodesByHour: z
      .array(count('Nodes over all regions in that hour (count).'))
      .length(24)
      .describe('Nodes running in each hour of the day, hour 0 first (over all regions; the peak hour runs `nodes`).'),
    usdPerHourByHour: z
      .array(nonNegative('USD per hour.'))
      .length(24)
      .describe(
        "The design's cost rate in each hour of the day, USD per hour: that hour's nodes at their regions' prices plus the rest of cost.usdPerMonth (balancers, switch, transfer) spread evenly over the 730-hour month.",
      ),
    meanNodes: nonNegative('Mean nodes over the day (over all regions): what compute is paid for (count, fractional).'),
    peakNodes: count('Nodes at the peak hour (count; = nodes).'),
    computeUsdPerMonthAtPeak: nonNegative(
      'What the compute would cost with the peak fleet all day (no autoscaling), USD per month; cost.breakdown.computeUsdPerMonth is never more.',
    ),
    scaleOut: z
      .strictObject({
        risingSteps: count('Hours after which the load rises (count; the day repeats, hour 23 to hour 0 included).'),
        stepsOverCap: count(
          "Rises whose window the previous hour's nodes cannot carry at or below the degraded utilisation cap (count): each is downtime for min(scaleOutTime, 1 h).",
        ),
        worstStep: z
          .strictObject({
            fromHour: count('The hour before the rise (0-23).'),
            toHour: count('The hour after it (0-23).'),
            fromMultiplier: fraction("The first hour's load, multiplier of the peak."),
            toMultiplier: fraction("The second hour's load, multiplier of the peak."),
            nodes: count("The first hour's nodes, carrying the second hour's load during the window (count)."),
            utilization: z.number().min(0).describe("Busiest region's utilisation in the window (>= 1: unstable)."),
          })
          .nullable()
          .describe('The rise with the highest utilisation in its window (null: the load never rises).'),
        downtimeFraction: fraction(
          'Unavailability of the windows over the cap: stepsOverCap x min(scaleOutTime, 1 h) / 24 h (availability.byCause "scale-out").',
        ),
      })
      .describe(
        "The windows while the design scales out: after each rise of the load, the previous hour's nodes carry the new hour's load until new nodes serve.",
      ),
    availabilityByHour: z
      .strictObject({
        weighting: z
          .enum(['requests'])
          .describe(
            "How the hours are combined into availability.value: by requests (hour h weighs m_h / sum of the profile's multipliers: the share of the day's requests that arrive while the design is down).",
          ),
        unavailabilityByHour: z
          .array(fraction('Unavailability from failures in that hour, fraction.'))
          .length(24)
          .describe(
            "Unavailability from failures in each hour of the day, hour 0 first: that hour's fleet (nodesByHour) at that hour's load (its need for nodes falls with the load; the spares are the design's). Scale-out windows not included (scaleOut).",
          ),
        worstHour: z
          .strictObject({
            hour: count('The hour (0-23).'),
            unavailability: fraction('Its unavailability from failures, fraction.'),
          })
          .describe('The hour with the highest unavailability from failures (the first of equals).'),
        requestWeightedUnavailability: fraction(
          "The hours' unavailability weighted by their requests (the failures part of availability.unavailability), fraction.",
        ),
        timeWeightedUnavailability: fraction(
          'The plain mean over the 24 hours (each hour alike, whatever its traffic), for comparison, fraction.',
        ),
      })
      .optional()
      .describe(
        "Availability hour by hour (a horizontal design that autoscales, with its data placeable): availability.value is the request-weighted figure over the day, in series with the scale-out windows. Absent for a system of tiers' sum of hours.",
      ),
    method: text('How the hours and the scale-out windows were computed, and what is assumed.'),
  })
  .describe(
    'An autoscaled horizontal design (autoscaling on workload.dailyProfile): its nodes and cost rate hour by hour, the peak fleet it replaces, and its scale-out windows. cost.breakdown.computeUsdPerMonth is the mean over the day.',
  );

export const TierResultSchema = z
  .strictObject({
    name: text('Tier name (as in the scenario).'),
    role: z.enum(['stateless', 'cache', 'database']).describe('What the tier does.'),
    kind: z
      .enum(['vertical', 'horizontal', 'co-located'])
      .describe(
        'How the tier is built: "vertical" (one box, perhaps a standby and read replicas), "horizontal" (nodes over zones and regions) or "co-located" (on the nodes of a candidate that runs every tier).',
      ),
    instance: InstanceSummarySchema,
    nodes: count('Nodes serving the tier (count; a vertical tier: 1 plus its read replicas; standby not included).'),
    regions: texts('Regions the tier runs in.', 'A region id.'),
    zones: count('Zones per region the tier spreads over (count).'),
    standby: z
      .enum(['none', 'cold', 'hot'])
      .nullable()
      .describe('Standby of a vertical tier (null: horizontal or co-located).'),
    readReplicas: count('Read replicas beside a vertical database tier (count; 0 otherwise).'),
    nodesByRegion: z
      .array(z.strictObject({ region: text('Region id.'), nodes: count('Nodes of the tier there (count).') }))
      .describe(
        'Serving nodes of the tier per region (a vertical tier: its primary region, 1 plus its read replicas).',
      ),
    spares: count('Nodes per region that may be down with the tier still carrying its load (horizontal; 0 otherwise).'),
    balancer: z.string().nullable().describe('Balancing policy of a horizontal tier (null otherwise).'),
    deploy: z
      .enum(DEPLOY_MODES)
      .optional()
      .describe(
        'How a new version reaches the tier (operations): present where its design names it or the tier is deployed (its deploys a week > 0).',
      ),
    callsPerRequest: nonNegative(
      'Calls per user request that reach the tier on average (callsPerRequest x the misses of the caches in front).',
    ),
    utilization: z
      .number()
      .min(0)
      .describe(
        "The tier's busiest node's CPU utilisation at the design rate (fraction; co-located: its part of the shared nodes' utilisation).",
      ),
    memoryNeededGiB: nonNegative(
      "Memory a node of the tier needs for its share of the tier's working set (with headroom), GiB.",
    ),
    latency: z
      .strictObject({
        meanMs: nonNegativeOrNull(
          "Mean time a request spends in the tier: its calls' responses and their round trips from the tier before, ms (null: unstable).",
        ),
        p99Ms: nonNegativeOrNull(
          "p99 of the time a request spends in the tier (calls' responses and round trips), ms (null: unstable).",
        ),
        shareOfMean: fraction("The tier's part of the mean end-to-end response time, fraction.")
          .nullable()
          .describe(
            "The tier's part of the mean end-to-end response time (co-located: its share of the CPU demand), fraction.",
          ),
      })
      .describe("The tier's part of the latency."),
    availability: z
      .strictObject({
        value: fraction("The tier's own availability, with its zones, regions and balancer, fraction."),
        unavailability: fraction('1 - value, computed directly, fraction.'),
        downtimeShare: fraction(
          "Unavailability of the system that would disappear if this tier never went down (it alone down), fraction; the rest of the system's unavailability is shared (two or more tiers down at once).",
        ),
      })
      .describe("The tier's availability and its part of the system's downtime."),
    cost: z
      .strictObject({
        usdPerMonth: nonNegative(
          "The tier's monthly cost, USD (co-located: its part of the shared nodes by CPU demand).",
        ),
        share: fraction("The tier's part of the system's monthly cost, fraction."),
        pricingModel: z
          .enum(PRICING_MODELS)
          .optional()
          .describe(
            "How the tier's nodes are bought (its design's pricing.model, or spot chosen by a search on spot for a stateless horizontal tier): present on every tier when the tiers are bought differently (the system's cost.pricingModel then joins them with \" + \").",
          ),
      })
      .describe("The tier's cost."),
    autoscaling: AutoscalingResultSchema.optional().describe(
      "An autoscaled tier (a stateless horizontal tier with autoscaling): its fleet and cost rate hour by hour and its scale-out windows, as an autoscaled candidate's; the system's autoscaling sums its tiers' hours.",
    ),
    zoneLoss: z
      .enum(['survives', 'reads', 'writes', 'capacity', 'restore'])
      .describe(
        'What the loss of one zone does to the tier on its own: "survives", or what fails ("reads", "writes", "capacity" of the survivors, "restore" of a cold standby).',
      ),
    regionLoss: z
      .enum(['survives', 'reads', 'writes', 'capacity', 'restore'])
      .nullable()
      .describe('The same for the loss of one region (null: the tier runs in one region).'),
    notes: texts('Notes on the tier (what it assumes, where it is close to a limit).', 'One note.'),
  })
  .describe('One tier of a system of tiers, as built by the candidate.');

export const ArchitectureResultSchema = z
  .strictObject({
    name: text('Name of the candidate (from the scenario, or given by the search).'),
    kind: z.enum(['vertical', 'horizontal']).describe('"vertical" (one bigger box) or "horizontal" (many nodes).'),
    /** "explicit" (from the scenario) or "searched" (found by the engine). */
    origin: z
      .enum(['explicit', 'searched'])
      .describe('"explicit" (from the scenario) or "searched" (found by the engine).'),
    instance: InstanceSummarySchema,
    nodes: count('Nodes serving traffic, over all regions (count; standby nodes not included).'),
    /** Nodes per region that may fail with the targets still met (horizontal); 0 for vertical. */
    spares: count('Nodes per region that may fail with the targets still met (horizontal); 0 for vertical (count).'),
    zones: count('Availability zones per region the nodes are spread over (count).'),
    regions: texts('Regions the candidate runs in (region ids).', 'A region id, e.g. "us-east-1".'),
    standby: z
      .enum(['none', 'cold', 'hot'])
      .nullable()
      .describe('Standby of a vertical candidate: "none", "cold" or "hot" (null: horizontal).'),
    balancer: z
      .string()
      .nullable()
      .describe('Load-balancing policy of a horizontal candidate, e.g. "least-loaded" (null: vertical).'),
    deploy: z
      .enum(DEPLOY_MODES)
      .optional()
      .describe(
        'How a new version reaches the candidate (operations, issue 20): "restart", "blue-green" or "rolling"; present when the candidate names it or the scenario counts deploys (operations.deploysPerWeek > 0).',
      ),
    /** Busiest node's CPU utilisation at the design rate, all nodes up. */
    utilization: z
      .number()
      .min(0)
      .describe(
        "Busiest node's CPU utilisation at the design rate, all nodes up: a load ratio, fraction of capacity " +
          '(>= 1 means an unstable queue, so it is not bounded by 1).',
      ),
    /** Memory a node needs for its share of the working set (with headroom), GiB. */
    memoryNeededGiB: nonNegative('Memory a node needs for its share of the working set (with headroom), GiB.'),
    /** Up nodes per region that carry that region's load at or below the degraded utilisation cap (availability). */
    nodesNeededByRegion: z
      .array(
        z
          .strictObject({
            region: text('Region id.'),
            nodes: count('Nodes placed in this region (count).'),
            needed: z
              .number()
              .int()
              .min(0)
              .nullable()
              .describe(
                "Fewest up nodes that carry this region's load at or below the degraded utilisation cap (count; null: none can).",
              ),
          })
          .describe('Nodes placed and needed in one region.'),
      )
      .describe(
        "Up nodes per region that carry that region's load at or below the degraded utilisation cap (used by availability).",
      ),
    /** Where a horizontal design keeps its data; null for a vertical design. */
    placement: z
      .object({
        /** Partitions of the working set (about 16 per node; the model assumes them spread over every allowed node set). */
        partitions: z.number().int().min(1).describe('Partitions of the working set (about 16 per node; count).'),
        /** Copies of each partition in every region. */
        replication: z.number().int().min(1).describe('Copies of each partition in every region (count).'),
        /** Most copies of one partition in one zone. */
        copiesPerZone: z.number().int().min(1).describe('Most copies of one partition in one zone (count).'),
        /** Live copies (of all regions' copies) a write needs: a majority for strong consistency, else 1. */
        writeQuorum: z
          .number()
          .int()
          .min(1)
          .describe('Live copies of all regions a write needs: a majority for strong consistency, else 1 (count).'),
        /** All copies of one partition: regions x replication. */
        copies: z.number().int().min(1).describe('All copies of one partition: regions x replication (count).'),
        /** The placement in words. */
        description: z.string().describe('The placement in words.'),
      })
      .nullable()
      .describe('Where a horizontal design keeps its data (null for vertical designs).'),
    /** The utilisation the survivors may reach while components are down (availability); null for a vertical design. */
    degradedUtilizationCap: z
      .number()
      .min(0)
      .nullable()
      .describe(
        'Utilisation the survivors may reach while components are down for the design to count as up: targets.maxUtilizationDegraded, or the all-up utilisation when higher (fraction; null for vertical designs).',
      ),
    /**
     * Whether, with any one zone down, every partition still serves reads and writes and the survivors stay at or below
     * the degraded cap (vertical: a hot standby takes over).
     */
    survivesZoneLoss: z
      .boolean()
      .describe(
        'Whether, with any one zone down, every partition still serves reads and writes and the survivors stay at or below the degraded cap (vertical: a hot standby takes over).',
      ),
    /** The same with any one region down (multi-region only; null for one region). */
    survivesRegionLoss: z
      .boolean()
      .nullable()
      .describe(
        'Whether, with any one region down, every partition still serves reads and writes and the surviving regions carry its users at or below the degraded cap (null: single region).',
      ),
    feasible: z.boolean().describe('Whether the candidate can be built and run at all (see infeasibleReason).'),
    /** How far from meeting every target: the sum of each missed target's relative excess (0 when feasible). */
    shortfall: z
      .number()
      .min(0)
      .describe(
        'How far the candidate is from meeting every target: the sum over the missed targets of each miss relative to its own target (missed nines / target nines, p99 excess / target, cost excess / budget, utilisation and memory excess / limit, data-loss excess / max(target, 1 s)); 0 when feasible; 1e6 stands for unbounded (an unstable queue). The search names the design with the smallest shortfall as the closest.',
      ),
    infeasibleReason: z
      .string()
      .optional()
      .describe('Why the candidate is not feasible (present when feasible is false).'),
    cost: CostResultSchema,
    /** An autoscaled horizontal design (autoscaling on a daily profile): its fleet hour by hour and its scale-out. */
    autoscaling: AutoscalingResultSchema.optional(),
    availability: AvailabilityResultSchema,
    latency: LatencyResultSchema,
    dataLoss: DataLossSchema,
    meetsTargets: MeetsTargetsSchema,
    /** Systems of tiers: each tier as the candidate builds it (the figures above are end-to-end). */
    tiers: z
      .array(TierResultSchema)
      .optional()
      .describe(
        "Systems of tiers only: each tier as this candidate builds it, in call order. The candidate's cost, availability and latency are end-to-end (the cost a sum; availability exact over the zones and regions the tiers share; the p99 that of the sum of every call); its instance, zones, standby and balancer are its first tier's, placement its first database tier's (null when that tier is vertical or there is none), nodes the total over tiers, utilization the busiest tier's.",
      ),
    /** Monte Carlo figures beside the analytic ones, when the scenario has a `simulation` block. */
    simulated: SimulatedFiguresSchema.optional(),
    /** Short notes on what this candidate assumes or where it is close to a limit. */
    notes: texts(
      'Short notes on what this candidate assumes or where it is close to a limit.',
      'One note (plain text).',
    ),
  })
  .describe('One candidate architecture, evaluated.');

const spread = (description: string) =>
  z
    .strictObject({
      p5: z.number().describe('5th percentile over the samples.'),
      p50: z.number().describe('Median over the samples.'),
      p95: z.number().describe('95th percentile over the samples.'),
      mean: z.number().describe('Mean over the samples.'),
    })
    .describe(description);

const probability = (description: string) => fraction(description).nullable().describe(description);

export const UncertaintySchema = z
  .strictObject({
    samples: count('Sampled scenarios (count).', 1),
    seed: count('Seed of the sampling.'),
    /** The uncertain inputs, in SI units of the normalised scenario. */
    inputs: z
      .array(
        z
          .strictObject({
            path: text('Scenario field path of the uncertain input.'),
            p5: z.number().describe('5th percentile, SI units of the normalised field.'),
            p95: z.number().describe('95th percentile, SI units of the normalised field.'),
            distribution: text('"lognormal", "normal" or "uniform".'),
          })
          .describe('One uncertain input.'),
      )
      .describe('The uncertain inputs.'),
    byArchitecture: z
      .array(
        z
          .strictObject({
            name: text('Candidate name.'),
            costUsdPerMonth: spread('Monthly cost over the samples, USD.'),
            /** End-to-end p99 over the samples where the queue is stable, ms; null when it never is. */
            p99Ms: spread('End-to-end p99 over the stable samples, ms.')
              .nullable()
              .describe('End-to-end p99 over the stable samples, ms (null: never stable).'),
            nines: spread('Availability in nines over the samples.'),
            /** Share of the samples in which the queue is unstable (utilisation >= 1). */
            probUnstable: fraction('Share of the samples with an unstable queue.'),
            /** Share of the samples in which the design meets every target. */
            probMeetsAll: fraction('Share of the samples meeting every target.'),
            /** Share of the samples meeting each target (null: the scenario sets no such target). */
            probMeets: z
              .strictObject({
                p99: probability('Share of the samples meeting the p99 target.'),
                availability: probability('Share meeting the availability target.'),
                budget: probability('Share meeting the budget (null: no budget).'),
                utilization: probability('Share meeting the utilisation target.'),
                memory: probability('Share in which the working set fits.'),
                durability: probability('Share meeting the durability target (null: none).'),
              })
              .describe('Share of the samples meeting each target.'),
          })
          .describe("One candidate's figures over the sampled inputs."),
      )
      .describe('Per candidate, in the order of architectures.'),
    method: text('How the uncertainty was propagated.'),
  })
  .describe('Distributions of the figures when the scenario gives ranges (present only then).');

export const FrontierEntrySchema = z
  .strictObject({
    /** The candidate's name; a searched design other than the ones in `architectures` is named by its kind and summary. */
    name: text(
      "The candidate's name; a searched design other than those in `architectures` is named by its kind and summary (with its regions, then a number, when names would repeat).",
    ),
    kind: z.enum(['vertical', 'horizontal']).describe('"vertical" (one box) or "horizontal" (a fleet).'),
    /** The design in words, e.g. "42 x m7i.2xlarge over 3 zones in 2 regions". */
    summary: text('The design in words, e.g. "42 x m7i.2xlarge over 3 zones in 2 regions".'),
    cost: z.strictObject({ usdPerMonth: nonNegative('Monthly cost, USD.') }).describe('Cost of the design.'),
    availability: z
      .strictObject({ nines: z.number().min(0).describe('-log10(unavailability), nines (dimensionless).') })
      .describe('Availability of the design.'),
    /** null: an unstable queue (worse than any p99). */
    latency: z
      .strictObject({
        p99Ms: nonNegativeOrNull('End-to-end p99 over all users, ms (null: unstable queue, worse than any p99).'),
      })
      .describe('Latency of the design.'),
    /** Whether the design meets every target (its `feasible`). */
    meetsTargets: z.boolean().describe('Whether the design meets every target (its `feasible`).'),
  })
  .describe('A design no other beats on cost, nines and p99 together.');

export const RecommendationSchema = z
  .strictObject({
    /** Name of the recommended candidate, or null when none meets every target. */
    name: z.string().nullable().describe('Name of the recommended candidate, or null when none meets every target.'),
    why: text('Why this candidate (or why none), plain text.'),
    /** Targets no candidate meets. */
    unmetByAll: texts('Targets no candidate meets.', 'A target, e.g. "p99".'),
  })
  .describe('The recommended candidate and the reason.');

export const ComparisonResultSchema = z
  .strictObject({
    scenario: text('Name of the scenario.'),
    designRatePerS: z
      .number()
      .positive()
      .describe('Request rate every candidate is sized for (peak rate grown over the growth period), per second.'),
    designRateNote: text('How the design rate was derived, plain text.'),
    /** Present when the scenario names its `provider`: what the catalog brings for it, and for the others. */
    provider: z
      .strictObject({
        id: text('The provider the designs run on (the scenario\'s provider, e.g. "aws").'),
        families: texts('Its instance families the search and the candidates may use.', 'A family, e.g. "m7i".'),
        regions: texts('The catalog regions it runs (ids).', 'A region id.'),
        networkPrices: text(
          'Where its transfer, balancer and global-switch prices come from (the catalog file and its provider).',
        ),
        others: z
          .array(
            z
              .strictObject({
                id: text('Another provider of the catalog\'s instance table (e.g. "gcp").'),
                missing: texts(
                  'What the catalog lacks for it, so that no design can run there (nothing is invented).',
                  'One missing part.',
                ),
              })
              .describe('A provider the scenario could not name.'),
          )
          .describe("The catalog's other providers without regions, and what they lack; empty when none."),
      })
      .optional()
      .describe(
        "Present when the scenario names its provider: the provider's families, regions and network prices, and what the catalog lacks for its other providers.",
      ),
    /**
     * Inputs that are valid but implausible (an MTBF of 73 minutes written as the bare number 4380, a working set no
     * box holds, ...), one line each naming the field; empty when none. `capplan run` also prints them on stderr.
     */
    warnings: texts(
      'Inputs that are valid but implausible (an MTBF under a day or over a century, a bare number read as seconds where hours were likely meant, a working set no box holds, ...); empty when none. capplan run also prints them on stderr.',
      'One warning: the field path, the value and why it looks wrong (plain text).',
    ),
    architectures: z.array(ArchitectureResultSchema).describe('The candidates, one per architecture compared.'),
    recommendation: RecommendationSchema,
    /**
     * The non-dominated designs (lower cost, more nines, lower p99: none is beaten on all three by another), sorted by
     * cost; at most 40, the cheapest and the dearest kept and the rest spread evenly by cost (frontierNonDominated says
     * how many there are in all).
     */
    frontier: z
      .array(FrontierEntrySchema)
      .max(40)
      .describe(
        'The non-dominated designs (lower cost, more nines, lower p99: none is beaten on all three by another; designs equal on all three appear once), sorted by cost; at most 40, the cheapest and the dearest kept and the rest spread evenly by cost.',
      ),
    /** What the frontier is taken from: every design the search evaluated, or the scenario's candidates. */
    frontierOf: z
      .enum(['search', 'candidates'])
      .describe(
        'What the frontier is taken from: "search" (every design the search evaluated; the scenario names no architectures) or "candidates" (the scenario\'s architectures).',
      ),
    /** How many designs are non-dominated, before the cap of 40 entries in `frontier`. */
    frontierNonDominated: count('How many designs are non-dominated, before the cap of 40 entries in `frontier`.'),
    /** Present when the scenario gives ranges: distributions of each candidate's figures over sampled inputs. */
    uncertainty: UncertaintySchema.optional(),
    /** Assumptions every figure rests on, and the defaults taken. */
    assumptions: texts('Assumptions every figure rests on, and the defaults taken.', 'One assumption (plain text).'),
    /** Catalog sources of the prices and failure figures used: id -> text and date. */
    sources: z
      .array(
        z
          .strictObject({
            id: text('Source id (referenced by instance.source and elsewhere).'),
            text: text('What the source is.'),
            date: text('When the figure was taken (date text).'),
          })
          .describe('One catalog source.'),
      )
      .describe('Catalog sources of the prices and failure figures used: id -> text and date.'),
    calendar: text('Calendar convention of every per-month and per-year figure (e.g. year = 365.25 days).'),
  })
  .describe("The result of comparing a scenario's candidates: what `capplan run` writes.");

/** The result JSON Schema (draft 2020-12) as a plain JSON object, with `$id` and a title. */
export function resultJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ComparisonResultSchema, { target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return { $schema, $id: RESULT_SCHEMA_ID, title: 'capplan result', ...rest };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(root)' : out;
}

/** Every way `x` is not a valid result, one "path: message" line each; empty when it is valid. */
export function validateResult(x: unknown): string[] {
  const parsed = ComparisonResultSchema.safeParse(x);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key`)
      : [`${formatPath(issue.path)}: ${issue.message}`],
  );
}
