import type { DEPLOY_MODES, PRICING_MODELS, PROVIDERS } from './options.js';

/**
 * A scenario after validation and unit parsing: plain SI numbers (seconds, bytes, per second, USD per month,
 * fractions). This is what the comparison engine (src/compare) consumes; it never sees unit strings.
 * The raw (user-facing) form is defined by the zod schema in schema.ts; normalize.ts turns one into the other.
 */

export type Standby = 'none' | 'cold' | 'hot';
/** How a new version reaches a design (`deploy`; compare/operations.ts). */
export type DeployMode = (typeof DEPLOY_MODES)[number];
/** How nodes are bought (`pricing.model`; compare/nodePrice.ts): list price, commitments or spot. */
export type PricingModel = (typeof PRICING_MODELS)[number];
export type BalancerPolicy = 'random' | 'round-robin' | 'least-loaded' | 'power-of-two';
export type Consistency = 'eventual' | 'strong';
/** What a tier does (issue 13): an application tier, a cache in front of the next tier, or a database. */
export type TierRole = 'stateless' | 'cache' | 'database';
/**
 * Which requests `targets.p99` is about: the p99 over all users' requests (a mixture over user regions), or the p99
 * of every user region's requests on its own (so that a small group of far users cannot hide in the mixture).
 */
export type P99Scope = 'all-users' | 'every-region';

export interface FailureRates {
  /** Mean time between failures, seconds (> 0). */
  mtbfS: number;
  /** Mean time to repair, seconds (> 0). */
  mttrS: number;
}

export interface Workload {
  /** Peak arrival rate today, requests per second (> 0). */
  peakRatePerS: number;
  /** Mean traffic rate today for transfer costs, per second; null: use the peak (conservative). */
  averageRatePerS: number | null;
  /**
   * CPU time of one request (one sub-request with fan-out) on one vCPU of the chosen family, seconds (> 0); null when
   * the scenario gives `tiers` instead (each tier has its own service time).
   */
  serviceTimeS: number | null;
  /** Coefficient of variation of the service time, [0, 100]; default 1 (exponential; unused with tiers). */
  serviceTimeCv: number;
  /**
   * The catalog family whose vCPU `serviceTimeS` (and every tier's service time) was measured on; default "m7i". On
   * another family's vCPU a request takes serviceTimeS x perf(serviceTimeFamily) / perf(family) (compare/perVcpu.ts).
   */
  serviceTimeFamily: string;
  /**
   * Per-vCPU throughput of families relative to m7i (= 1), given by the scenario in place of the catalog's CoreMark
   * estimate (`workload.perVcpuPerformance`); family -> factor > 0. Empty: the catalog's table for every family.
   */
  perVcpuPerformance: Readonly<Record<string, number>>;
  /** Growth per year as a fraction (0.8 = +80%/year), >= -0.99; default 0. */
  growthPerYear: number;
  /** Growth horizon in years, >= 0; default 0. */
  growthYears: number;
  /** Bytes the service keeps in memory (whole data set); default 0. */
  workingSetBytes: number;
  /** Extra memory a node needs beyond its share of the working set (OS, runtime), fraction; default 0.1. */
  memoryHeadroom: number;
  /** Copies of each partition of the working set in a horizontal design, integer >= 1; default 2. */
  replication: number;
  /** A request waits for K independent sub-requests (scatter-gather), integer >= 1; default 1. */
  fanout: number;
  /** Fraction of requests that write, [0, 1]; default 0. */
  writeFraction: number;
  /** Consistency of writes across replicas in other regions; default eventual. */
  consistency: Consistency;
  /** Request and response sizes, bytes; defaults 1 KiB and 10 KiB. */
  requestSizeBytes: number;
  responseSizeBytes: number;
  /** Network round trips per request between user and service, >= 1; default 1 (warm connection). */
  roundTrips: number;
  /** Universal Scalability Law coefficients of the software on one node's vCPUs; null: linear scaling. */
  usl: { sigma: number; kappa: number } | null;
  /**
   * The load of each hour of the day as a multiplier of the peak, 24 values in [0, 1], hour 0 first
   * (`workload.dailyProfile`); absent: the peak all day.
   */
  dailyProfile?: readonly number[];
}

/**
 * How an autoscaled horizontal design follows the daily profile (`autoscaling`; compare/autoscale.ts): each hour it
 * runs the nodes that hour's load needs, at least `minNodes` serving nodes per region plus its spares.
 */
export interface AutoscalingSpec {
  /** Fewest serving nodes per region at any hour, spares not included, integer >= 1. */
  minNodes: number;
  /** Time from a rise of the load to new nodes in service, seconds in [0, 3600]. */
  scaleOutTimeS: number;
}

export interface Targets {
  /** End-to-end p99 latency target, seconds (> 0). */
  p99S: number;
  /** Which p99 must meet p99S: the one over all users' requests, or every user region's; default all-users. */
  p99Scope: P99Scope;
  /** Availability target as a fraction in (0, 1), and its complement computed without cancellation. */
  availability: number;
  unavailability: number;
  /** Monthly budget, USD; null: none. */
  budgetUsdPerMonth: number | null;
  /** Highest planned CPU utilisation at the design rate, (0, 1); default 0.75. */
  maxUtilization: number;
  /**
   * Highest utilisation of the survivors while components are down for the design to count as up, (0, 1); default
   * 0.9. A design whose all-up utilisation is higher uses that instead (availability.value, README).
   */
  maxUtilizationDegraded: number;
  /** Most acknowledged writes (as time) a single failure may lose, seconds (0: none); null: no durability target. */
  maxDataLossS: number | null;
}

export interface Reliability {
  node: FailureRates;
  zone: FailureRates;
  region: FailureRates;
  /** Detection + switch time per failure of a serving component (hot standby, node behind a balancer, region), s. */
  failoverS: number;
  /**
   * Fixed part of bringing a cold standby up (detection, start, attach), seconds; the restore takes
   * coldRestoreS + workingSetBytes / restoreRateBytesPerS (src/core/reliability/restore.ts).
   */
  coldRestoreS: number;
  /** Rate at which a cold standby gets its data back, bytes per second. */
  restoreRateBytesPerS: number;
  /** How far an asynchronous replica lags behind its primary, seconds (the writes lost on failover). */
  replicationLagS: number;
  /** Time between backups of data kept in one copy only, seconds (the writes lost with that copy). */
  backupIntervalS: number;
}

export interface UserRegion {
  /** Catalog region id, or (with `location`) the name of a place that is not a catalog region ("lagos"). */
  region: string;
  /** Where the users are when they are not in a catalog region, decimal degrees; null: at the catalog region. */
  location: { lat: number; lon: number } | null;
  /** Share of requests, (0, 1]; shares sum to 1. */
  share: number;
}

export interface VerticalSpec {
  kind: 'vertical';
  name: string;
  /** Catalog family ("m7i"). */
  family: string;
  /** Catalog size ("2xlarge"); null: the smallest that meets the targets. */
  size: string | null;
  /** Serving region (`regions[0]` in the scenario); null: chosen by the engine (the best p99 for the users). */
  region: string | null;
  standby: Standby;
  /** `regions[1]` in the scenario: the standby runs in another region; null: another zone of `region`. */
  standbyRegion: string | null;
  /** The candidate's own `pricing.model`; absent: the scenario's. */
  pricing?: PricingModel;
  /** How a new version reaches it; absent: the kind's default (restart vertical, rolling horizontal). */
  deploy?: DeployMode;
}

export interface HorizontalSpec {
  kind: 'horizontal';
  name: string;
  family: string;
  /** null: chosen by the engine (the cheapest size meeting the targets). */
  size: string | null;
  /** Total nodes over all regions; null: the fewest that meet the targets with `spares` nodes down per region. */
  nodes: number | null;
  /** Nodes per region that may be down while the targets are still met (N+k), integer >= 0; default 1. */
  spares: number;
  /** Availability zones per region, integer >= 1; default 3. */
  zones: number;
  /** Serving regions (>= 1, distinct); null: chosen by the engine. */
  regions: string[] | null;
  balancer: BalancerPolicy;
  /** The candidate's own `pricing.model`; absent: the scenario's. */
  pricing?: PricingModel;
  /** How a new version reaches it; absent: the kind's default (restart vertical, rolling horizontal). */
  deploy?: DeployMode;
  /** The candidate's own `autoscaling`, or the scenario's; absent: the peak fleet all day. */
  autoscaling?: AutoscalingSpec;
}

/**
 * A candidate of a tiered scenario that gives a design per tier (`architectures[i].tiers` in the scenario): it has
 * a name and the designs, nothing else.
 */
export interface TieredSpec {
  kind: 'tiered';
  name: string;
  /** One design per tier of the scenario, in the scenario's tier order (`tiers[i]` is the design of `Scenario.tiers[i]`). */
  tiers: TierDesign[];
  /** The candidate's own `pricing.model` (every tier's nodes); absent: the scenario's. */
  pricing?: PricingModel;
}

/**
 * A candidate. A tiered scenario's candidate without per-tier designs is a VerticalSpec or HorizontalSpec whose nodes
 * run every tier (co-located: the tiers' service times add up on the same CPUs).
 */
export type ArchitectureSpec = VerticalSpec | HorizontalSpec | TieredSpec;

/** The design of one tier: a vertical candidate's options, and for a database tier its read replicas. */
export interface VerticalTierDesign extends Omit<VerticalSpec, 'name'> {
  /** The tier's name (`Scenario.tiers[i].name`). */
  tier: string;
  /** The tier's own `pricing.model` (never spot: a box); absent: the candidate's, else the scenario's. */
  pricing?: PricingModel;
  /** Read replicas beside the primary (a database tier only; 0 for any other), integer >= 0; default 0. */
  readReplicas: number;
}

/** The design of one tier: a horizontal candidate's options (a database tier partitions with its `replication`). */
export interface HorizontalTierDesign extends Omit<HorizontalSpec, 'name'> {
  tier: string;
  /* `autoscaling` (HorizontalSpec's): a stateless tier's own, else the scenario's (normalize.ts); never a stateful tier's. */
  /** The tier's own `pricing.model` ("spot" only on a stateless tier); absent: the candidate's, else the scenario's. */
  pricing?: PricingModel;
}

export type TierDesign = VerticalTierDesign | HorizontalTierDesign;

interface TierBase {
  /** Unique in the scenario; an identifier (letters, digits, _), used in sweep paths (`tiers.db.serviceTime`). */
  name: string;
  /** CPU time of one call to the tier on one vCPU of the chosen family, seconds (> 0). */
  serviceTimeS: number;
  /** Coefficient of variation of the tier's service time, [0, 100]; default 1. */
  serviceTimeCv: number;
  /**
   * Sequential calls one user request makes to the tier, integer in [0, 10000]; default 1. Behind a cache of hit
   * ratio h only (1 - h) of them arrive (the expected calls per request are then fractional; this is the count).
   */
  callsPerRequest: number;
  /** Deploys of this tier per week (`tiers[].deploysPerWeek`); absent: operations.deploysPerWeek. */
  deploysPerWeek?: number;
}

export interface StatelessTier extends TierBase {
  role: 'stateless';
}

export interface CacheTier extends TierBase {
  role: 'cache';
  /** Fraction of the calls the cache answers, [0, 1]; the rest go on to the next tier (there always is one). */
  hitRatio: number;
  /** Bytes the cache holds in memory; default 0. */
  workingSetBytes: number;
}

export interface DatabaseTier extends TierBase {
  role: 'database';
  /** Bytes of the data set; default 0. */
  workingSetBytes: number;
  /** Fraction of the calls that write, [0, 1]; default 0. */
  writeFraction: number;
  /** Copies of each partition in a horizontal design, integer >= 1; default 2. */
  replication: number;
  /** Consistency of writes across replicas; default eventual. */
  consistency: Consistency;
}

/** One tier of a system of tiers (issue 13), in call order. */
export type Tier = StatelessTier | CacheTier | DatabaseTier;

/**
 * Bursty arrivals for the request simulation: a two-state Markov-modulated Poisson process (MMPP) whose long-run
 * mean rate is the design rate; in a burst the rate is `factor` times the rate between bursts.
 */
export interface Bursts {
  /** Rate in a burst / rate between bursts, > 1. */
  factor: number;
  /** Long-run fraction of the time spent in bursts, (0, 1). */
  share: number;
  /** Mean length of a burst (exponential), seconds. */
  lengthS: number;
}

export interface SimulationSpec {
  seed: number;
  requests: number;
  years: number;
  /** null: Poisson arrivals (what the analytic model assumes). */
  bursts: Bursts | null;
  /** Shape of Weibull up times (mean = MTBF) for every component; null: exponential (the analytic assumption). */
  weibullShape: number | null;
  /** Node repairs in progress at once (shared repair crews); null: unlimited (the analytic assumption). */
  repairCrews: number | null;
}

/** How an uncertain input's range { p5, p95 } is spread. */
export type RangeDistribution = 'lognormal' | 'normal' | 'uniform';

/**
 * A workload or reliability figure given as a range `{ "p5": ..., "p95": ..., "distribution"?: ... }` instead of one
 * value. Its field in the Scenario holds `median`, the point value the analytic comparison uses; uncertain.ts's
 * `sampleUncertain` draws from the distribution and `withValue` puts a drawn value into a copy of the scenario.
 */
export interface UncertainInput {
  /** Raw field path, as written in the scenario file: "workload.peakRate", "reliability.node.mtbf". */
  path: string;
  /** 5th and 95th percentiles, SI (the unit of the normalised field), p5 <= p95 (p5 > 0 for lognormal). */
  p5: number;
  p95: number;
  /** Default "lognormal". For "uniform", p5 and p95 are the 5th and 95th percentiles, not the ends of the support. */
  distribution: RangeDistribution;
  /** The point value used for the analytic comparison: sqrt(p5 p95) for lognormal, (p5 + p95) / 2 otherwise. */
  median: number;
}

/** An input fitted from measurements by `capplan fit --into` (the scenario's `fitted` list). */
export interface FittedInput {
  /** The field path: "workload.usl", "workload.serviceTime", "reliability.node.mtbf", ... */
  input: string;
  file: string;
  date: string | null;
  method: string;
  /** The load test's measurements (a USL fit), for the worksheet's plot; null when not recorded. */
  points: { n: number; x: number }[] | null;
}

/**
 * The price of complexity and of change (`operations`; compare/operations.ts). Every figure 0 by default: nothing
 * priced or counted, and every result as without the block.
 */
export interface Operations {
  /** People and tooling per node (standby included), USD per month, >= 0. */
  usdPerNodeMonth: number;
  /** People and tooling per region a design runs in, USD per month, >= 0. */
  usdPerRegionMonth: number;
  /** Deploys per week, >= 0. */
  deploysPerWeek: number;
  /** Time a box or node is out of service while it restarts into a new version, seconds. */
  restartS: number;
  /** Share of deploys that fail in production, [0, 1]. */
  changeFailureRate: number;
  /** Mean time to restore the service after a failed change, seconds. */
  changeRecoveryS: number;
  /** How long a blue-green deploy runs the second copy, seconds (priced where no hot standby serves as it). */
  blueGreenOverlapS: number;
}

export interface Scenario {
  name: string;
  description: string | null;
  workload: Workload;
  targets: Targets;
  reliability: Reliability;
  users: UserRegion[];
  /**
   * The service as a system of tiers, in call order; null: one tier (`workload.serviceTime`). When given,
   * `workload.serviceTimeS` is null.
   */
  tiers: Tier[] | null;
  /** null: the engine searches for the best vertical and the best horizontal design. */
  architectures: ArchitectureSpec[] | null;
  /** How the nodes are bought unless a candidate says otherwise (`pricing.model`); default on-demand. */
  pricing: PricingModel;
  /**
   * The scenario's `provider` when it names one (one the catalog has regions and network prices for): the search and
   * the candidates use its families only, and every cost its network prices. Absent: as before, the catalog's
   * regions' provider (compare/networkPrices.ts).
   */
  provider?: (typeof PROVIDERS)[number];
  /** Operations cost, deploys and failed changes (`operations`); all 0 by default. */
  operations: Operations;
  /**
   * The scenario's `autoscaling`: the default of every horizontal design (searched designs, and candidates without
   * their own); with tiers, of every stateless tier's horizontal design and of the co-located fleet when no tier keeps
   * data; absent: none.
   */
  autoscaling?: AutoscalingSpec;
  /** `cost.includeEgress`: internet egress is part of cost.usdPerMonth; absent: false (reported beside it). */
  includeEgress?: boolean;
  simulation: SimulationSpec | null;
  /** Field paths that took their default value (for the worksheet and the result's assumptions). */
  defaulted: string[];
  /**
   * Field paths of values with units that the scenario gave as a bare JSON number, in the base unit (`"mtbf": 4380`
   * is 4380 seconds); a range's ends as `path.p5` and `path.p95`. The warnings name them (a bare number where a unit
   * was meant is a common slip).
   */
  bareNumbers: string[];
  /** Inputs given as ranges, in the order of the scenario's fields (empty when every input is a single value). */
  uncertain: UncertainInput[];
  /** Inputs fitted from measurements, in the file's order (empty when none). */
  fitted: FittedInput[];
}

/** The `operations` block's values when the scenario leaves it out: nothing priced or counted. */
export const NO_OPERATIONS: Readonly<Operations> = {
  usdPerNodeMonth: 0,
  usdPerRegionMonth: 0,
  deploysPerWeek: 0,
  restartS: 0,
  changeFailureRate: 0,
  changeRecoveryS: 0,
  blueGreenOverlapS: 3600,
};

/** A `simulation` block's values when the scenario leaves them out (as the schema's descriptions say). */
export const SIMULATION_DEFAULTS: Readonly<SimulationSpec> = {
  seed: 1,
  requests: 1_000_000,
  years: 1000,
  bursts: null,
  weibullShape: null,
  repairCrews: null,
};
