/** Durability: the acknowledged writes one failure can lose, as time. */

import type { Context } from './context.js';
import type { DataLossResult } from './result.js';

/**
 * Acknowledged writes one failure can lose, as time. Synchronous (strongly consistent) replication to a copy in
 * another failure domain loses none; asynchronous replication loses the replica's lag; data held in one copy loses
 * everything since its last backup when that copy is lost.
 */
export function dataLossOf(ctx: Context, copies: 'one' | 'replicated'): DataLossResult {
  const w = ctx.scenario.workload;
  const rel = ctx.scenario.reliability;
  if (w.writeFraction === 0) return { windowS: 0, method: 'no writes' };
  if (copies === 'one') {
    return {
      windowS: rel.backupIntervalS,
      method: 'one copy of the data: writes since the last backup are lost with it',
    };
  }
  if (w.consistency === 'strong') {
    return { windowS: 0, method: 'synchronous replication to another failure domain: no acknowledged write is lost' };
  }
  return {
    windowS: rel.replicationLagS,
    method:
      'asynchronous replication: writes not yet copied to the replica, up to the replication lag, are lost on failover',
  };
}
