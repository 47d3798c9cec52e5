/**
 * What the change process (operations: deploys and failed changes, issue 20) does to each candidate, and which one
 * it favours and why: a sentence for the risks section and the rows of the availability and cost sections, every
 * figure read from the results (availability.byCause "deploys" and "failed changes", cost.breakdown).
 */

import { changeDowntime } from '../../compare/operations.js';
import type { ArchitectureResult } from '../../compare/result.js';
import { nines } from '../../core/reliability/index.js';
import type { Scenario } from '../../scenario/types.js';
import { formatDowntimeRounded, formatDuration, formatNines, formatPercent, formatUsd } from '../../units/format.js';

/** Why a candidate's deploys cost what they do, from its deploy mode and figures. */
function reason(a: ArchitectureResult): string {
  const n = a.nodes;
  switch (a.deploy) {
    case 'rolling':
      return `a rolling deploy keeps serving while each of its ${n} nodes restarts${
        (changeDowntime(a)?.deploys ?? 0) > 0 ? ' (where the survivors can carry the load)' : ''
      }, and a bad change reaches one node's share of the traffic before the health gate stops it`;
    case 'blue-green':
      return 'a blue-green deploy switches the users to a warmed copy (no restart downtime), but a bad change reaches every user at the switch';
    case 'restart':
      return a.kind === 'vertical' && a.standby === 'hot'
        ? 'a restart moves the users to the hot standby for the failover time, and a bad change reaches every user'
        : 'a restart takes the service down for the restart time, and a bad change reaches every user';
    default:
      return 'each tier deploys its own way (the tiers table), the figures summed over them';
  }
}

/**
 * The risk sentence of the change process, or null when no candidate counts deploys: each candidate's downtime from
 * deploys and failed changes, the one the process favours and why, and any candidate that misses the availability
 * target because of it.
 */
export function changeProcessRisk(s: Scenario, archs: readonly ArchitectureResult[]): string | null {
  const counted = archs.flatMap((a) => {
    const c = changeDowntime(a);
    return c === null ? [] : [{ a, c }];
  });
  if (counted.length === 0) return null;
  const ops = s.operations;
  const each = counted
    .map(
      ({ a, c }) =>
        `${a.name} ${formatDowntimeRounded(c.deploys * 60)} of deploy downtime and ${formatDowntimeRounded(c.failed * 60)} of failed changes a year`,
    )
    .join('; ');
  const sorted = [...counted].sort((x, y) => x.c.u - y.c.u);
  const fav = sorted[0] as (typeof counted)[number];
  const favours = counted.length > 1 ? ` It favours ${fav.a.name}: ${reason(fav.a)}.` : ` (${reason(fav.a)}).`;
  // a candidate the change process alone takes below the availability target
  const target = s.targets.unavailability;
  const decided = counted.filter(({ a, c }) => {
    const hardware = 1 - (1 - a.availability.unavailability) / (1 - c.u);
    return a.availability.unavailability > target && hardware <= target;
  });
  const misses = decided
    .map(({ a, c }) => {
      const hardware = 1 - (1 - a.availability.unavailability) / (1 - c.u);
      return ` Without them ${a.name} would have ${formatNines(nines(hardware))} nines and meet the availability target; with them it has ${formatNines(a.availability.nines)}.`;
    })
    .join('');
  const process = `${ops.deploysPerWeek} deploys a week, ${formatPercent(ops.changeFailureRate)} of them failing, ${formatDuration(ops.changeRecoveryS)} to recover`;
  return `The change process (${process}) costs ${each}.${favours}${misses} Are the deploy frequency, change failure rate and recovery time measured (DORA's metrics), and does the rollout stop on its first failing node?`;
}

/** The operations rows of the cost table: people and tooling, and blue-green copies, where any candidate has them. */
export function operationsCostRows(archs: readonly ArchitectureResult[]): string[][] {
  const rows: string[][] = [];
  if (archs.some((a) => a.cost.breakdown.operationsUsdPerMonth !== undefined)) {
    rows.push([
      'operations (people, tooling)',
      ...archs.map((a) => formatUsd(a.cost.breakdown.operationsUsdPerMonth ?? 0)),
    ]);
  }
  if (archs.some((a) => a.cost.breakdown.blueGreenUsdPerMonth !== undefined)) {
    rows.push(['blue-green deploys', ...archs.map((a) => formatUsd(a.cost.breakdown.blueGreenUsdPerMonth ?? 0))]);
  }
  return rows;
}
