/** Section 9: risks and questions derived from the design, for the reviewers. */

import { scenarioProvider } from '../../compare/networkPrices.js';
import { zonesAndRegions } from '../../compare/recommend.js';
import { lossSentence, lossStopsWrites, lossVerdict } from '../../compare/survival.js';
import { coldRestoreTimeS, crossRegionFailoverS } from '../../core/reliability/index.js';
import { formatByteRate, formatBytes, formatDuration, formatPercent, formatUsd } from '../../units/format.js';
import { type Block, heading, numbered, paragraph } from '../document.js';
import type { WorksheetInput } from '../worksheet.js';
import { changeProcessRisk } from './changeProcess.js';
import { ms, recommended, rival } from './common.js';

/** Risks and questions derived from the design, not boilerplate. */
function risks(w: WorksheetInput): string[] {
  const r = w.result;
  const s = w.scenario;
  const rec = recommended(r) ?? rival(r, undefined);
  const out: string[] = [];
  if (!rec) return out;
  if (rec.availability.singlePointsOfFailure.length > 0) {
    out.push(
      `Single points of failure of ${rec.name}: ${rec.availability.singlePointsOfFailure.join(', ')}. What is the plan when each fails, and who is paged?`,
    );
  }
  if (rec.regions.length > 1 && s.workload.writeFraction > 0) {
    const home = rec.latency.byUserRegion.find((u) => u.region === rec.regions[0]);
    const hop = home?.failoverRttMs ?? null;
    const hopText = hop === null ? '' : ` (about ${ms(hop)} round trip from ${rec.regions[0]} to ${home?.failoverTo})`;
    if (s.workload.consistency === 'strong') {
      const p = rec.placement;
      out.push(
        p !== null
          ? `Writes wait for ${p.writeQuorum} of the ${p.copies} copies of their partition (${p.replication} in each of ${rec.regions.join(', ')})${hopText}. ${lossStopsWrites(rec, 'region') ? `With a region gone, or cut off by a network partition, the copies left are fewer than the quorum: writes stop (the availability figure counts it as downtime).` : 'A region lost or cut off leaves a quorum in the others: the minority side stops accepting writes.'} Is the quorum round trip acceptable on the write path, and who watches for a partition?`
          : rec.regions.length === 2
            ? `Writes wait for the copy in the other region${hopText}. The figures assume that when either box or its region is lost, the survivor keeps accepting writes alone until the pair is rebuilt (as Amazon RDS Multi-AZ does): no single failure loses an acknowledged write, but a second one in that window would, and under a network partition between ${rec.regions.join(' and ')} only one side may accept writes. Does the database do that, or does the primary stop writing without its copy (then every outage of the standby is write downtime)? Who decides when to fail over?`
            : `Writes wait for a quorum of ${rec.regions.join(', ')}${hopText}. Under a partition the minority side must stop accepting writes: which side keeps serving the users in each region, and is the quorum round trip acceptable on the write path?`,
      );
    } else {
      out.push(
        `Writes replicate asynchronously across ${rec.regions.join(', ')}: under a partition both sides keep accepting writes. How are conflicting writes resolved when it heals, and which writes may a region failover lose (up to ${formatDuration(s.reliability.replicationLagS)} of them)?`,
      );
    }
  }
  // a design that spans regions goes through the global traffic switch (it pays for one)
  const sw =
    rec.cost.breakdown.globalSwitchUsdPerMonth > 0
      ? scenarioProvider(w.catalog, s.provider).networkCosts.globalSwitches.default
      : null;
  if (rec.standby === 'hot' || rec.regions.length > 1) {
    const across = sw
      ? ` within a region and ${formatDuration(crossRegionFailoverS(s.reliability.failoverS, sw))} across regions (at least the health-check detection + DNS TTL of the global traffic switch, ${sw.name})`
      : '';
    out.push(
      `The availability figure assumes failover in ${formatDuration(s.reliability.failoverS)}${across}. Has this failover been tested end to end (detection, DNS or balancer switch, warm caches), and how often will it be exercised?`,
    );
  }
  if (rec.standby === 'cold') {
    const rel = s.reliability;
    const ws = s.workload.workingSetBytes;
    const restoreS = coldRestoreTimeS(rel.coldRestoreS, ws, rel.restoreRateBytesPerS, sw?.failoverS ?? 0);
    out.push(
      `The cold standby must be restored within ${formatDuration(restoreS)} (${formatDuration(rel.coldRestoreS)} to start, then ${formatBytes(ws)} at ${formatByteRate(rel.restoreRateBytesPerS)}${sw ? `, then ${formatDuration(sw.failoverS)} for the switch to move the users` : ''}) for the availability figure to hold. Is the restore scripted and rehearsed, and has its rate been measured? The standby's storage is not priced.`,
    );
  }
  if (rec.dataLoss.windowS > 0 && s.workload.writeFraction > 0) {
    out.push(
      `A failure can lose up to ${formatDuration(rec.dataLoss.windowS)} of acknowledged writes (${rec.dataLoss.method}). Is that acceptable to the business?`,
    );
  }
  const recCap = formatPercent(rec.degradedUtilizationCap ?? s.targets.maxUtilizationDegraded, 0);
  const zoneVerdict = lossVerdict(rec, 'zone');
  if (rec.kind === 'horizontal' && zoneVerdict !== 'survives') {
    out.push(
      zoneVerdict === 'capacity'
        ? `${rec.name} keeps its data through a zone loss, but the survivors would run above ${recCap} CPU: zone outages count as downtime. Add spares (about N/(zones - 1)), or accept degraded service during a zone outage?`
        : `${lossSentence(rec, 'zone', recCap)} Is that acceptable, or should the copies be spread over more zones?`,
    );
  }
  const regionVerdict = lossVerdict(rec, 'region');
  if (regionVerdict === 'writes') {
    out.push(
      `${lossSentence(rec, 'region', recCap)} A synchronous quorum needs a majority of copies to survive: is a third region worth it, or can writes wait for the region to come back?`,
    );
  } else if (regionVerdict === 'capacity') {
    out.push(
      `When a region fails, the others cannot carry its users at or below ${recCap} CPU. Is degraded service acceptable there, or should the surviving regions be sized for it?`,
    );
  }
  if (rec.utilization > 0.9 * s.targets.maxUtilization) {
    out.push(
      `${rec.name} runs at ${formatPercent(rec.utilization, 0)} CPU at the design rate, close to the ${formatPercent(s.targets.maxUtilization, 0)} limit. What happens if the growth forecast is beaten?`,
    );
  }
  const estimates = r.sources.filter((x) => /ESTIMATE/i.test(x.text));
  if (estimates.length > 0 || s.defaulted.some((p) => p.startsWith('reliability.'))) {
    out.push(
      'Zone and region failure rates are estimates (no provider publishes them). Do we have our own incident history to replace them?',
    );
  }
  if (s.workload.serviceTimeCv !== 1) {
    out.push(
      `Service times have cv ${s.workload.serviceTimeCv}: the analytic p99 is an approximation (within about 20% of simulation; README). Was it checked with a simulation, or better, a load test?`,
    );
  }
  const ownRegions = new Set(rec.regions);
  const far = rec.latency.byUserRegion.filter((u) => !ownRegions.has(u.region) && u.networkMs > 100);
  if (far.length > 0) {
    out.push(
      `Users in ${far.map((u) => u.region).join(', ')} pay ${far.map((u) => ms(u.networkMs)).join(', ')} of network time (${w.scenario.workload.roundTrips} round trip${w.scenario.workload.roundTrips === 1 ? '' : 's'} per request) before any work is done; round trips are medians, the tail of the network is not modelled.`,
    );
  }
  const egressInside = rec.cost.breakdown.internetEgressUsdPerMonth !== undefined;
  const ownCost = rec.cost.usdPerMonth - (rec.cost.breakdown.internetEgressUsdPerMonth ?? 0);
  if (rec.cost.internetEgressUsdPerMonth > Math.max(ownCost, 1000)) {
    out.push(
      `Internet egress of the responses (${formatUsd(rec.cost.internetEgressUsdPerMonth)} a month, ${egressInside ? 'inside the monthly total (cost.includeEgress)' : 'kept out of the comparison'}) is larger than the design's own cost (${formatUsd(ownCost)}). Is a CDN in front planned? It changes the economics more than the choice of design.`,
    );
  }
  if (rec.kind === 'horizontal') {
    const ops = rec.cost.breakdown.operationsUsdPerMonth;
    out.push(
      `Operational load: ${rec.nodes} nodes over ${zonesAndRegions(rec)}${s.workload.workingSetBytes > 0 ? `, with the working set partitioned ${s.workload.replication} ways` : ''}${ops === undefined ? '' : `, priced at ${formatUsd(ops)} a month for people and tooling (${formatPercent(ops / rec.cost.usdPerMonth, 0)} of its cost)`}. Who owns deployment, rebalancing and the partitioning scheme?`,
    );
  }
  const changes = changeProcessRisk(s, r.architectures);
  if (changes !== null) out.push(changes);
  // facts, not targets: a target the team relaxes is a decision, an input that turns out different is a risk
  const near = (w.sensitivity?.inputs ?? [])
    .filter((i) => !i.path.startsWith('targets.'))
    .flatMap((i) =>
      i.flips
        .filter((f) => i.base !== 0 && Math.abs(f.value - i.base) / Math.abs(i.base) <= 0.1)
        .map((f) => `${i.label} ${f.display} (now ${i.displayBase})`),
    );
  if (near.length > 0) {
    out.unshift(
      `The recommendation is on a knife edge: it changes within 10% of today's value of ${near.join('; ')}. How sure are we of these inputs?`,
    );
  }
  if (r.uncertainty) {
    const i = r.architectures.indexOf(rec);
    const p = r.uncertainty.byArchitecture[i]?.probMeetsAll ?? 1;
    if (p < 0.9)
      out.push(
        `Over the uncertain inputs, ${rec.name} meets every target in only ${formatPercent(p, 0)} of samples. Which input would we measure first to narrow that?`,
      );
  }
  return out;
}

export function risksSection(w: WorksheetInput): Block[] {
  const list = risks(w);
  return [
    heading(2, '9. Risks and questions for reviewers'),
    list.length > 0
      ? numbered(list)
      : paragraph('None found by the model; reviewers should still ask about operations and failure testing.'),
  ];
}
