/**
 * Availability of a series of tiers (app -> cache -> database: a request needs every tier up) whose nodes share
 * failure domains: the zones and regions they run in, each region's balancer, and the global traffic switch.
 *
 * Model (steady state, every component independent, as in domains.ts and placement.ts): each region, each zone of a
 * region, each region's balancer and the switch is up or down with its own availability; each tier's own parts
 * (its nodes, its standby, components only it uses) likewise. A zone or region outage hits every tier there at once,
 * so the tiers are NOT independent and the plain product of their availabilities double-counts a shared zone (it
 * counts a zone's outage once per tier, and its up-time as if the tiers could be up in different worlds). But given
 * the states s of the shared domains, the tiers' own parts are independent, so (total probability over s; Trivedi,
 * *Probability and Statistics with Reliability, Queuing and Computer Science Applications*, 2nd ed., conditioning
 * on shared components; Barlow & Proschan 1975, coherent structures):
 *
 *   A = A_switch * sum_s P(s) prod_t A_t(s)
 *   U = 1 - A = U_switch + A_switch * sum_s P(s) (1 - prod_t A_t(s))
 *
 * with A_t(s) = P(tier t up | s) and U_t(s) = P(tier t down | s) from each tier's `upGiven`. The inner
 * 1 - prod_t A_t(s) is `series` of the conditionals (-expm1 of a sum of log1p(-U_t(s))), so every term of both sums
 * is non-negative and nine nines keep their digits; neither result is one minus the other.
 *
 * Each tier's share of the downtime: the downtime that would disappear if that tier never went down (its A_t(s) = 1 in
 * every state, everything else unchanged):
 *
 *   share_t = U - U(t perfect) = A_switch * sum_s P(s) U_t(s) prod_{o != t} A_o(s)
 *
 * (the probability that t is the only tier down), summed directly. The shares do not add up to U: the rest,
 * `common` = U - sum_t share_t = U_switch + A_switch * sum_s P(s) P(two or more tiers down | s), is the downtime no
 * single tier's perfection removes, such as an outage of a zone or region that takes two tiers down together, or of
 * the switch. It is also summed directly (a running count of tiers down: none, one, two or more).
 *
 * Enumeration: only the domains some tier declares are enumerated (a zone no tier runs in, a balancer no tier is
 * reached through, is left out; its state changes nothing). Tiers that share no region are independent: they are
 * split into groups connected by shared regions, each group is enumerated on its own and the groups multiply (so
 * a tier in one region and a tier in another cost 2 small enumerations, not their product). Within a group, a
 * region contributes 1 + 2^(zones used there + its balancer, if used) states: down (its zones and balancer then pass
 * as down too) or up with each used zone and balancer up or down. At most MAX_DOMAIN_STATES = 65,536 states per
 * group (e.g. 3 regions x 3 zones with balancers: 17^3 = 4,913; 4 regions x 3 zones without: 9^4 = 6,561); a larger
 * group is refused with a RangeError (no approximation is made). Each tier's conditional is memoised on the states of
 * the domains it declares, so a tier confined to one region is evaluated at most 1 + 2^(its zones + balancer) times.
 */

import {
  type Availability,
  binomialTails,
  checkAvailability,
  checkCount,
  isAvailability,
  parallel,
  series,
} from './availability.js';
import { type PlacedFleetInput, placedFleetGiven } from './placement.js';

/** A region with its zones, and its balancer when some tier is reached through it. */
export interface RegionDomains {
  availability: Availability;
  zones: readonly Availability[];
  /** The region's load balancer (users reach a tier there only while it is up); omitted: none modelled. */
  balancer?: Availability;
}

/** The shared failure domains. */
export interface SharedDomains {
  regions: readonly RegionDomains[];
  /** The global traffic switch, one component in series with every tier reached through it; omitted: none. */
  globalSwitch?: Availability;
}

/** One state of the shared domains: up (true) or down, by region, by zone of each region, by region's balancer. */
export interface DomainStates {
  region: readonly boolean[];
  zone: readonly (readonly boolean[])[];
  balancer: readonly boolean[];
}

/** A place a tier runs: a zone of a region (indices into SharedDomains). */
export interface Site {
  region: number;
  zone: number;
}

/**
 * A tier as the series sees it: the shared domains it depends on, and its availability given their states.
 * `upGiven` may read only the states of the zones in `sites`, of their regions, and of the balancers in `balancers`
 * (the others are passed as up and the results are memoised on the declared ones); a region that is down is passed
 * with its zones and balancer down.
 */
export interface TierOverDomains {
  name: string;
  /** The zones (of their regions) the tier's up-state depends on. */
  sites: readonly Site[];
  /** Regions whose balancer the tier is reached through. */
  balancers?: readonly number[];
  /** The tier is reached through the global traffic switch (once for the whole series, however many tiers are). */
  globalSwitch?: boolean;
  /** P(tier up | states) and P(tier down | states), each computed directly (they sum to 1). */
  upGiven(states: DomainStates): Availability;
}

export interface TierShare {
  name: string;
  /** The tier's own availability (its shared domains included, and the switch if it is reached through it). */
  availability: Availability;
  /** Unavailability that would disappear if this tier never went down: P(it is the only tier down). */
  downtimeShare: number;
}

export interface SeriesOverDomains extends Availability {
  method: string;
  /** States of the shared domains enumerated, over all groups. */
  states: number;
  tiers: TierShare[];
  /** Unavailability no single tier's perfection removes: two or more tiers down at once, or the switch down. */
  common: number;
}

/** The largest number of shared-domain states enumerated for one group of tiers (connected by shared regions). */
export const MAX_DOMAIN_STATES = 65_536;

export const METHOD_SERIES_OVER_DOMAINS =
  'exact (series of tiers conditioned on the states of the shared regions, zones and balancers; the tiers independent given those states; the global switch in series once)';

/** Array.isArray without its narrowing (which turns a readonly array into any[]). */
const isArray = (x: unknown): boolean => Array.isArray(x);

const UP: Availability = { availability: 1, unavailability: 0 };
const DOWN: Availability = { availability: 0, unavailability: 1 };

function checkSite(domains: SharedDomains, site: Site, name: string): void {
  checkCount(site.region, `${name}.region`, 0);
  checkCount(site.zone, `${name}.zone`, 0);
  const region = domains.regions[site.region];
  if (region === undefined) throw new RangeError(`${name}.region: no region ${site.region}`);
  if (site.zone >= region.zones.length) {
    throw new RangeError(`${name}.zone: region ${site.region} has ${region.zones.length} zones, got ${site.zone}`);
  }
}

function checkDomains(domains: SharedDomains): void {
  if (domains === null || typeof domains !== 'object' || !isArray(domains.regions)) {
    throw new RangeError('domains must be { regions: RegionDomains[], globalSwitch? }');
  }
  domains.regions.forEach((r, i) => {
    checkAvailability(r.availability, `domains.regions[${i}].availability`);
    if (!isArray(r.zones)) throw new RangeError(`domains.regions[${i}].zones must be an array`);
    r.zones.forEach((z, j) => {
      checkAvailability(z, `domains.regions[${i}].zones[${j}]`);
    });
    if (r.balancer !== undefined) checkAvailability(r.balancer, `domains.regions[${i}].balancer`);
  });
  if (domains.globalSwitch !== undefined) checkAvailability(domains.globalSwitch, 'domains.globalSwitch');
}

/** What one group (tiers connected by shared regions) contributes, before the switch. */
interface GroupSums {
  up: number;
  down: number;
  tierUp: number[];
  tierDown: number[];
  only: number[];
  twoOrMore: number;
  states: number;
}

/**
 * Exact availability of a series of tiers that share zones, regions, balancers and the global switch (see the top
 * of this file for the formula, the downtime shares and the enumeration limit).
 * @param domains the shared regions (with their zones and balancers) and the global switch
 * @param tiers the tiers in any order (a series does not depend on it); at least one
 * @throws RangeError on invalid input, or when a group of tiers spans more than MAX_DOMAIN_STATES states
 * @example seriesOverDomains({ regions: [{ availability: { availability: 1, unavailability: 0 }, zones: [{ availability: 0.99, unavailability: 0.01 }] }] }, [boxTier({ name: 'app', node: { availability: 0.99, unavailability: 0.01 }, at: { region: 0, zone: 0 } }), boxTier({ name: 'db', node: { availability: 0.99, unavailability: 0.01 }, at: { region: 0, zone: 0 } })]).unavailability // 0.029701: 1 - 0.99^3, the zone counted once (a plain product, 1 - 0.99^4, gives 0.039404)
 * @example seriesOverDomains({ regions: [{ availability: { availability: 1, unavailability: 0 }, zones: [{ availability: 0.99, unavailability: 0.01 }] }] }, [boxTier({ name: 'app', node: { availability: 0.99, unavailability: 0.01 }, at: { region: 0, zone: 0 } }), boxTier({ name: 'db', node: { availability: 0.99, unavailability: 0.01 }, at: { region: 0, zone: 0 } })]).tiers[0].downtimeShare // 0.009801: the app's node down, the zone and the db up
 */
export function seriesOverDomains(domains: SharedDomains, tiers: readonly TierOverDomains[]): SeriesOverDomains {
  checkDomains(domains);
  if (!isArray(tiers) || tiers.length === 0) throw new RangeError('tiers must be a non-empty array');
  const R = domains.regions.length;
  tiers.forEach((t, i) => {
    if (t === null || typeof t !== 'object' || typeof t.upGiven !== 'function') {
      throw new RangeError(`tiers[${i}] must be a TierOverDomains`);
    }
    t.sites.forEach((s, j) => {
      checkSite(domains, s, `tiers[${i}].sites[${j}]`);
    });
    for (const b of t.balancers ?? []) {
      checkCount(b, `tiers[${i}].balancers`, 0);
      if (b >= R) throw new RangeError(`tiers[${i}].balancers: no region ${b}`);
      if (domains.regions[b]?.balancer === undefined) {
        throw new RangeError(`tiers[${i}].balancers: region ${b} has no balancer`);
      }
    }
    if (t.globalSwitch === true && domains.globalSwitch === undefined) {
      throw new RangeError(`tiers[${i}].globalSwitch: the domains have no global switch`);
    }
  });

  // Group the tiers by shared regions (union-find over regions; a tier with no region is a group of its own).
  const parent = Array.from({ length: R }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] as number;
    return x;
  };
  const regionsOf = tiers.map((t) => [...new Set([...t.sites.map((s) => s.region), ...(t.balancers ?? [])])]);
  for (const rs of regionsOf) for (const r of rs.slice(1)) parent[find(r)] = find(rs[0] as number);
  const groups = new Map<string, number[]>();
  regionsOf.forEach((rs, i) => {
    const key = rs.length === 0 ? `tier${i}` : `region${find(rs[0] as number)}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [i]);
    else g.push(i);
  });

  const T = tiers.length;
  const tierUp = new Array<number>(T).fill(0);
  const tierDown = new Array<number>(T).fill(0);
  const only = new Array<number>(T).fill(0);
  const groupOf = new Array<number>(T).fill(0);
  const results: GroupSums[] = [];
  for (const members of groups.values()) {
    const g = enumerateGroup(
      domains,
      members.map((i) => tiers[i] as TierOverDomains),
    );
    members.forEach((i, k) => {
      tierUp[i] = g.tierUp[k] as number;
      tierDown[i] = g.tierDown[k] as number;
      only[i] = g.only[k] as number;
      groupOf[i] = results.length;
    });
    results.push(g);
  }

  const usesSwitch = tiers.some((t) => t.globalSwitch === true);
  const sw = usesSwitch ? (domains.globalSwitch as Availability) : UP;
  const groupParts = results.map((g) => ({ availability: g.up, unavailability: g.down }));
  const total = series([...groupParts, sw]);
  // P(exactly one tier down) over all groups: that tier's group has it alone, every other group is up.
  const shares = only.map((o, i) => {
    let x = o * sw.availability;
    results.forEach((g, k) => {
      if (k !== groupOf[i]) x *= g.up;
    });
    return x;
  });
  // common: the switch down, or (switch up) two or more down in one group, or one down in each of two groups or more.
  // P(two or more down, switch up) = A_sw * (P(>= 2 in some group) + P(exactly one in each of >= 2 groups, rest up)),
  // by a running count over the groups: (none, exactly one, two or more) down.
  let none = 1;
  let one = 0;
  let more = 0;
  for (const g of results) {
    const gOne = g.only.reduce((s, x) => s + x, 0);
    more = more + one * (gOne + g.twoOrMore) + none * g.twoOrMore;
    one = one * g.up + none * gOne;
    none = none * g.up;
  }
  const common = sw.unavailability + sw.availability * more;

  const method = `${METHOD_SERIES_OVER_DOMAINS}; ${results.length} independent group${results.length === 1 ? '' : 's'} of tiers, ${results.reduce((s, g) => s + g.states, 0)} domain states enumerated`;
  return {
    availability: total.availability,
    unavailability: total.unavailability,
    method,
    states: results.reduce((s, g) => s + g.states, 0),
    tiers: tiers.map((t, i) => {
      const own = { availability: tierUp[i] as number, unavailability: tierDown[i] as number };
      return {
        name: t.name,
        availability: t.globalSwitch === true ? series([own, sw]) : own,
        downtimeShare: shares[i] as number,
      };
    }),
    common,
  };
}

/** One region's states as the group sees them: its probability and the states passed to the tiers. */
interface RegionOption {
  prob: number;
  up: boolean;
  zones: boolean[];
  balancer: boolean;
}

function regionOptions(region: RegionDomains, usedZones: readonly number[], usedBalancer: boolean): RegionOption[] {
  const Z = region.zones.length;
  const out: RegionOption[] = [];
  if (region.availability.unavailability > 0) {
    out.push({
      prob: region.availability.unavailability,
      up: false,
      zones: new Array<boolean>(Z).fill(false),
      balancer: false,
    });
  }
  if (region.availability.availability === 0) return out;
  const bits = usedZones.length + (usedBalancer ? 1 : 0);
  for (let mask = 0; mask < 1 << bits; mask++) {
    let prob = region.availability.availability;
    const zones = new Array<boolean>(Z).fill(true);
    usedZones.forEach((z, k) => {
      const up = ((mask >> k) & 1) === 0;
      zones[z] = up;
      const a = region.zones[z] as Availability;
      prob *= up ? a.availability : a.unavailability;
    });
    let balancer = true;
    if (usedBalancer) {
      balancer = ((mask >> usedZones.length) & 1) === 0;
      const b = region.balancer as Availability;
      prob *= balancer ? b.availability : b.unavailability;
    }
    if (prob > 0) out.push({ prob, up: true, zones, balancer });
  }
  return out;
}

function enumerateGroup(domains: SharedDomains, tiers: readonly TierOverDomains[]): GroupSums {
  const R = domains.regions.length;
  const usedZones: Set<number>[] = Array.from({ length: R }, () => new Set<number>());
  const usedBalancer = new Array<boolean>(R).fill(false);
  for (const t of tiers) {
    for (const s of t.sites) (usedZones[s.region] as Set<number>).add(s.zone);
    for (const b of t.balancers ?? []) usedBalancer[b] = true;
  }
  const regions: number[] = [];
  for (let r = 0; r < R; r++) if ((usedZones[r] as Set<number>).size > 0 || usedBalancer[r]) regions.push(r);
  let count = 1;
  for (const r of regions) {
    count *= 1 + 2 ** ((usedZones[r] as Set<number>).size + (usedBalancer[r] ? 1 : 0));
    if (count > MAX_DOMAIN_STATES) {
      throw new RangeError(
        `seriesOverDomains: tiers ${tiers.map((t) => t.name).join(', ')} share regions whose zones and balancers span more than ${MAX_DOMAIN_STATES} states (the enumeration limit)`,
      );
    }
  }
  const options = regions.map((r) =>
    regionOptions(
      domains.regions[r] as RegionDomains,
      [...(usedZones[r] as Set<number>)].sort((a, b) => a - b),
      usedBalancer[r] as boolean,
    ),
  );

  const state = {
    region: new Array<boolean>(R).fill(true),
    zone: domains.regions.map((r) => new Array<boolean>(r.zones.length).fill(true)),
    balancer: new Array<boolean>(R).fill(true),
  };
  const T = tiers.length;
  // A tier that runs in every zone the group enumerates (and is reached through every balancer it enumerates) sees a
  // different state at every leaf: its memo would never hit, so it is not kept (upGiven is called once per leaf
  // either way). A region down passes its zones and balancer down, so the sites' bits tell every state apart.
  const memoised = tiers.map((t) =>
    regions.some((r) => {
      const sites = t.sites.filter((x) => x.region === r).map((x) => x.zone);
      return (
        sites.length === 0 ||
        [...(usedZones[r] as Set<number>)].some((z) => !sites.includes(z)) ||
        (usedBalancer[r] === true && !(t.balancers ?? []).includes(r))
      );
    }),
  );
  const memo = tiers.map(() => new Map<string, Availability>());
  const keyOf = (t: TierOverDomains) => {
    let key = '';
    for (const s of t.sites) key += `${state.region[s.region] ? 1 : 0}${state.zone[s.region]?.[s.zone] ? 1 : 0}`;
    key += '|';
    for (const b of t.balancers ?? []) key += state.balancer[b] ? '1' : '0';
    return key;
  };
  const out: GroupSums = {
    up: 0,
    down: 0,
    tierUp: new Array<number>(T).fill(0),
    tierDown: new Array<number>(T).fill(0),
    only: new Array<number>(T).fill(0),
    twoOrMore: 0,
    states: 0,
  };
  const cond: Availability[] = new Array(T);
  const leaf = (p: number) => {
    out.states++;
    for (let i = 0; i < T; i++) {
      const t = tiers[i] as TierOverDomains;
      let c: Availability | undefined;
      if (memoised[i]) {
        const m = memo[i] as Map<string, Availability>;
        const key = keyOf(t);
        c = m.get(key);
        if (c === undefined) {
          c = t.upGiven(state);
          // the name only for the message (isAvailability: checkAvailability's tests, no string made per leaf)
          if (!isAvailability(c)) checkAvailability(c, `${t.name}.upGiven`);
          m.set(key, c);
        }
      } else {
        c = t.upGiven(state);
        if (!isAvailability(c)) checkAvailability(c, `${t.name}.upGiven`);
      }
      cond[i] = c;
      out.tierUp[i] = (out.tierUp[i] as number) + p * c.availability;
      out.tierDown[i] = (out.tierDown[i] as number) + p * c.unavailability;
    }
    const s = series(cond);
    out.up += p * s.availability;
    out.down += p * s.unavailability;
    // P(only tier i down | s) and P(two or more down | s), from a running count (none, one, more) over the tiers
    let none = 1;
    let one = 0;
    let more = 0;
    for (let i = 0; i < T; i++) {
      const c = cond[i] as Availability;
      more = more + one * c.unavailability;
      one = one * c.availability + none * c.unavailability;
      none *= c.availability;
      let alone = c.unavailability;
      for (let o = 0; o < T; o++) if (o !== i) alone *= (cond[o] as Availability).availability;
      out.only[i] = (out.only[i] as number) + p * alone;
    }
    out.twoOrMore += p * more;
  };
  const walk = (k: number, p: number) => {
    if (k === regions.length) {
      leaf(p);
      return;
    }
    const r = regions[k] as number;
    for (const o of options[k] as RegionOption[]) {
      state.region[r] = o.up;
      state.zone[r] = o.zones;
      state.balancer[r] = o.balancer;
      walk(k + 1, p * o.prob);
    }
    state.region[r] = true;
    state.zone[r] = new Array<boolean>(domains.regions[r]?.zones.length ?? 0).fill(true);
    state.balancer[r] = true;
  };
  walk(0, 1);
  // The state probabilities sum to 1 only within rounding: divide by the total so up + down = 1 to rounding.
  const total = out.up + out.down;
  const scale = (x: number) => Math.min(1, x / total);
  return {
    up: scale(out.up),
    down: scale(out.down),
    tierUp: out.tierUp.map(scale),
    tierDown: out.tierDown.map(scale),
    only: out.only.map(scale),
    twoOrMore: scale(out.twoOrMore),
    states: out.states,
  };
}

/** Whether a site serves (its region and zone up, and its balancer when the tier goes through it). */
function siteUp(states: DomainStates, site: Site, throughBalancer: boolean): boolean {
  return (
    (states.region[site.region] ?? false) &&
    (states.zone[site.region]?.[site.zone] ?? false) &&
    (!throughBalancer || (states.balancer[site.region] ?? false))
  );
}

/**
 * A vertical tier: one box at `at`, optionally a hot standby at `standby.at` (another zone, or another region), in
 * parallel; `own` parts (e.g. the tier's own balancer in front of the pair) in series. Given the domain states, a
 * side serves with its node's availability while its zone and region (and, with `throughBalancer`, its region's
 * balancer) are up, else not:
 *
 *   A(s) = series(parallel(side_1(s), side_2(s)), own...)
 *
 * (Trivedi 2002, series/parallel; the same structure as the comparison engine's hot standby). A cold standby is not
 * covered: the tier's state during a shared outage depends on how long the outage has lasted, so tiers are no longer
 * independent given the domain states.
 * @example boxTier({ name: 'db', node: { availability: 0.99, unavailability: 0.01 }, at: { region: 0, zone: 0 }, standby: { at: { region: 0, zone: 1 } } }).upGiven({ region: [true], zone: [[true, false]], balancer: [true] }) // { availability: 0.99, unavailability: 0.01 }: the standby's zone is down
 */
export function boxTier(o: {
  name: string;
  node: Availability;
  at: Site;
  standby?: { at: Site; node?: Availability };
  own?: readonly Availability[];
  throughBalancer?: boolean;
  globalSwitch?: boolean;
}): TierOverDomains {
  checkAvailability(o.node, `${o.name}.node`);
  if (o.standby?.node !== undefined) checkAvailability(o.standby.node, `${o.name}.standby.node`);
  (o.own ?? []).forEach((p, i) => {
    checkAvailability(p, `${o.name}.own[${i}]`);
  });
  const sides = o.standby === undefined ? [o.at] : [o.at, o.standby.at];
  const nodes = o.standby === undefined ? [o.node] : [o.node, o.standby.node ?? o.node];
  const through = o.throughBalancer === true;
  return {
    name: o.name,
    sites: sides,
    ...(through ? { balancers: [...new Set(sides.map((s) => s.region))] } : {}),
    ...(o.globalSwitch === true ? { globalSwitch: true } : {}),
    upGiven(states) {
      const serving = sides.map((s, i) => (siteUp(states, s, through) ? (nodes[i] as Availability) : DOWN));
      const pair = serving.length === 1 ? (serving[0] as Availability) : parallel(serving);
      return o.own === undefined || o.own.length === 0 ? pair : series([pair, ...o.own]);
    },
  };
}

/**
 * A horizontal tier: identical independent nodes placed at sites (`nodes` at each), up while at least `need` of them
 * serve; a node serves while it, its zone and its region (and, with `throughBalancer`, its region's balancer) are up.
 * Given the domain states the serving count is Binomial(M, p), M the nodes at serving sites (the k-of-n model of
 * domains.ts, conditioned on its zones and regions):
 *
 *   A(s) = series(P(Binomial(M(s), p) >= need), own...),  both tails summed directly (binomialTails)
 * @example fleetTier({ name: 'app', node: { availability: 0.9, unavailability: 0.1 }, sites: [{ region: 0, zone: 0, nodes: 1 }, { region: 0, zone: 1, nodes: 1 }, { region: 0, zone: 2, nodes: 1 }], need: 2 }).upGiven({ region: [true], zone: [[true, true, false]], balancer: [true] }) // { availability: 0.81, unavailability: 0.19 }: both nodes left must be up
 */
export function fleetTier(o: {
  name: string;
  node: Availability;
  sites: readonly (Site & { nodes: number })[];
  need: number;
  own?: readonly Availability[];
  throughBalancer?: boolean;
  globalSwitch?: boolean;
}): TierOverDomains {
  checkAvailability(o.node, `${o.name}.node`);
  checkCount(o.need, `${o.name}.need`, 1);
  o.sites.forEach((s, i) => {
    checkCount(s.nodes, `${o.name}.sites[${i}].nodes`, 0);
  });
  const n = o.sites.reduce((s, x) => s + x.nodes, 0);
  if (o.need > n) throw new RangeError(`${o.name}.need must be <= the ${n} nodes, got ${o.need}`);
  (o.own ?? []).forEach((p, i) => {
    checkAvailability(p, `${o.name}.own[${i}]`);
  });
  const through = o.throughBalancer === true;
  const sites = o.sites.map((s) => ({ region: s.region, zone: s.zone }));
  return {
    name: o.name,
    sites,
    ...(through ? { balancers: [...new Set(sites.map((s) => s.region))] } : {}),
    ...(o.globalSwitch === true ? { globalSwitch: true } : {}),
    upGiven(states) {
      let m = 0;
      o.sites.forEach((s) => {
        if (siteUp(states, s, through)) m += s.nodes;
      });
      const { atLeast, below } = binomialTails(m, o.need, o.node);
      const fleet = { availability: atLeast, unavailability: below };
      return o.own === undefined || o.own.length === 0 ? fleet : series([fleet, ...o.own]);
    },
  };
}

/**
 * A horizontal tier with the data placement of placement.ts (partitions replicated over the nodes of each region, read
 * and write quorums, users routed to their nearest reachable region, the capacity each loaded region needs): the
 * exact `placedFleetAvailability`, conditioned on the shared states by passing each region, balancer and zone as
 * always up or always down (its `byRegion`). Fleet region i runs in shared region `inRegions[i]`, its round-robin
 * zone z in that region's zone z; with `throughBalancer`, users reach it through that region's balancer (else the
 * balancer is taken as never failing). The comparison engine's failover and switch terms are not in it.
 * @example placedFleetTier({ name: 'db', fleet: { regions: [{ nodes: 3, zones: 3 }], node: { availability: 0.9, unavailability: 0.1 }, replication: 3, writeQuorum: 2, users: [{ share: 1, order: [0] }], need: () => 1 }, inRegions: [0] }).upGiven({ region: [true], zone: [[true, true, false]], balancer: [true] }) // { availability: 0.81, unavailability: 0.19 }: zone c is down, writes need both other copies
 */
export function placedFleetTier(o: {
  name: string;
  /** The fleet as placedFleetAvailability takes it, without the shared figures (they come from the states). */
  fleet: Omit<PlacedFleetInput, 'region' | 'zone' | 'balancer' | 'byRegion'>;
  /** The shared region each of the fleet's regions runs in (distinct). */
  inRegions: readonly number[];
  throughBalancer?: boolean;
  globalSwitch?: boolean;
}): TierOverDomains {
  const { fleet, inRegions } = o;
  if (!isArray(inRegions) || inRegions.length !== fleet.regions.length) {
    throw new RangeError(`${o.name}.inRegions must name one shared region per fleet region (${fleet.regions.length})`);
  }
  if (new Set(inRegions).size !== inRegions.length) throw new RangeError(`${o.name}.inRegions must be distinct`);
  const through = o.throughBalancer === true;
  const sites: Site[] = [];
  fleet.regions.forEach((reg, i) => {
    checkCount(reg.nodes, `${o.name}.fleet.regions[${i}].nodes`, 1);
    checkCount(reg.zones, `${o.name}.fleet.regions[${i}].zones`, 1);
    // the non-empty zones of round-robin placement are the first min(nodes, zones)
    for (let z = 0; z < Math.min(reg.nodes, reg.zones); z++) sites.push({ region: inRegions[i] as number, zone: z });
  });
  const given = placedFleetGiven(fleet);
  const none: readonly boolean[] = [];
  return {
    name: o.name,
    sites,
    ...(through ? { balancers: [...inRegions] } : {}),
    ...(o.globalSwitch === true ? { globalSwitch: true } : {}),
    upGiven(states) {
      // a zone the shared domains do not list is taken as up
      const r = given(
        inRegions.map((g) => ({
          region: states.region[g] === true,
          balancer: through ? states.balancer[g] === true : true,
          zones: states.zone[g] ?? none,
        })),
      );
      return { availability: r.availability, unavailability: r.unavailability };
    },
  };
}
