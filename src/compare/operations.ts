/**
 * The price of complexity and of change (contract, "Operations"; issue 20): people and tooling per node and per region
 * inside the monthly cost, and the downtime of deploys and of failed changes inside the availability.
 *
 * Model (first order, every term independent of the hardware's failures, so in series with them):
 * - Operations cost: `usdPerNodeMonth` x every node of the design (a standby, hot or cold, included: it is patched,
 *   monitored and restore-tested like the box it stands in for) + `usdPerRegionMonth` x the regions it runs in.
 * - Deploys: `deploysPerWeek` deploys a week (a tier may deploy at its own rate), each taking the design down for
 *   `down` seconds: `restart` on one box, the restart time, or the failover to a hot standby when that is shorter
 *   (min(restartTime, failover): the users move to the standby or wait for the box); on a fleet every node at once,
 *   the restart time. `blue-green`: none (the second copy is warmed beside the first and the users switched with their
 *   connections drained). `rolling`: one node out at a time; none while every region keeps, with one node out, the
 *   nodes its load needs at the degraded cap and every partition keeps its reads and write quorum; otherwise down
 *   while each node of a region that cannot spare one restarts (its nodes x the restart time). Unavailability =
 *   deploys per second x down (deploys never overlap: a team rolls one version at a time), at most 1.
 * - Failed changes: deploys x `changeFailureRate` x `changeRecoveryTime` x the share of the service the bad change
 *   reaches before it is stopped: all of it for a restart or a blue-green switch (every user moves to the new
 *   version at once), one node's share of the traffic for a rolling deploy, whose health gate (the rollout stops
 *   when the first node's checks fail) keeps the change from the others. The definitions are DORA's (deployment
 *   frequency, change failure rate, failed deployment recovery time: Forsgren, Humble and Kim, Accelerate, 2018;
 *   the yearly State of DevOps reports); that changes, not hardware, cause most outages is the SRE book's
 *   observation (Beyer et al., Site Reliability Engineering, 2016, ch. 1: "roughly 70% of outages are due to changes
 *   in a live system"). ASSUMPTION: the health gate catches every bad change on its first node; a change whose harm
 *   shows only later (a data migration, a configuration pushed everywhere at once) reaches more, and is not modelled.
 * - The time a rolling deploy runs one node short is not counted against hardware failures that coincide with it
 *   (second order: deploys x rollout time x the hardware's unavailability).
 * - Blue-green capacity: the second copy runs for `blueGreenOverlap` per deploy at the design's node prices (the box,
 *   or every node of a fleet), unless a hot standby serves as the second copy.
 */

import { fromUnavailability, SECONDS_PER_WEEK, series } from '../core/reliability/index.js';
import type { DeployMode, Operations } from '../scenario/types.js';
import type { AvailabilityFigure } from './availability.js';
import { SECONDS_PER_BILLING_MONTH } from './context.js';
import type { NodePrice } from './nodePrice.js';
import type { ArchitectureResult } from './result.js';

/** Weeks in a billing month of 730 hours. */
const WEEKS_PER_BILLING_MONTH = SECONDS_PER_BILLING_MONTH / SECONDS_PER_WEEK;

export const CAUSE_DEPLOYS = 'deploys';
export const CAUSE_FAILED_CHANGES = 'failed changes';

/** The deploy mode of a design: its own, else a vertical design restarts and a horizontal one rolls. */
export function deployOf(kind: 'vertical' | 'horizontal', deploy: DeployMode | undefined): DeployMode {
  return deploy ?? (kind === 'vertical' ? 'restart' : 'rolling');
}

/**
 * People and tooling for `nodes` nodes in `regions` regions, USD per month.
 * @example operationsUsdPerMonth({ ...NO_OPERATIONS, usdPerNodeMonth: 150, usdPerRegionMonth: 2000 }, 12, 2) // 5800
 */
export function operationsUsdPerMonth(ops: Operations, nodes: number, regions: number): number {
  return ops.usdPerNodeMonth * nodes + ops.usdPerRegionMonth * regions;
}

/**
 * The second copy of a blue-green deploy: `nodes` (each at its price) for blueGreenOverlap per deploy, USD per month.
 * @example blueGreenUsdPerMonth({ ...NO_OPERATIONS, deploysPerWeek: 10, blueGreenOverlapS: 3600 }, [{ count: 1, price: { usdPerHour: 1 } }]) // 43.45238095238095
 */
export function blueGreenUsdPerMonth(
  ops: Operations,
  nodes: readonly { count: number; price: Pick<NodePrice, 'usdPerHour'> }[],
): number {
  const hours = ops.deploysPerWeek * WEEKS_PER_BILLING_MONTH * (ops.blueGreenOverlapS / 3600);
  let usd = 0;
  for (const n of nodes) usd += n.count * n.price.usdPerHour * hours;
  return usd;
}

/** What a deploy does to a design: the seconds it is down per deploy, and the share a failed change reaches. */
export interface DeployEffect {
  mode: DeployMode;
  /** Seconds the design is down per deploy. */
  downS: number;
  /** Share of the service a failed change reaches before it is stopped, (0, 1]. */
  changeShare: number;
  /** Why, in a few words (for the notes). */
  text: string;
}

/** The unavailability of deploys and failed changes, each at most 1. */
export interface ChangeUnavailability {
  deploys: number;
  failedChanges: number;
}

/**
 * The time fractions a design is down for deploys and for failed changes, `deploysPerWeek` deploys a week.
 * @example changeUnavailability({ ...NO_OPERATIONS, restartS: 60, changeFailureRate: 0.1, changeRecoveryS: 3600 }, 10, { mode: 'restart', downS: 60, changeShare: 1, text: '' }) // { deploys: 0.000992063492063492, failedChanges: 0.005952380952380952 }
 */
export function changeUnavailability(
  ops: Operations,
  deploysPerWeek: number,
  effect: DeployEffect,
): ChangeUnavailability {
  const perS = deploysPerWeek / SECONDS_PER_WEEK;
  return {
    deploys: Math.min(1, perS * effect.downS),
    failedChanges: Math.min(1, perS * ops.changeFailureRate * ops.changeRecoveryS * effect.changeShare),
  };
}

/**
 * A vertical design's deploy: a restart is down for the restart time, or for the move to a hot standby when that is
 * shorter (`failoverS`: within the region, or across regions through the switch); blue-green is never down.
 */
export function verticalDeploy(ops: Operations, mode: DeployMode, hotFailoverS: number | null): DeployEffect {
  if (mode === 'blue-green') {
    return {
      mode,
      downS: 0,
      changeShare: 1,
      text: 'blue-green: the new version warmed on a second box, users switched with connections drained',
    };
  }
  const viaStandby = hotFailoverS !== null && hotFailoverS < ops.restartS;
  return {
    mode,
    downS: viaStandby ? hotFailoverS : ops.restartS,
    changeShare: 1,
    text: viaStandby
      ? 'restart: the users move to the hot standby while the box restarts (the failover time per deploy)'
      : 'restart: the box is down for the restart time per deploy',
  };
}

/**
 * A horizontal design's deploy. `spare[r]`: region r keeps serving its load, reads and writes with one node out
 * (rolling). `nodeShare`: the largest share of the traffic one node carries (what a rolling change reaches first).
 */
export function horizontalDeploy(
  ops: Operations,
  mode: DeployMode,
  nodesByRegion: readonly number[],
  spare: readonly boolean[],
  nodeShare: number,
): DeployEffect {
  if (mode === 'blue-green') {
    return {
      mode,
      downS: 0,
      changeShare: 1,
      text: 'blue-green: a second fleet warmed beside the first, users switched with connections drained',
    };
  }
  if (mode === 'restart') {
    return {
      mode,
      downS: ops.restartS,
      changeShare: 1,
      text: 'restart: every node restarts at once, the service down for the restart time per deploy',
    };
  }
  let short = 0;
  nodesByRegion.forEach((n, r) => {
    if (!spare[r]) short += n;
  });
  return {
    mode,
    downS: short * ops.restartS,
    changeShare: Math.min(1, nodeShare),
    text:
      short === 0
        ? 'rolling: one node out at a time, the others carry its load and its copies: no deploy downtime'
        : `rolling: ${short} node${short === 1 ? '' : 's'} cannot be spared (the survivors would exceed the degraded cap, or a partition would lose its reads or write quorum), so the design is down while each restarts`,
  };
}

/**
 * An availability figure with the deploys' and failed changes' downtime in series (independent of the hardware), and
 * their causes listed; unchanged when the design is not deployed (deploysPerWeek 0).
 */
export function withChanges(
  fig: AvailabilityFigure,
  ops: Operations,
  deploysPerWeek: number,
  effect: DeployEffect,
): AvailabilityFigure {
  if (!(deploysPerWeek > 0)) return fig;
  const u = changeUnavailability(ops, deploysPerWeek, effect);
  const parts = [fig.availability, fromUnavailability(u.deploys), fromUnavailability(u.failedChanges)];
  return {
    availability: series(parts),
    method: `${fig.method}; ${CHANGES_METHOD}`,
    byCause: [
      ...fig.byCause,
      { cause: CAUSE_DEPLOYS, unavailability: u.deploys },
      { cause: CAUSE_FAILED_CHANGES, unavailability: u.failedChanges },
    ],
    singlePointsOfFailure: fig.singlePointsOfFailure,
  };
}

/** How deploys and failed changes enter a method text. */
export const CHANGES_METHOD =
  "in series: deploys (deploys a week x the downtime of one: the restart time, the failover to a hot standby when shorter, the nodes a rolling deploy cannot spare x the restart time, none for blue-green) and failed changes (deploys x change failure rate x recovery time x the share a bad change reaches: all of it, or one node's share behind a rolling deploy's health gate); first order, independent of the hardware";

/**
 * The deploy modes a search tries for a vertical design: the default restart, and blue-green when deploys take a box
 * down (its second box may cost less than the nines the restarts lose); undefined stands for the default.
 */
export function verticalDeployChoices(ops: Operations): (DeployMode | undefined)[] {
  return ops.deploysPerWeek > 0 && ops.restartS > 0 ? [undefined, 'blue-green'] : [undefined];
}

/** A candidate's downtime from deploys and from failed changes, minutes a year (null: not counted for it). */
export function changeDowntime(a: ArchitectureResult): { deploys: number; failed: number; u: number } | null {
  const d = a.availability.byCause.find((c) => c.cause === CAUSE_DEPLOYS);
  const f = a.availability.byCause.find((c) => c.cause === CAUSE_FAILED_CHANGES);
  if (d === undefined || f === undefined) return null;
  return {
    deploys: d.downtimeMinutesPerYear,
    failed: f.downtimeMinutesPerYear,
    u: 1 - (1 - d.unavailability) * (1 - f.unavailability),
  };
}
