/**
 * What a lost zone or region does to a design, in words a review can sign, read from the result's own figures
 * (placement, survivesZoneLoss, survivesRegionLoss): whether it survives, and if not, whether the data (reads or
 * writes) or the capacity of the survivors is what fails. One place for the table, the worksheet and the TUI.
 */
import type { ArchitectureResult } from './result.js';

export type LossVerdict = 'survives' | 'reads' | 'writes' | 'capacity' | 'restore';

type Survival = Pick<
  ArchitectureResult,
  'kind' | 'placement' | 'survivesZoneLoss' | 'survivesRegionLoss' | 'standby' | 'regions'
> &
  Partial<Pick<ArchitectureResult, 'tiers'>>;

/** Copies of the worst partition that may be down with reads still served / writes still committed. */
function slack(a: Survival): { reads: number; writes: number } | null {
  const p = a.placement;
  if (p === null) return null;
  return { reads: p.copies - 1, writes: p.copies - p.writeQuorum };
}

/** Whether losing one zone (or region) leaves some partition fewer live copies than its write quorum. */
export function lossStopsWrites(a: Survival, what: 'zone' | 'region'): boolean {
  const s = slack(a);
  const p = a.placement;
  if (s === null || p === null) return false;
  return (what === 'zone' ? p.copiesPerZone : p.replication) > s.writes;
}

/**
 * Why a design does or does not survive the loss of one zone or one region (null: a region loss with one region).
 * @example lossVerdict({ kind: 'horizontal', placement: { copies: 6, writeQuorum: 4, replication: 3, copiesPerZone: 1, ... }, survivesRegionLoss: false, ... }, 'region') // 'writes'
 */
export function lossVerdict(a: Survival, what: 'zone' | 'region'): LossVerdict | null {
  const survives = what === 'zone' ? a.survivesZoneLoss : a.survivesRegionLoss;
  if (survives === null) return null;
  if (survives) return 'survives';
  // a system of per-tier designs: the first tier that does not survive says why (its own verdict)
  const tiers = a.tiers?.filter((t) => t.kind !== 'co-located') ?? [];
  if (tiers.length > 0) {
    for (const t of tiers) {
      const v = what === 'zone' ? t.zoneLoss : t.regionLoss;
      if (v !== 'survives') return v ?? 'reads';
    }
    return 'capacity';
  }
  // a cold standby is restored first; a hot pair fails only when the box cannot carry the load; a lone box is gone
  if (a.kind === 'vertical') return a.standby === 'cold' ? 'restore' : a.standby === 'hot' ? 'capacity' : 'reads';
  const s = slack(a) as { reads: number; writes: number };
  const p = a.placement as NonNullable<Survival['placement']>;
  const lost = what === 'zone' ? p.copiesPerZone : p.replication;
  if (lost > s.reads) return 'reads';
  if (lost > s.writes) return 'writes';
  return 'capacity';
}

/** Short form for the table: "yes", "no (writes)", "no (capacity)", ... */
export function lossShort(v: LossVerdict | null): string {
  if (v === null) return 'no (one region)';
  return v === 'survives' ? 'yes' : `no (${v})`;
}

/**
 * Why a design does (or does not) survive the loss, without the verdict: the worksheet's table gives the verdict in
 * short (lossShort) and this once below it.
 * @example lossReason({ kind: 'vertical', standby: 'hot', ... }, 'survives', '') // 'the hot standby takes over'
 */
export function lossReason(
  a: Pick<Survival, 'kind' | 'standby' | 'placement'>,
  v: LossVerdict,
  capPercent: string,
): string {
  switch (v) {
    case 'survives':
      return a.kind === 'vertical'
        ? 'the hot standby takes over'
        : `every partition keeps a live copy and its write quorum, and the survivors stay at or below ${capPercent} CPU`;
    case 'reads':
      return a.kind === 'vertical'
        ? `the box ${a.standby === 'hot' ? 'and its standby are' : 'is'} there`
        : 'some partitions keep all their copies there, so reads and writes of them stop';
    case 'writes':
      return `the copies left are fewer than the write quorum of ${a.placement?.writeQuorum} of ${a.placement?.copies}, so writes stop until it is back (reads go on)`;
    case 'capacity':
      return a.kind === 'vertical'
        ? 'the box cannot carry the load at all (utilisation at or above 100%)'
        : `the data is safe, but the survivors would run above ${capPercent} CPU (targets.maxUtilizationDegraded), so the outage counts as downtime`;
    case 'restore':
      return 'the cold standby must be restored first';
  }
}

/** A sentence for the worksheet. */
export function lossSentence(a: Survival, what: 'zone' | 'region', capPercent: string): string {
  const v = lossVerdict(a, what);
  const the = `the loss of ${what === 'zone' ? 'a zone' : 'a region'}`;
  if (v === null) return `It does not survive ${the}: it runs in one region.`;
  const why = lossReason(a, v, capPercent);
  switch (v) {
    case 'survives':
      return `It survives ${the}: ${why}.`;
    case 'writes':
      return `It does not survive ${the} for writes: ${why}.`;
    case 'restore':
      return `It does not survive ${the} without downtime: ${why}.`;
    default:
      return `It does not survive ${the}: ${why}.`;
  }
}
