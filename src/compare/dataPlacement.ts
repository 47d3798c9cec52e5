/** Where a horizontal design keeps its data: copies per region and zone, the write quorum, the partitions. */

import { copiesPerZone, copysetCount, majority, zoneSizes } from '../core/reliability/placement.js';
import { formatSig } from '../units/format.js';
import type { Context } from './context.js';
import type { HorizontalDesign } from './designKinds.js';

/** Partitions per node the placement text assumes (Cassandra 4's default num_tokens; the model takes many). */
export const PARTITIONS_PER_NODE = 16;

/**
 * Where a horizontal design keeps its data (src/core/reliability/placement.ts): `replication` copies of every
 * partition in each region on distinct nodes, at most copiesPerZone of them in one zone; writes need writeQuorum of
 * all copies (a majority for strong consistency with writes, else one).
 */
export function placementOf(
  ctx: Context,
  d: Pick<HorizontalDesign, 'regions' | 'nodesByRegion' | 'zones'>,
): {
  partitions: number;
  replication: number;
  copiesPerZone: number;
  writeQuorum: number;
  copies: number;
  /** Copies of the worst partition that may be down with writes (and reads) still served: copies - writeQuorum. */
  maxDownCopies: number;
  text: string;
} {
  const w = ctx.scenario.workload;
  const r = w.replication;
  const R = d.regions.length;
  const copies = R * r;
  const strong = strongWrites(ctx);
  const writeQuorum = writeQuorumOf(ctx, copies);
  const perZone = d.nodesByRegion.map((n) => copiesPerZone(zoneSizes(n, d.zones), r) ?? r);
  const c = Math.max(...perZone);
  const partitions = PARTITIONS_PER_NODE * Math.max(...d.nodesByRegion);
  // the model takes every node set the zone rule allows as holding a partition: with far more such sets than
  // partitions, the data term is an upper bound (pessimistic for coincident node failures)
  const sets = Math.max(...d.nodesByRegion.map((n) => copysetCount(zoneSizes(n, d.zones), r)));
  const bound =
    sets > 10 * partitions
      ? `; about ${formatSig(sets, 2)} node sets could hold a partition, far more than the partitions: the data downtime is an upper bound (exact when every such set holds one)`
      : '';
  const where = c === 1 ? 'each in another zone' : `at most ${c} in one zone`;
  const writes =
    w.writeFraction === 0
      ? 'no writes'
      : strong
        ? `writes need ${writeQuorum} of the ${copies} copies (a majority: strong consistency)`
        : 'writes need one live copy (eventual consistency)';
  const text = `placement: ${r} cop${r === 1 ? 'y' : 'ies'} of every partition ${R > 1 ? `in each of ${R} regions` : 'in the region'}, on distinct nodes, ${where}; partitions spread over all nodes (about ${partitions}: ${PARTITIONS_PER_NODE} per node); reads need one live copy, ${writes}${bound}`;
  return {
    partitions,
    replication: r,
    copiesPerZone: c,
    writeQuorum,
    copies,
    maxDownCopies: maxDownCopies(ctx, R),
    text,
  };
}

/** Whether writes wait for a quorum: strong consistency, and writes at all. */
function strongWrites(ctx: Context): boolean {
  const w = ctx.scenario.workload;
  return w.consistency === 'strong' && w.writeFraction > 0;
}

/** Copies a write needs of `copies`: a majority with strong writes, else one. */
function writeQuorumOf(ctx: Context, copies: number): number {
  return strongWrites(ctx) ? majority(copies) : 1;
}

/**
 * Copies of the worst partition that may be down with writes (and reads) still served, over `regions` regions of
 * `replication` copies each: copies - writeQuorum.
 */
export function maxDownCopies(ctx: Context, regions: number): number {
  const copies = regions * ctx.scenario.workload.replication;
  return copies - writeQuorumOf(ctx, copies);
}
