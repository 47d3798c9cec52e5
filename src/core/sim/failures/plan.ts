/**
 * The plan of a run: each component's MTBF, MTTR, outage cap and crew need, in the order the service numbers them,
 * and the service over them, for each kind of config; the warm-up length.
 */

import { coldRestoreTimeS, crossRegionFailoverS } from '../../reliability/recovery.js';
import { addChanges, WithChanges } from './changes.js';
import { FleetService } from './fleet.js';
import { HotStandbyService } from './hotStandby.js';
import { KOfNService } from './kOfN.js';
import { ratesFromAvailability } from './rates.js';
import { SeriesService } from './series.js';
import type { Service } from './service.js';
import type { AvailabilitySimConfig, SimChanges, SimRates } from './types.js';

/** Warm-up (Weibull up times, limited crews), in node MTBFs. */
export const WARMUP_NODE_MTBFS = 5;

/** The components of a run and the service over them. */
export interface Plan {
  mtbf: Float64Array;
  mttr: Float64Array;
  /** Outage cap (cold-standby restore), Infinity for none. */
  cap: Float64Array;
  /** 1 for nodes (whose repairs need a crew). */
  crewed: Uint8Array;
  /** Warm-up (when one is needed), seconds. */
  warmupS: number;
  service: Service;
}

export class PlanBuilder {
  readonly mtbf: number[] = [];
  readonly mttr: number[] = [];
  readonly cap: number[] = [];
  readonly crewed: number[] = [];

  add(rates: SimRates, crewed: boolean, cap = Number.POSITIVE_INFINITY): number {
    this.mtbf.push(rates.mtbfS);
    this.mttr.push(rates.mttrS);
    this.cap.push(cap);
    this.crewed.push(crewed ? 1 : 0);
    return this.mtbf.length - 1;
  }

  /** The plan of the components added, with the deploys and failed changes (changes.ts) after them when given. */
  build(service: Service, nodeMtbfS: number, changes?: SimChanges): Plan {
    const s = changes === undefined ? service : new WithChanges(service, addChanges(this, changes), changes);
    return {
      mtbf: Float64Array.from(this.mtbf),
      mttr: Float64Array.from(this.mttr),
      cap: Float64Array.from(this.cap),
      crewed: Uint8Array.from(this.crewed),
      warmupS: WARMUP_NODE_MTBFS * nodeMtbfS,
      service: s,
    };
  }
}

export function planFor(config: AvailabilitySimConfig): Plan {
  const b = new PlanBuilder();
  switch (config.kind) {
    case 'k-of-n': {
      for (let i = 0; i < config.nodes; i++) b.add(config.node, true);
      const zc = config.zones?.count ?? 0;
      const rc = config.regions?.count ?? 0;
      for (let z = 0; z < zc; z++) b.add((config.zones as { each: SimRates }).each, false);
      for (let r = 0; r < rc; r++) b.add((config.regions as { each: SimRates }).each, false);
      const service = new KOfNService(config.nodes, config.need, zc, rc, Math.max(zc, 1), Math.max(rc, 1));
      return b.build(service, config.node.mtbfS);
    }
    case 'vertical': {
      const rel = config.reliability;
      // the switch in front of a standby in another region, as in the exact model (none within one region)
      const sw = config.standbyInOtherRegion && config.standby !== 'none' ? config.globalSwitch : null;
      const addSwitch = (): number =>
        sw !== null && sw.availability.unavailability > 0 ? b.add(ratesFromAvailability(sw.availability), false) : -1;
      if (config.standby === 'hot') {
        b.add(rel.node, true);
        b.add(rel.node, true);
        b.add(rel.zone, false);
        b.add(rel.zone, false);
        b.add(rel.region, false);
        if (config.standbyInOtherRegion) b.add(rel.region, false);
        let balancer = -1;
        if (config.balancer !== null && config.balancer.unavailability > 0) {
          balancer = b.add(ratesFromAvailability(config.balancer), false);
        }
        const switchId = addSwitch();
        const failoverS = config.standbyInOtherRegion ? crossRegionFailoverS(rel.failoverS, sw) : rel.failoverS;
        const service = new HotStandbyService(
          b.mtbf.length,
          config.standbyInOtherRegion,
          [balancer, switchId].filter((c) => c >= 0),
          failoverS,
        );
        return b.build(service, rel.node.mtbfS, config.changes);
      }
      const cap =
        config.standby === 'cold'
          ? coldRestoreTimeS(rel.coldRestoreS, config.workingSetBytes, rel.restoreRateBytesPerS, sw?.failoverS ?? 0)
          : Number.POSITIVE_INFINITY;
      b.add(rel.node, true, cap);
      b.add(rel.zone, false, cap);
      b.add(rel.region, false, config.standbyInOtherRegion ? cap : Number.POSITIVE_INFINITY);
      addSwitch();
      return b.build(new SeriesService(), rel.node.mtbfS, config.changes);
    }
    case 'fleet': {
      const rel = config.reliability;
      let nodes = 0;
      let zones = 0;
      for (const reg of config.regions) {
        nodes += reg.nodes;
        zones += reg.zones;
      }
      for (let i = 0; i < nodes; i++) b.add(rel.node, true);
      for (let z = 0; z < zones; z++) b.add(rel.zone, false);
      for (let r = 0; r < config.regions.length; r++) b.add(rel.region, false);
      const hasBalancers = config.balancer.unavailability > 0;
      if (hasBalancers) {
        const rates = ratesFromAvailability(config.balancer);
        for (let r = 0; r < config.regions.length; r++) b.add(rates, false);
      }
      const sw = config.globalSwitch;
      const switchId =
        sw !== null && sw.availability.unavailability > 0 ? b.add(ratesFromAvailability(sw.availability), false) : -1;
      const service = new FleetService(
        config,
        rel.failoverS,
        crossRegionFailoverS(rel.failoverS, sw),
        hasBalancers,
        switchId,
      );
      return b.build(service, rel.node.mtbfS, config.changes);
    }
  }
}
