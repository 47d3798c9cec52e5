/** The global traffic switch a design over several regions is reached through, and the note that describes it. */

import type { GlobalSwitch } from '../catalog/index.js';
import { formatDuration, formatPercent, formatUsd } from '../units/format.js';
import { keptIn } from '../util/keptIn.js';
import type { Context } from './context.js';

/**
 * The global traffic switch (the catalog's default) that moves users between the regions a design serves from, or
 * null within one region: a standby in another region (`regions` = its two regions), or a horizontal design over
 * several regions.
 */
export function globalSwitchFor(ctx: Context, regions: readonly string[]): GlobalSwitch | null {
  return regions.length > 1 ? ctx.networkCosts.globalSwitches.default : null;
}

/** Notes a switch keeps before they are cleared (a bound on memory: a design's switch costs one of a few amounts; the figure is a judgement, far above the few a run meets). */
const MAX_NOTES = 1000;
const notes = new WeakMap<GlobalSwitch, Map<number, string>>();

/**
 * The note that says which switch a design is reached through, what it costs and what it is assumed to do (memoised
 * by the switch and the cost: the searches write it for every design they evaluate across regions).
 */
export function switchNote(sw: GlobalSwitch, usdPerMonth: number): string {
  const byCost = keptIn(notes, sw, () => new Map());
  let note = byCost.get(usdPerMonth);
  if (note === undefined) {
    note = writeSwitchNote(sw, usdPerMonth);
    if (byCost.size >= MAX_NOTES) byCost.clear();
    byCost.set(usdPerMonth, note);
  }
  return note;
}

function writeSwitchNote(sw: GlobalSwitch, usdPerMonth: number): string {
  return `users reach the regions through ${sw.name} (the catalog's default global traffic switch): ${formatUsd(usdPerMonth)} a month, ${formatPercent(sw.availability.availability)} available in series (${sw.availability.confidence}), and a move to another region takes at least ${formatDuration(sw.failoverS)} (health-check detection + DNS TTL)`;
}
