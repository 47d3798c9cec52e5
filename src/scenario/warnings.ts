/**
 * Warnings about inputs that are valid but implausible: the slips that give a clean-looking result for the wrong
 * question. `"mtbf": 4380` is 4,380 SECONDS (73 minutes), not hours, and silently gives 1.85 nines; a working set no
 * box can hold makes every vertical candidate infeasible. Each warning is one line that starts with the field path,
 * says what the value is (a bare JSON number as written, with its meaning in readable units) and why it looks wrong,
 * and, for a bare number where a unit was likely meant, what was probably meant.
 *
 * The rules are a table (RULES): each is a pure function of the normalised scenario (with `bareNumbers`, the fields
 * written as bare numbers) and the catalog. They only warn; the comparison runs as given. A problem that is an error
 * (averageRate above peakRate, a family in another provider's region) is refused by normalize.ts instead.
 */

import type { Catalog } from '../catalog/index.js';
import { SECONDS_PER_YEAR } from '../core/reliability/downtime.js';
import { formatBytes, formatDuration, formatSig } from '../units/format.js';
import type { Scenario } from './types.js';

const MINUTE_S = 60;
const DAY_S = 86_400;
const CENTURY_S = 100 * SECONDS_PER_YEAR;
const MIB = 2 ** 20;
const GIB = 2 ** 30;
/** A growth forecast further out than this is a guess, not a plan. */
const MAX_GROWTH_YEARS = 10;

/** One rule: its name (for the README and tests) and the warnings it gives for a scenario. */
export interface WarningRule {
  name: string;
  warnings(s: Scenario, catalog: Catalog): string[];
}

/** Whether the field at `path` (or either end of its range) was written as a bare number. */
function bare(s: Scenario, path: string): boolean {
  return s.bareNumbers.includes(path) || s.bareNumbers.includes(`${path}.p5`) || s.bareNumbers.includes(`${path}.p95`);
}

/** Whether the field is a range (its value is the range's median). */
function ranged(s: Scenario, path: string): boolean {
  return s.uncertain.some((u) => u.path === path);
}

/** A duration for a person: years from two years up, else the largest of s, min, h, d ("1.22 h"). */
function readable(seconds: number): string {
  return seconds >= 2 * SECONDS_PER_YEAR
    ? `${formatSig(seconds / SECONDS_PER_YEAR, 3)} years`
    : formatDuration(seconds);
}

/**
 * The value as the user gave it: a bare number as written with its meaning ("4380 = 1.22 h"), a unit value in
 * readable units ("1.22 h"), a range by its median ("a range with median 1.22 h").
 */
function shown(s: Scenario, path: string, value: number, format: (x: number) => string): string {
  if (ranged(s, path)) return `a range with median ${format(value)}`;
  return bare(s, path) ? `${value} = ${format(value)}` : format(value);
}

/**
 * The hint for a bare number where a unit was likely meant: `a bare number is seconds; did you mean "4380 h"?`
 * (no guess for a range, whose ends may differ).
 */
function bareHint(s: Scenario, path: string, value: number, base: string, meant?: string): string {
  if (!bare(s, path)) return '';
  const guess = meant !== undefined && !ranged(s, path) ? `; did you mean "${value} ${meant}"?` : '';
  return `; a bare number is ${base}${guess}`;
}

const DOMAINS = ['node', 'zone', 'region'] as const;

/** MTBF and MTTR of nodes, zones and regions within a minute (a day for an MTBF) and a century. */
const failureTimes: WarningRule = {
  name: 'MTBF or MTTR under a minute (an MTBF under a day) or over a century',
  warnings(s) {
    const out: string[] = [];
    for (const domain of DOMAINS) {
      const rates = s.reliability[domain];
      for (const [key, value, floorS, floorText, what] of [
        ['mtbf', rates.mtbfS, DAY_S, 'a day', `between failures of a ${domain}`],
        ['mttr', rates.mttrS, MINUTE_S, 'a minute', `to repair a ${domain}`],
      ] as const) {
        const path = `reliability.${domain}.${key}`;
        let problem: string | null = null;
        if (value < floorS) problem = `under ${floorText} ${what} is implausible`;
        else if (value > CENTURY_S) problem = `over a century ${what} is implausible`;
        if (problem === null) continue;
        const hint = bareHint(s, path, value, 'seconds', value < floorS ? 'h' : undefined);
        out.push(`${path}: ${shown(s, path, value, readable)}: ${problem}${hint}`);
      }
    }
    return out;
  },
};

/** A repair that takes as long as the time between failures: down half of the time or more. */
const repairNotShorter: WarningRule = {
  name: 'MTTR not shorter than MTBF',
  warnings(s) {
    return DOMAINS.flatMap((domain) => {
      const { mtbfS, mttrS } = s.reliability[domain];
      if (mttrS < mtbfS) return [];
      const path = `reliability.${domain}.mttr`;
      return [
        `${path}: ${shown(s, path, mttrS, readable)} is not shorter than reliability.${domain}.mtbf (${readable(mtbfS)}): every ${domain} would be down half of the time or more`,
      ];
    });
  },
};

/** Failover slower than repairing the node: the traffic would move after the node is back. */
const failoverAfterRepair: WarningRule = {
  name: 'failover longer than the node MTTR',
  warnings(s) {
    const r = s.reliability;
    if (!(r.failoverS > r.node.mttrS)) return [];
    const path = 'reliability.failover';
    return [
      `${path}: ${shown(s, path, r.failoverS, readable)} is longer than the node MTTR (${readable(r.node.mttrS)}): a failed node would be repaired before its traffic is switched away`,
    ];
  },
};

/**
 * The catalog's box with the most memory among the providers with a catalog region (the first of equals), or
 * undefined: a pure function of the catalog, kept per catalog (a batch asks on every line).
 */
function largestBox(catalog: Catalog): { name: string; memGiB: number } | undefined {
  if (LARGEST_BOX.has(catalog)) return LARGEST_BOX.get(catalog);
  const providers = new Set<string>(catalog.regions.map((r) => r.provider));
  let largest: { name: string; memGiB: number } | undefined;
  for (const i of catalog.instances) {
    if (providers.has(i.provider) && (largest === undefined || i.memGiB > largest.memGiB)) largest = i;
  }
  LARGEST_BOX.set(catalog, largest);
  return largest;
}

const LARGEST_BOX = new WeakMap<Catalog, { name: string; memGiB: number } | undefined>();

/** A working set larger than any box of the catalog (one that can be placed in a catalog region). */
const workingSetTooLarge: WarningRule = {
  name: 'working set larger than the largest box, where vertical designs are compared',
  warnings(s, catalog) {
    const w = s.workload;
    const verticals = s.architectures?.filter((a) => a.kind === 'vertical') ?? null;
    if (verticals !== null && verticals.length === 0) return [];
    const largest = largestBox(catalog);
    const needGiB = (w.workingSetBytes / GIB) * (1 + w.memoryHeadroom);
    if (largest === undefined || needGiB <= largest.memGiB) return [];
    const which =
      verticals === null
        ? 'the vertical search cannot hold it (the best vertical design will be infeasible); only a partitioned horizontal design can'
        : verticals.length === s.architectures?.length
          ? 'no candidate of this scenario can hold it (all are vertical); only a partitioned horizontal design can'
          : `the vertical candidates (${verticals.map((a) => a.name).join(', ')}) cannot hold it`;
    const path = 'workload.workingSet';
    return [
      `${path}: ${shown(s, path, w.workingSetBytes, formatBytes)} needs ${formatBytes(needGiB * GIB)} with the memory headroom, more than the largest box of the catalog (${largest.name}, ${formatBytes(largest.memGiB * GIB)}): ${which}`,
    ];
  },
};

/** A forecast decades out. */
const longGrowth: WarningRule = {
  name: `growth horizon over ${MAX_GROWTH_YEARS} years`,
  warnings(s) {
    const w = s.workload;
    if (!(w.growthYears > MAX_GROWTH_YEARS)) return [];
    const factor = (1 + w.growthPerYear) ** w.growthYears;
    const path = 'workload.growth.years';
    return [
      `${path}: ${ranged(s, path) ? `a range with median ${w.growthYears}` : w.growthYears}: a growth horizon over ${MAX_GROWTH_YEARS} years is a guess, not a forecast (the design rate is ${formatSig(factor, 3)} times today's peak); plan for the next few years and re-plan`,
    ];
  },
};

/** Bare numbers where another unit was surely meant: seconds of CPU per request, a p99 in minutes, bytes of data. */
const bareUnitSlips: WarningRule = {
  name: 'bare numbers read in the base unit where another unit was likely meant',
  warnings(s) {
    const out: string[] = [];
    const w = s.workload;
    const serviceTimeS = w.serviceTimeS;
    if (bare(s, 'workload.serviceTime') && serviceTimeS !== null && serviceTimeS >= 1) {
      const path = 'workload.serviceTime';
      out.push(
        `${path}: ${shown(s, path, serviceTimeS, readable)} of CPU per request is implausibly long for a service${bareHint(s, path, serviceTimeS, 'seconds', 'ms')}`,
      );
    }
    if (bare(s, 'targets.p99') && s.targets.p99S > MINUTE_S) {
      const path = 'targets.p99';
      out.push(
        `${path}: ${shown(s, path, s.targets.p99S, readable)} is an implausibly loose p99 target${bareHint(s, path, s.targets.p99S, 'seconds', 'ms')}`,
      );
    }
    if (bare(s, 'workload.workingSet') && w.workingSetBytes > 0 && w.workingSetBytes < MIB) {
      const path = 'workload.workingSet';
      out.push(
        `${path}: ${shown(s, path, w.workingSetBytes, formatBytes)} is an implausibly small working set${bareHint(s, path, w.workingSetBytes, 'bytes', 'GiB')}`,
      );
    }
    return out;
  },
};

/**
 * A daily profile whose busiest hour is below the peak: the multipliers are of workload.peakRate, so the designs are
 * sized for a load the day never reaches (usually a profile of absolute rates scaled by the wrong figure).
 */
const profileBelowPeak: WarningRule = {
  name: 'a daily profile that never reaches the peak',
  warnings(s) {
    const p = s.workload.dailyProfile;
    if (p === undefined) return [];
    const top = Math.max(...p);
    if (!(top < 1)) return [];
    return [
      `workload.dailyProfile: its busiest hour is ${formatSig(top * 100, 3)}% of workload.peakRate: every design is sized for a peak the day never reaches; the multipliers are of the peak (the busiest hour is usually 1)`,
    ];
  },
};

/** Every rule, in the order their warnings are listed. */
export const WARNING_RULES: readonly WarningRule[] = [
  failureTimes,
  repairNotShorter,
  failoverAfterRepair,
  workingSetTooLarge,
  longGrowth,
  bareUnitSlips,
  profileBelowPeak,
];

/** The warnings about a scenario's inputs, one line each (empty when nothing looks implausible). */
export function scenarioWarnings(s: Scenario, catalog: Catalog): string[] {
  return WARNING_RULES.flatMap((rule) => rule.warnings(s, catalog));
}
