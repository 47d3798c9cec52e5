/**
 * Per-vCPU speed of instance families: `workload.serviceTime` is the CPU time of one request on one vCPU of
 * `workload.serviceTimeFamily` (default m7i). On a vCPU of family f the same request takes
 *
 *   S_f = S_measured x perf(measured) / perf(f)
 *
 * where perf(f) is the per-vCPU throughput of f relative to one m7i vCPU: the scenario's `workload.perVcpuPerformance`
 * where it names f, else the catalog's table (models/catalog/instances.json `perVcpuPerformance`: multi-threaded
 * CoreMark iterations per second divided by the vCPU count, median over a family's sizes, relative to m7i; runs of
 * 2025-12 by vantage-sh/ec2instances.info, source id vantage-coremark-2025-12). That table is an ESTIMATE for a real
 * service: CoreMark is an integer, cache-resident benchmark, and an Intel vCPU is one SMT thread of a core while a
 * Graviton vCPU is a whole core, so a memory- or I/O-bound service gains less (or more) than it says. The scaling
 * is linear in the speed (a request's CPU time is its work over the vCPU's speed); the USL derating of a big box
 * (capacity.ts) applies on top of it. Pure.
 */

import type { Catalog } from '../catalog/index.js';
import type { Workload } from '../scenario/types.js';
import { formatDuration } from '../units/format.js';
import type { Context } from './context.js';
import { contextMemo } from './contextMemo.js';

/** What the capacity model needs of an instance type (capacity.ts): its vCPUs and their speed. */
export interface NodeCapacity {
  /** vCPUs per node (each serves as one queue server). */
  vcpu: number;
  /**
   * perf(family) / perf(workload.serviceTimeFamily): how many times faster one of its vCPUs serves a request than a
   * vCPU of the family the service time was measured on (1: the same family). A request's CPU time is
   * workload.serviceTime / speedup.
   */
  speedup: number;
}

/** A family's per-vCPU throughput relative to m7i and where the figure comes from. */
export interface FamilyPerf {
  relativeToM7i: number;
  /** "scenario": workload.perVcpuPerformance; otherwise the catalog's source id (its note says how it was derived). */
  from: 'scenario' | 'catalog';
  source: string;
  confidence: 'given' | 'derived' | 'ESTIMATE';
}

/**
 * perf(family): the scenario's figure where it gives one, else the catalog's.
 * @throws {RangeError} a family the catalog has no figure for (every catalog family has one: the catalog schema
 *   checks it; the scenario's families are catalog families)
 * @example familyPerf(catalog, { perVcpuPerformance: { m7g: 0.9 } }, 'm7g').relativeToM7i // 0.9
 */
export function familyPerf(catalog: Catalog, w: Pick<Workload, 'perVcpuPerformance'>, family: string): FamilyPerf {
  const given = Object.hasOwn(w.perVcpuPerformance, family) ? w.perVcpuPerformance[family] : undefined;
  if (given !== undefined) return { relativeToM7i: given, from: 'scenario', source: 'scenario', confidence: 'given' };
  const p = catalog.perVcpuPerformance.get(family);
  if (p === undefined) throw new RangeError(`no per-vCPU performance figure for family ${family}`);
  return { relativeToM7i: p.relativeToM7i, from: 'catalog', source: p.source, confidence: p.confidence };
}

/**
 * perf(family) / perf(serviceTimeFamily): the speed of one vCPU of `family` against the one the service time was
 * measured on; exactly 1 for that family itself.
 * @example speedup(catalog, { serviceTimeFamily: 'm7i', perVcpuPerformance: { m7g: 1.25 } }, 'm7g') // 1.25
 */
export function speedup(
  catalog: Catalog,
  w: Pick<Workload, 'serviceTimeFamily' | 'perVcpuPerformance'>,
  family: string,
): number {
  if (family === w.serviceTimeFamily) return 1;
  return familyPerf(catalog, w, family).relativeToM7i / familyPerf(catalog, w, w.serviceTimeFamily).relativeToM7i;
}

/**
 * The note a result carries when its family is not the one the service time was measured on: the scaled time and the
 * figures it rests on. Null for the measured family itself (or a system of tiers: each tier's result says it).
 */
export function perVcpuNote(
  catalog: Catalog,
  w: Pick<Workload, 'serviceTimeS' | 'serviceTimeFamily' | 'perVcpuPerformance'>,
  family: string,
): string | null {
  if (family === w.serviceTimeFamily || w.serviceTimeS === null) return null;
  const here = familyPerf(catalog, w, family);
  const there = familyPerf(catalog, w, w.serviceTimeFamily);
  const what = (f: string, p: FamilyPerf) =>
    `${f} ${p.relativeToM7i} (${p.from === 'scenario' ? 'workload.perVcpuPerformance' : `catalog, CoreMark per vCPU relative to m7i, ${p.source}: an estimate`})`;
  const s = w.serviceTimeS / speedup(catalog, w, family);
  return `service time scaled to the ${family} vCPU: ${formatDuration(w.serviceTimeS)} measured on ${w.serviceTimeFamily} x ${there.relativeToM7i} / ${here.relativeToM7i} = ${formatDuration(s)} (per-vCPU performance ${what(w.serviceTimeFamily, there)}, ${what(family, here)}; set workload.perVcpuPerformance to use your own measurement)`;
}

/** perVcpuNote of the context's scenario for `family`, kept per context (a search writes the same note for every design
 * of a family, thousands of times). */
export function perVcpuNoteIn(ctx: Context, family: string): string | null {
  return memoPerVcpu(ctx, family, () => perVcpuNote(ctx.catalog, ctx.scenario.workload, family));
}
const memoPerVcpu = contextMemo<string | null>(1000);
