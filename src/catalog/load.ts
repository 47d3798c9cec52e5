/**
 * Validates the catalog files (schema.ts) and turns them into frozen, typed tables with lookups. Durations become
 * seconds here (the files store hours, and the inter-tier round trips ms); everything else keeps the unit its name
 * carries.
 */
import type { z } from 'zod';
import type { RttModel } from '../core/geo/rttModel.js';
import { deepFreeze } from '../util/deepFreeze.js';
import { CATALOG_FILES, rawCatalog } from './data.js';
import { buildRegionTable, REGIONS_PROVIDER, type Region } from './regionTable.js';
import type {
  CommitmentsSpotFileSchema,
  Confidence,
  GlobalTrafficSwitchRecord,
  INTERRUPTION_BANDS,
  InstancesFileSchema,
  InterTierEvidence,
  NetworkCostsFile,
  NetworkCostsFileSchema,
  RESERVATION_CLASSES,
  RESERVATION_OPTIONS,
  RESERVATION_TERMS,
  RegionsFileSchema,
  ReliabilityFile,
  ReliabilityFileSchema,
  SourceRecord,
} from './schema.js';

export type { Confidence, InterTierEvidence, SourceRecord };

export interface Instance {
  /** Provider name: "m7i.2xlarge", "n2-standard-8". */
  name: string;
  provider: 'aws' | 'gcp';
  /** The list region, whose price `usdPerHour` is ("us-east-1"; GCP prices: "us-central1", assumed). Prices in
   * other regions: `onDemand` (Catalog.onDemandPrice). */
  region: string;
  /** "m7i"; for GCP the name without its last dash-separated part ("n2-standard"). */
  family: string;
  /** "2xlarge", "metal-24xl"; for GCP the last dash-separated part ("8"). */
  size: string;
  vcpu: number;
  memGiB: number;
  /** On-demand list price in `region`, USD per hour. */
  usdPerHour: number;
  /** Source id (Catalog.sources) of the specs and the list price. */
  source: string;
  /** On-demand price in each region the type has one, the list region first. */
  onDemand: readonly RegionalPrice[];
  /** Regions where the source lists no price for the type (not offered there, as far as it knows). */
  notListed: readonly string[];
}

/** On-demand price of a type in a region, USD per hour; `derived` says how it was computed where it was. */
export interface RegionalPrice {
  region: string;
  usdPerHour: number;
  /** Source id (Catalog.sources). */
  source: string;
  /** How the price was derived (a stand-in family's regional multiplier, a flagged correction); null when listed. */
  derived: string | null;
}

/** Per-vCPU speed of a family relative to m7i (1.0), from CoreMark (an estimate; see the catalog's note). */
export interface FamilyPerformance {
  family: string;
  relativeToM7i: number;
  source: string;
  confidence: 'derived' | 'ESTIMATE';
  note: string;
}

export { REGIONS_PROVIDER, type Region } from './regionTable.js';

export interface MeasuredRtt {
  a: string;
  b: string;
  /** Median round trip, ms. */
  rttMs: number;
}

/**
 * Network round trip between two VMs of one region (models/catalog/regions.json interTier), for the calls between the
 * tiers of a system (app -> cache -> database): measured ping round trips, network path only. Not the intra-region
 * RTTs of measuredRttMs(a, a), which are TCP round trips to a regional endpoint.
 */
export interface InterTierRtt {
  /** Round trip between two VMs in the same availability zone, s. */
  sameZoneRttS: number;
  /** Round trip between two VMs in different availability zones of one region, s. */
  crossZoneRttS: number;
  /** What the two figures are (statistic, region, year). */
  statistic: string;
  /** Source id and confidence of both figures. */
  source: string;
  confidence: Confidence;
  /** Why these figures, and how the sources differ. */
  note: string;
  /** What each source measured or stated (figures in ms), the chosen one first. */
  evidence: readonly InterTierEvidence[];
}

export interface PerGb {
  usdPerGb: number;
  source: string;
}

export interface InterRegionPrice extends PerGb {
  region: string;
  /** 'observed': in the price fixture for this region; 'generalised': the US/EU $0.02/GB rule. */
  basis: 'observed' | 'generalised';
}

export interface CapacityUnitPrice {
  usdPerHour: number;
  /** Per load-balancer capacity unit hour (LCU, NLCU or GLCU). */
  usdPerCapacityUnitHour: number;
  source: string;
}

export interface NetworkCosts {
  /** Whose prices these are (network-costs.json is AWS's). */
  provider: Instance['provider'];
  currency: 'USD';
  /** Same AZ over private IPs: free. */
  sameAzPrivateIp: PerGb;
  /** Between AZs of one region: charged on both sides, so a GB moved costs 2 x usdPerGbEachDirection. */
  crossAz: { usdPerGbEachDirection: number; source: string };
  interRegion: {
    /** Direction-specific prices (us-east-1 -> us-east-2 $0.01/GB); they override bySourceRegion. */
    pairs: readonly { from: string; to: string; usdPerGb: number; source: string }[];
    /** Price per GB sent from a region to any other region. */
    bySourceRegion: ReadonlyMap<string, InterRegionPrice>;
  };
  /**
   * USD per GB sent from region `from` to a different region `to`: the pair's price if listed, else the source
   * region's. undefined when from === to or the source region has no price.
   */
  interRegionUsdPerGb(from: string, to: string): number | undefined;
  internetEgress: {
    /** Monthly volume tiers of tiersRegion, ascending; upToGbPerMonth null = no upper bound. */
    tiers: readonly { upToGbPerMonth: number | null; usdPerGb: number }[];
    tiersRegion: string;
    tiersNote: string;
    source: string;
    /** Price of the first 10 TB by region. */
    firstTierByRegion: ReadonlyMap<string, PerGb & { region: string }>;
    freeGbPerMonth: { value: number; source: string };
  };
  internetIngress: PerGb;
  loadBalancers: {
    alb: CapacityUnitPrice;
    nlb: CapacityUnitPrice;
    gwlb: CapacityUnitPrice;
    clb: { usdPerHour: number; usdPerGbProcessed: number; source: string };
  };
  /** One ALB LCU is the highest of these dimensions. */
  albLcu: NetworkCostsFile['albLcu'];
  natGateway: { usdPerHour: number; usdPerGbProcessed: number; source: string };
  /** Global traffic switches (DNS failover, global accelerator), one entry per kind, and the default. */
  globalSwitches: GlobalSwitches;
}

/**
 * A global traffic switch (models/catalog/network-costs.json globalTrafficSwitches): what moves users between regions,
 * for a standby in another region or a design over several regions. Every part carries its source and confidence.
 */
export interface GlobalSwitch extends GlobalTrafficSwitchRecord {
  /** Time to move users to another region after a failure: health-check detection + DNS TTL, seconds. */
  failoverS: number;
}

export interface GlobalSwitches {
  /** The switch the engine puts in front of every design that spans regions. */
  default: GlobalSwitch;
  byId: ReadonlyMap<string, GlobalSwitch>;
  /** Why the default was chosen, and what the availability figure rests on. */
  note: string;
}

export type FailureDomain = 'node' | 'zone' | 'region';

export interface FailurePreset {
  kind: FailureDomain;
  name: string;
  /** Mean time between failures, s. */
  mtbfS: number;
  /** Mean time to repair, s. */
  mttrS: number;
  /** Source id and confidence of the MTBF. */
  source: string;
  confidence: Confidence;
  /** Source id and confidence of the MTTR. */
  mttrSource: string;
  mttrConfidence: Confidence;
  note: string;
}

export interface LoadBalancerAvailability {
  /** A fraction; unavailability is stored directly (1 - availability would lose digits). */
  availability: number;
  unavailability: number;
  source: string;
  confidence: Confidence;
}

export interface ReliabilityPresets {
  node: ReadonlyMap<string, FailurePreset>;
  zone: ReadonlyMap<string, FailurePreset>;
  region: ReadonlyMap<string, FailurePreset>;
  /** The presets the examples use, and why. */
  default: { node: FailurePreset; zone: FailurePreset; region: FailurePreset; note: string };
  /** A preset by name; "default" gives the default of that domain. */
  preset(kind: FailureDomain, name: string): FailurePreset | undefined;
  /** From the ELB SLA: multi-AZ 0.9999, single-AZ 0.999. */
  loadBalancer: { multiAz: LoadBalancerAvailability; singleAz: LoadBalancerAvailability; note: string };
  failover: { defaultS: number; source: string; confidence: Confidence; note: string };
  /** Default rate at which a cold standby gets its data back, bytes per second (an ESTIMATE). */
  restore: { defaultBytesPerS: number; source: string; confidence: Confidence; note: string };
  /** Provider SLAs as fractions (evidence; not used directly). */
  slas: ReliabilityFile['slas'];
  /** Hardware failure figures the presets rest on. */
  evidence: ReliabilityFile['evidence'];
  regionEvents: ReliabilityFile['regionEvents'];
}

/** A Reserved Instance rate of one type in one region (commitments-spot.json `reservations`). */
export interface Reservation {
  term: (typeof RESERVATION_TERMS)[number];
  option: (typeof RESERVATION_OPTIONS)[number];
  class: (typeof RESERVATION_CLASSES)[number];
  /** The upfront spread over the term plus any hourly fee, USD per hour. */
  effectiveUsdPerHour: number;
  /** The on-demand price the source compared it with, USD per hour. */
  onDemandUsdPerHour: number;
  source: string;
  /** How the source computed the effective rate. */
  derived: string;
}

/** Spot Advisor's figures for one type in one region (commitments-spot.json `spot`). */
export interface SpotFigures {
  /** Saving against on-demand over the trailing 30 days, fraction. */
  typicalDiscount: number;
  interruptionBand: (typeof INTERRUPTION_BANDS)[number];
  source: string;
}

/** Discount of a reservation against on-demand, derived from the one type with a full grid (x2iedn.32xlarge). */
export interface CommitmentRatio {
  term: Reservation['term'];
  option: Reservation['option'];
  class: Reservation['class'];
  discount: number;
}

/**
 * A cloud provider as the catalog knows it: its instance families, and the regions, round trips and network prices
 * (transfer, balancers, global switches) that come with it. A provider whose regions the catalog lacks (GCP: the
 * reference lists some of its machine types at one unverified list price, and none of its regions, round trips,
 * balancer or transfer prices) cannot host a design; `missing` says what is absent, for the messages and the README.
 */
export interface CatalogProvider {
  id: Instance['provider'];
  /** How messages name it ("AWS"). */
  label: string;
  /** Its instance families, in catalog order. */
  families: readonly string[];
  /** Its instance types (count). */
  instanceTypes: number;
  /** The catalog regions it runs (ids); empty: none. */
  regions: readonly string[];
  /** Its transfer, balancer and global-switch prices, or null when the catalog has none. */
  networkCosts: NetworkCosts | null;
  /** What the catalog lacks for it (empty: nothing a design needs). */
  missing: readonly string[];
}

export interface Catalog {
  instances: readonly Instance[];
  /** Every provider with an instance type in the catalog, AWS first (see CatalogProvider). */
  providers: readonly CatalogProvider[];
  provider(id: string): CatalogProvider | undefined;
  /** family -> its sizes sorted by vcpu, then memGiB, then price, then name. */
  families: ReadonlyMap<string, readonly Instance[]>;
  instance(name: string): Instance | undefined;
  /** On-demand price of `instance` in `region`, or undefined when the catalog has none there (see notListed). */
  onDemandPrice(instance: Pick<Instance, 'name'>, region: string): RegionalPrice | undefined;
  /** Reserved Instance rates of a type in a region (any term, option and class listed; empty when none). */
  reservations(instance: Pick<Instance, 'name'>, region: string): readonly Reservation[];
  /** The x2iedn.32xlarge grid's discount ratios (identical in every region) and how they were derived. */
  commitmentRatios: { method: string; source: string; ratios: readonly CommitmentRatio[] };
  /** Spot Advisor's saving and interruption band of a type in a region, or undefined when it lists none. */
  spot(instance: Pick<Instance, 'name'>, region: string): SpotFigures | undefined;
  /** Per-vCPU performance by family (every family of `instances` has one). */
  perVcpuPerformance: ReadonlyMap<string, FamilyPerformance>;
  regions: readonly Region[];
  region(id: string): Region | undefined;
  /** Measured median RTT between two regions in ms, either order; a === b gives the intra-region RTT. */
  measuredRttMs(a: string, b: string): number | undefined;
  /** The measured inter-region pairs (unordered, a !== b) the RTT model was fitted to. */
  measuredRtts: readonly MeasuredRtt[];
  /** RTT from great-circle distance, fitted to the measured pairs. */
  rttModel: RttModel;
  /** Round trip between two VMs of one region, in the same zone and across zones (tier-to-tier calls). */
  interTier: InterTierRtt;
  networkCosts: NetworkCosts;
  reliability: ReliabilityPresets;
  /** Every source id used in the catalog resolves here. */
  sources: ReadonlyMap<string, SourceRecord>;
}

/** The catalog files are invalid: an internal error (exit code 3), one line per problem. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid catalog data:\n  ${problems.join('\n  ')}`);
  }
}

const SECONDS_PER_HOUR = 3600;
const MS_PER_S = 1000;

/** A read-only map whose contents cannot be changed at run time either (Object.freeze does not protect a Map). */
class FrozenMap<K, V> implements ReadonlyMap<K, V> {
  readonly #map: Map<K, V>;
  constructor(entries: Iterable<readonly [K, V]>) {
    this.#map = new Map(entries);
    Object.freeze(this);
  }
  get size(): number {
    return this.#map.size;
  }
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  has(key: K): boolean {
    return this.#map.has(key);
  }
  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.#map) fn.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[K, V]> {
    return this.#map.entries();
  }
  keys(): MapIterator<K> {
    return this.#map.keys();
  }
  values(): MapIterator<V> {
    return this.#map.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#map[Symbol.iterator]();
  }
}

/**
 * The instance table's price coverage, a rule across two files: every AWS type is priced or listed as absent
 * (`notListed`) in every catalog region, and names no other region. Checked with the schemas (validate.ts
 * buildCatalog), and for the committed files by the tests (test/catalog/prevalidated.test.ts), not at every start-up
 * (issue 18: about 3 ms of it).
 */
export function priceCoverageProblems(parsed: Pick<CatalogFiles, 'instances' | 'regions'>): string[] {
  const problems: string[] = [];
  const regions = buildRegionTable(parsed.regions).regions;
  const regionIds = new Set(regions.map((r) => r.id));
  parsed.instances.instances.forEach((i, n) => {
    if (i.provider !== REGIONS_PROVIDER) return;
    const covered = new Set([...i.onDemand.map((p) => p.region), ...i.notListed]);
    for (const r of regions) {
      if (!covered.has(r.id)) {
        problems.push(
          `${CATALOG_FILES.instances}: instances[${n}]: ${i.name} has no price and no notListed entry for ${r.id}`,
        );
      }
    }
    for (const id of covered) {
      if (!regionIds.has(id)) problems.push(`${CATALOG_FILES.instances}: instances[${n}]: unknown region "${id}"`);
    }
  });
  return problems;
}

/** "instances[3].vcpu" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function compareInstances(x: Instance, y: Instance): number {
  return (
    x.vcpu - y.vcpu ||
    x.memGiB - y.memGiB ||
    x.usdPerHour - y.usdPerHour ||
    (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
  );
}

/** The five catalog files as their schemas describe them (validated: catalog/validate.ts). */
export interface CatalogFiles {
  instances: z.infer<typeof InstancesFileSchema>;
  regions: z.infer<typeof RegionsFileSchema>;
  networkCosts: z.infer<typeof NetworkCostsFileSchema>;
  reliability: z.infer<typeof ReliabilityFileSchema>;
  commitmentsSpot: z.infer<typeof CommitmentsSpotFileSchema>;
}

/**
 * The catalog of files that have passed their schemas and the price coverage rule (validate.ts buildCatalog), or of
 * the committed files, which test/catalog checks against both (loadCatalog): no zod at run time.
 * @throws {CatalogError} a cross-file rule checked here is broken (sources, regions)
 */
export function buildCatalogFrom(parsed: CatalogFiles): Catalog {
  const problems: string[] = [];
  const { instances: inst, regions: reg, networkCosts: net, reliability: rel, commitmentsSpot: com } = parsed;

  // Sources: each file lists its own; the same id must mean the same thing everywhere.
  const sources = new Map<string, SourceRecord>();
  const files = [
    ['instances', inst],
    ['regions', reg],
    ['networkCosts', net],
    ['reliability', rel],
    ['commitmentsSpot', com],
  ] as const;
  for (const [key, file] of files) {
    file.sources.forEach((s, i) => {
      const seen = sources.get(s.id);
      if (seen && (seen.text !== s.text || seen.date !== s.date)) {
        problems.push(
          `${CATALOG_FILES[key]}: sources[${i}]: source "${s.id}" differs from the one of the same id in another file`,
        );
      }
      sources.set(s.id, { id: s.id, text: s.text, date: s.date });
    });
  }
  if (problems.length > 0) throw new CatalogError(problems);

  // Instances and families
  const instances: Instance[] = inst.instances.map((i) => {
    const list = i.onDemand[0] as (typeof i.onDemand)[number]; // the schema asks for at least one
    return {
      name: i.name,
      provider: i.provider,
      region: list.region,
      family: i.family,
      size: i.size,
      vcpu: i.vcpu,
      memGiB: i.memGiB,
      usdPerHour: list.usdPerHour,
      source: i.source,
      onDemand: i.onDemand.map((p) => ({
        region: p.region,
        usdPerHour: p.usdPerHour,
        source: p.source,
        derived: p.derived ?? null,
      })),
      notListed: [...i.notListed],
    };
  });
  const byName = new Map(instances.map((i) => [i.name, i]));
  const priceByName = new Map(instances.map((i) => [i.name, new Map(i.onDemand.map((p) => [p.region, p]))]));
  const perVcpuPerformance = new FrozenMap(
    inst.perVcpuPerformance.map((p) => [p.family, deepFreeze<FamilyPerformance>({ ...p })] as const),
  );
  const familyLists = new Map<string, Instance[]>();
  for (const i of instances) {
    const list = familyLists.get(i.family) ?? [];
    list.push(i);
    familyLists.set(i.family, list);
  }
  const families = new FrozenMap(
    [...familyLists].map(([f, list]) => [f, deepFreeze(list.sort(compareInstances))] as const),
  );

  // Regions and RTTs: the same table `capplan rtt` loads alone (regionTable.ts)
  const regionTable = buildRegionTable(reg);
  const regions = regionTable.regions as Region[];
  const rttModel = regionTable.rttModel;

  const t = reg.interTier;
  const interTier: InterTierRtt = {
    sameZoneRttS: t.sameZoneRttMs / MS_PER_S,
    crossZoneRttS: t.crossZoneRttMs / MS_PER_S,
    statistic: t.statistic,
    source: t.source,
    confidence: t.confidence,
    note: t.note,
    evidence: t.evidence.map((e) => ({ ...e, values: { ...e.values } })),
  };

  // Commitments and spot, by type and region: built when first asked for (most scenarios buy on demand)
  let commitments: ReturnType<typeof commitmentTables> | undefined;
  const tables = () => {
    commitments ??= commitmentTables(com);
    return commitments;
  };
  const commitmentRatios = deepFreeze({
    method: com.discountRatios.method,
    source: com.discountRatios.source,
    ratios: com.discountRatios.ratios.map((r) => ({ ...r })),
  });
  const NO_RESERVATIONS: readonly Reservation[] = Object.freeze([]);

  const networkCosts = buildNetworkCosts(net);
  const reliability = buildReliability(rel);
  const providers = buildProviders(instances, familyLists, regions, networkCosts);
  const providerById = new Map(providers.map((p) => [p.id as string, p]));

  const catalog: Catalog = {
    instances: deepFreeze(instances),
    providers,
    provider: (id) => providerById.get(id),
    families,
    instance: (name) => byName.get(name),
    onDemandPrice: (instance, region) => priceByName.get(instance.name)?.get(region),
    reservations: (instance, region) =>
      tables().reservationsAt.get(`${instance.name}\u0000${region}`) ?? NO_RESERVATIONS,
    commitmentRatios,
    spot: (instance, region) => tables().spotAt.get(`${instance.name}\u0000${region}`),
    perVcpuPerformance,
    regions: deepFreeze(regions),
    region: regionTable.region,
    measuredRttMs: regionTable.measuredRttMs,
    measuredRtts: deepFreeze(reg.rtt.pairs.map((p) => ({ a: p.a, b: p.b, rttMs: p.rttMs }))),
    rttModel: deepFreeze(rttModel),
    interTier: deepFreeze(interTier),
    networkCosts,
    reliability,
    sources: new FrozenMap([...sources].map(([id, s]) => [id, deepFreeze(s)] as const)),
  };
  return Object.freeze(catalog);
}

/** The reservations and spot figures of the commitments file, by `name\u0000region`. */
function commitmentTables(com: CatalogFiles['commitmentsSpot']) {
  const reservationsAt = new Map<string, Reservation[]>();
  for (const r of com.reservations) {
    const key = `${r.name}\u0000${r.region}`;
    const list = reservationsAt.get(key) ?? [];
    list.push(
      deepFreeze<Reservation>({
        term: r.term,
        option: r.option,
        class: r.class,
        effectiveUsdPerHour: r.effectiveUsdPerHour,
        onDemandUsdPerHour: r.onDemandUsdPerHour,
        source: r.source,
        derived: r.derived,
      }),
    );
    reservationsAt.set(key, list);
  }
  const spotAt = new Map(
    com.spot.map(
      (x) =>
        [
          `${x.name}\u0000${x.region}`,
          deepFreeze<SpotFigures>({
            typicalDiscount: x.typicalDiscount,
            interruptionBand: x.interruptionBand,
            source: x.source,
          }),
        ] as const,
    ),
  );

  return { reservationsAt, spotAt };
}

const PROVIDER_LABELS: Readonly<Record<Instance['provider'], string>> = { aws: 'AWS', gcp: 'GCP' };

/** The providers of the instance table, each with the regions and network prices the catalog has for it. */
function buildProviders(
  instances: readonly Instance[],
  familyLists: ReadonlyMap<string, readonly Instance[]>,
  regions: readonly Region[],
  networkCosts: NetworkCosts,
): readonly CatalogProvider[] {
  const ids = [...new Set(instances.map((i) => i.provider))].sort((a, b) =>
    a === REGIONS_PROVIDER ? -1 : b === REGIONS_PROVIDER ? 1 : a < b ? -1 : 1,
  );
  return deepFreeze(
    ids.map((id): CatalogProvider => {
      const own = regions.filter((r) => r.provider === id).map((r) => r.id);
      const network = networkCosts.provider === id ? networkCosts : null;
      const missing: string[] = [];
      if (own.length === 0) missing.push('regions and their round trips (regions.json lists AWS regions only)');
      if (network === null) missing.push("transfer, balancer and global-switch prices (network-costs.json is AWS's)");
      const types = instances.filter((i) => i.provider === id);
      if (own.length === 0) {
        const listed = [...new Set(types.map((i) => i.region))];
        missing.push(
          `per-region prices, commitments and spot figures (its ${types.length} types have one list price each, at ${listed.join(', ')})`,
        );
      }
      return {
        id,
        label: PROVIDER_LABELS[id],
        families: [...familyLists].filter(([, list]) => list[0]?.provider === id).map(([f]) => f),
        instanceTypes: types.length,
        regions: own,
        networkCosts: network,
        missing,
      };
    }),
  );
}

function buildNetworkCosts(net: NetworkCostsFile): NetworkCosts {
  const dt = net.dataTransfer;
  const bySourceRegion = new FrozenMap(
    dt.interRegion.bySourceRegion.map((r) => [r.region, deepFreeze({ ...r })] as const),
  );
  const pairs = deepFreeze(dt.interRegion.pairs.map((p) => ({ ...p })));
  // the first listed price of each pair (as a search of the list would find it)
  const pairPrice = new Map<string, Map<string, number>>();
  for (const p of pairs) {
    const to = pairPrice.get(p.from) ?? new Map<string, number>();
    if (!to.has(p.to)) to.set(p.to, p.usdPerGb);
    pairPrice.set(p.from, to);
  }
  const costs: NetworkCosts = {
    provider: net.provider,
    currency: net.currency,
    sameAzPrivateIp: { ...dt.sameAzPrivateIp },
    crossAz: { ...dt.crossAz },
    interRegion: { pairs, bySourceRegion },
    interRegionUsdPerGb(from, to) {
      if (from === to) return undefined;
      return pairPrice.get(from)?.get(to) ?? bySourceRegion.get(from)?.usdPerGb;
    },
    internetEgress: {
      tiers: dt.internetEgress.tiers.map((t) => ({ ...t })),
      tiersRegion: dt.internetEgress.tiersRegion,
      tiersNote: dt.internetEgress.tiersNote,
      source: dt.internetEgress.source,
      firstTierByRegion: new FrozenMap(
        dt.internetEgress.firstTierByRegion.map((r) => [r.region, deepFreeze({ ...r })] as const),
      ),
      freeGbPerMonth: { ...dt.internetEgress.freeGbPerMonth },
    },
    internetIngress: { ...dt.internetIngress },
    loadBalancers: {
      alb: { ...net.loadBalancers.alb },
      nlb: { ...net.loadBalancers.nlb },
      gwlb: { ...net.loadBalancers.gwlb },
      clb: { ...net.loadBalancers.clb },
    },
    albLcu: { ...net.albLcu },
    natGateway: { ...net.natGateway },
    globalSwitches: buildGlobalSwitches(net.globalTrafficSwitches),
  };
  return deepFreeze(costs);
}

function buildGlobalSwitches(table: NetworkCostsFile['globalTrafficSwitches']): GlobalSwitches {
  const kinds = table.kinds.map(
    (k): GlobalSwitch =>
      deepFreeze({
        ...structuredClone(k),
        failoverS: k.failover.detectionSeconds + k.failover.dnsTtlSeconds,
      }),
  );
  const byId = new FrozenMap(kinds.map((k) => [k.id, k] as const));
  // the schema has checked that the default exists
  return { default: byId.get(table.default) as GlobalSwitch, byId, note: table.note };
}

function buildReliability(rel: ReliabilityFile): ReliabilityPresets {
  const domain = (kind: FailureDomain) =>
    new FrozenMap(
      rel.presets[kind].map(
        (p) =>
          [
            p.name,
            deepFreeze<FailurePreset>({
              kind,
              name: p.name,
              mtbfS: p.mtbfHours * SECONDS_PER_HOUR,
              mttrS: p.mttrHours * SECONDS_PER_HOUR,
              source: p.source,
              confidence: p.confidence,
              mttrSource: p.mttrSource,
              mttrConfidence: p.mttrConfidence,
              note: p.note,
            }),
          ] as const,
      ),
    );
  const maps = { node: domain('node'), zone: domain('zone'), region: domain('region') };
  // the schema has checked that the defaults exist
  const pick = (kind: FailureDomain): FailurePreset => maps[kind].get(rel.defaults[kind]) as FailurePreset;
  const defaults = { node: pick('node'), zone: pick('zone'), region: pick('region'), note: rel.defaults.note };
  const presets: ReliabilityPresets = {
    ...maps,
    default: defaults,
    preset: (kind, name) => (name === 'default' ? defaults[kind] : maps[kind].get(name)),
    loadBalancer: {
      multiAz: { ...rel.loadBalancer.multiAz },
      singleAz: { ...rel.loadBalancer.singleAz },
      note: rel.loadBalancer.note,
    },
    failover: {
      defaultS: rel.failover.defaultSeconds,
      source: rel.failover.source,
      confidence: rel.failover.confidence,
      note: rel.failover.note,
    },
    restore: {
      defaultBytesPerS: rel.restore.defaultBytesPerSecond,
      source: rel.restore.source,
      confidence: rel.restore.confidence,
      note: rel.restore.note,
    },
    slas: rel.slas,
    evidence: rel.evidence,
    regionEvents: rel.regionEvents,
  };
  return deepFreeze(presets);
}

let cached: Catalog | undefined;

/**
 * The catalog embedded in the build (models/catalog/*.json), built once and memoized. The files are validated
 * against their schemas and the price coverage rule by the tests (test/catalog/prevalidated.test.ts), not at run
 * time: zod over the 1 MB catalog cost about 33 ms of every start-up (issue 18); the other cross-file rules are still
 * checked here.
 *
 * @throws CatalogError if a cross-file rule is broken (a build defect)
 */
export function loadCatalog(): Catalog {
  // the committed files, validated against their schemas by the tests (test/catalog), not at every start-up
  cached ??= buildCatalogFrom(rawCatalog as unknown as CatalogFiles);
  return cached;
}
