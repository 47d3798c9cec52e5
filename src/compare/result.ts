/**
 * The result of comparing a scenario's candidates (the JSON `capplan run` writes). Field names are fixed by
 * ../shared/design/contract.md; every field carries its unit in its name, fractions are plain numbers in [0, 1].
 */

export interface InstanceSummary {
  name: string;
  vcpu: number;
  memGiB: number;
  usdPerHour: number;
  /** Source id of the price (resolves in `sources`). */
  source: string;
}

export interface CostBreakdown {
  computeUsdPerMonth: number;
  standbyUsdPerMonth: number;
  loadBalancerUsdPerMonth: number;
  /** The global traffic switch of a design that spans regions (0 within one region). */
  globalSwitchUsdPerMonth: number;
  crossZoneTransferUsdPerMonth: number;
  interRegionTransferUsdPerMonth: number;
}

export interface CostResult {
  usdPerMonth: number;
  breakdown: CostBreakdown;
  usdPerMillionRequests: number;
  /**
   * Internet egress of the responses to users, USD/month: about the same for every design (often served through a
   * CDN), so reported beside the total and NOT included in usdPerMonth or the budget check.
   */
  internetEgressUsdPerMonth: number;
  /** Transfer volumes the transfer costs rest on, GB per month. */
  transferGbPerMonth: { crossZone: number; interRegion: number; internetEgress: number };
  method: string;
}

export interface AvailabilityTerm {
  /** What fails: "node", "zone", "region", "load balancer", "capacity", "failover". */
  cause: string;
  unavailability: number;
  downtimeMinutesPerYear: number;
}

export interface AvailabilityResult {
  value: number;
  unavailability: number;
  nines: number;
  downtimeMinutesPerYear: number;
  method: string;
  /** Approximate attribution of the downtime to its causes (first order; they need not add up exactly). */
  byCause: AvailabilityTerm[];
  /** Components whose failure alone takes the service down for some users. */
  singlePointsOfFailure: string[];
}

export interface UserRegionLatency {
  region: string;
  share: number;
  /** The region that serves these users when everything is up. */
  servedFrom: string;
  networkRttMs: number;
  /** Network time of every request: workload.roundTrips x networkRttMs, ms (strong writes add a quorum round trip). */
  networkMs: number;
  /** "measured" or "estimated" (from distance). */
  networkMethod: string;
  /** Queueing + service p99 at the serving region (no network), ms. */
  queueP99Ms: number | null;
  /** End-to-end p99 of these users' requests, ms (null: unstable queue). */
  p99Ms: number | null;
  /** Whether that p99 is within targets.p99 (false when it is null); with p99Scope "every-region" every one must be. */
  meetsP99: boolean;
  /** Where they go when their serving region is down (null: nowhere, single region). */
  failoverTo: string | null;
  failoverRttMs: number | null;
}

export interface LatencyResult {
  /** End-to-end percentiles over all users (a mixture over user regions), all nodes up, ms. */
  p50Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  /** The same p99 with `spares` nodes down in every region (horizontal) or equal to p99Ms (vertical), ms. */
  p99DegradedMs: number | null;
  /** The p99 of the network time alone (under targets.p99Scope), ms: no capacity brings the p99 below it. */
  networkP99Ms: number;
  meanQueueWaitMs: number | null;
  byUserRegion: UserRegionLatency[];
  method: string;
}

export interface MeetsTargets {
  /** targets.p99 met under targets.p99Scope: by the p99 over all users, or by every user region's p99. */
  p99: boolean;
  availability: boolean;
  /** null: the scenario sets no budget. */
  budget: boolean | null;
  utilization: boolean;
  memory: boolean;
  /** null: the scenario sets no durability target (maxDataLoss). */
  durability: boolean | null;
}

export interface DataLossResult {
  /** Acknowledged writes, as time, that one failure can lose: 0 with synchronous replication, seconds. */
  windowS: number;
  /** Why: which copy of the data is lost and how far behind the survivor is. */
  method: string;
}

/** Data placement of a horizontal design (src/core/reliability/placement.ts). */
export interface Placement {
  /** Partitions of the working set (about 16 per node; the model assumes them spread over every allowed node set). */
  partitions: number;
  /** Copies of each partition in every region. */
  replication: number;
  /** Most copies of one partition in one zone. */
  copiesPerZone: number;
  /** Live copies (of all regions' copies) a write needs: a majority for strong consistency, else 1. */
  writeQuorum: number;
  /** All copies of one partition: regions x replication. */
  copies: number;
  /** The placement in words. */
  description: string;
}

export interface ArchitectureResult {
  name: string;
  kind: 'vertical' | 'horizontal';
  /** "explicit" (from the scenario) or "searched" (found by the engine). */
  origin: 'explicit' | 'searched';
  instance: InstanceSummary;
  nodes: number;
  /** Nodes per region that may fail with the targets still met (horizontal); 0 for vertical. */
  spares: number;
  zones: number;
  regions: string[];
  standby: 'none' | 'cold' | 'hot' | null;
  balancer: string | null;
  /** Busiest node's CPU utilisation at the design rate, all nodes up. */
  utilization: number;
  /** Memory a node needs for its share of the working set (with headroom), GiB. */
  memoryNeededGiB: number;
  /** Up nodes per region that carry that region's load at or below the degraded utilisation cap (availability). */
  nodesNeededByRegion: { region: string; nodes: number; needed: number | null }[];
  /** Where a horizontal design keeps its data; null for a vertical design. */
  placement: Placement | null;
  /** The utilisation the survivors may reach while components are down (availability); null for a vertical design. */
  degradedUtilizationCap: number | null;
  /**
   * Whether, with any one zone down, every partition still serves reads and writes and the survivors stay at or below
   * the degraded cap (vertical: a hot standby takes over).
   */
  survivesZoneLoss: boolean;
  /** The same with any one region down (multi-region only; null for one region). */
  survivesRegionLoss: boolean | null;
  feasible: boolean;
  /** How far from meeting every target: the sum of each missed target's relative excess (0 when feasible). */
  shortfall: number;
  infeasibleReason?: string;
  cost: CostResult;
  availability: AvailabilityResult;
  latency: LatencyResult;
  dataLoss: DataLossResult;
  meetsTargets: MeetsTargets;
  /** Short notes on what this candidate assumes or where it is close to a limit. */
  notes: string[];
  /** Monte Carlo figures beside the analytic ones, when the scenario has a `simulation` block. */
  simulated?: SimulatedFigures;
}

export interface SimulatedLatency {
  customers: number;
  meanResponseMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  ci95: { meanResponseMs: [number, number]; p99Ms: [number, number] };
  /** Whether the analytic p99 lies inside the simulated 95% interval. */
  analyticP99Inside: boolean;
  /** The simulated end-to-end p99 of each user region (in the scenario's order), beside latency.byUserRegion. */
  byUserRegion: {
    region: string;
    customers: number;
    p99Ms: number;
    ci95: [number, number];
    /** Whether the analytic p99 of these users lies inside the interval. */
    analyticP99Inside: boolean;
  }[];
  /** Horizontal designs with spares: the p99 with `spares` nodes down in every region (latency.p99DegradedMs). */
  sparesDown: {
    spares: number;
    p99Ms: number;
    ci95: [number, number];
    analyticP99Inside: boolean;
  } | null;
  /** (analytic - simulated) / simulated p99. */
  analyticP99RelativeError: number;
  method: string;
}

export interface SimulatedAvailability {
  years: number;
  value: number;
  unavailability: number;
  nines: number;
  ci95: [number, number];
  downEvents: number;
  /** Too few outages were observed to estimate; `value` is then the exact (analytic) figure. */
  tooRare: boolean;
  /** Whether the analytic availability lies inside the simulated 95% interval (null when too rare). */
  analyticInside: boolean | null;
  method: string;
}

export interface SimulatedFigures {
  seed: number;
  /** null: not simulated, with the reason in `skipped`. */
  latency: SimulatedLatency | null;
  availability: SimulatedAvailability | null;
  skipped: string[];
}

export interface Recommendation {
  /** Name of the recommended candidate, or null when none meets every target. */
  name: string | null;
  why: string;
  /** Targets no candidate meets. */
  unmetByAll: string[];
}

export interface Spread {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface ArchitectureUncertainty {
  name: string;
  costUsdPerMonth: Spread;
  /** End-to-end p99 over the samples where the queue is stable, ms; null when it never is. */
  p99Ms: Spread | null;
  nines: Spread;
  /** Share of the samples in which the queue is unstable (utilisation >= 1). */
  probUnstable: number;
  /** Share of the samples in which the design meets every target. */
  probMeetsAll: number;
  /** Share of the samples meeting each target (null: the scenario sets no such target). */
  probMeets: { [K in keyof MeetsTargets]: number | null };
}

export interface UncertaintyResult {
  samples: number;
  seed: number;
  /** The uncertain inputs, in SI units of the normalised scenario. */
  inputs: { path: string; p5: number; p95: number; distribution: string }[];
  byArchitecture: ArchitectureUncertainty[];
  method: string;
}

/** A design of the frontier: none of the designs it is taken from beats it on cost, nines and p99 together. */
export interface FrontierEntry {
  /** The candidate's name; a searched design other than the ones in `architectures` is named by its kind and summary. */
  name: string;
  kind: 'vertical' | 'horizontal';
  /** The design in words, e.g. "42 x m7i.2xlarge over 3 zones in 2 regions". */
  summary: string;
  cost: { usdPerMonth: number };
  availability: { nines: number };
  /** null: an unstable queue (worse than any p99). */
  latency: { p99Ms: number | null };
  /** Whether the design meets every target (its `feasible`). */
  meetsTargets: boolean;
}

export interface ComparisonResult {
  scenario: string;
  designRatePerS: number;
  designRateNote: string;
  /**
   * Inputs that are valid but implausible (an MTBF of 73 minutes written as the bare number 4380, a working set no
   * box holds, ...), one line each naming the field; empty when none. `capplan run` also prints them on stderr.
   */
  warnings: string[];
  architectures: ArchitectureResult[];
  recommendation: Recommendation;
  /**
   * The non-dominated designs (lower cost, more nines, lower p99: none is beaten on all three by another), sorted by
   * cost; at most 40, the cheapest and the dearest kept and the rest spread evenly by cost (frontierNonDominated says
   * how many there are in all).
   */
  frontier: FrontierEntry[];
  /** What the frontier is taken from: every design the search evaluated, or the scenario's candidates. */
  frontierOf: 'search' | 'candidates';
  /** How many designs are non-dominated, before the cap of 40 entries in `frontier`. */
  frontierNonDominated: number;
  /** Present when the scenario gives ranges: distributions of each candidate's figures over sampled inputs. */
  uncertainty?: UncertaintyResult;
  /** Assumptions every figure rests on, and the defaults taken. */
  assumptions: string[];
  /** Catalog sources of the prices and failure figures used: id -> text and date. */
  sources: { id: string; text: string; date: string }[];
  calendar: string;
}
