import type { Instance } from '../../catalog/index.js';
import { loadCatalog } from '../../catalog/index.js';
import { analyzeQueue, type QueueResult } from '../../core/queueing/index.js';
import {
  type Availability,
  downtime,
  fleetAvailability,
  fromMtbfMttr,
  nines,
  series,
} from '../../core/reliability/index.js';
import {
  formatDowntime,
  formatDuration,
  formatNines,
  formatPercent,
  formatRate,
  formatUsd,
} from '../../units/format.js';
import type { ParsedArgs } from '../args.js';
import { type CliIo, EXIT } from '../io.js';

/**
 * `capplan` with no arguments: a short vertical-vs-horizontal comparison of one built-in example, computed with the
 * core models (queueing, k-of-n over zones, catalog prices). It is deliberately small: one region, a stateless
 * service, a fixed node size for the fleet. `capplan run` (scenario files) is the full comparison.
 */
const EXAMPLE = {
  name: 'A web API growing 80% a year (built-in example)',
  peakRatePerS: 1500,
  growthPerYear: 0.8,
  years: 2,
  serviceTimeS: 0.012,
  serviceTimeCv: 1.5,
  targetP99S: 0.25,
  targetAvailability: 0.9995,
  maxUtilization: 0.75,
  family: 'm7i',
  nodeSize: 'm7i.2xlarge',
  zones: 3,
  hoursPerMonth: 730,
} as const;

interface Design {
  label: string;
  instances: number;
  instance: Instance;
  queue: QueueResult;
  availability: Availability;
  usdPerMonth: number;
}

export async function run(_args: ParsedArgs, io: CliIo): Promise<number> {
  const catalog = loadCatalog();
  const e = EXAMPLE;
  const designRate = e.peakRatePerS * (1 + e.growthPerYear) ** e.years;
  const d = catalog.reliability.default;
  const node = fromMtbfMttr(d.node.mtbfS, d.node.mttrS);
  const zone = fromMtbfMttr(d.zone.mtbfS, d.zone.mttrS);
  const region = fromMtbfMttr(d.region.mtbfS, d.region.mttrS);
  const lb = catalog.reliability.loadBalancer.multiAz;

  const meets = (q: QueueResult) =>
    q.stable && q.utilization <= e.maxUtilization && (q.percentiles?.p99S ?? Number.POSITIVE_INFINITY) <= e.targetP99S;
  const queueFor = (servers: number, rate: number) =>
    analyzeQueue({ servers, arrivalRatePerS: rate, serviceTimeS: e.serviceTimeS, serviceTimeCv: e.serviceTimeCv });

  // Vertical: the smallest size of the family whose vCPUs carry the design rate within the targets.
  const sizes = catalog.families.get(e.family) ?? [];
  const box = sizes.find((s) => meets(queueFor(s.vcpu, designRate)));
  const vertical: Design | undefined = box && {
    label: `one ${box.name}`,
    instances: 1,
    instance: box,
    queue: queueFor(box.vcpu, designRate),
    availability: series([node, zone, region]),
    usdPerMonth: box.usdPerHour * e.hoursPerMonth,
  };

  // Horizontal: the fewest nodes that meet the targets (load split evenly), plus enough spares to lose a whole zone.
  const nodeType = catalog.instance(e.nodeSize) as Instance;
  let need = 1;
  while (!meets(queueFor(nodeType.vcpu, designRate / need))) need++;
  const perZone = Math.ceil(need / (e.zones - 1));
  const total = perZone * e.zones;
  const fleet = fleetAvailability({ nodes: total, need, node, zones: { count: e.zones, each: zone } });
  const horizontal: Design = {
    label: `${total} x ${nodeType.name}, ${e.zones} zones`,
    instances: total,
    instance: nodeType,
    queue: queueFor(nodeType.vcpu, designRate / total),
    availability: series([fleet, region, lb]),
    usdPerMonth: (total * nodeType.usdPerHour + catalog.networkCosts.loadBalancers.alb.usdPerHour) * e.hoursPerMonth,
  };

  const designs = [vertical, horizontal];
  const col = (f: (x: Design) => string) => designs.map((x) => (x ? f(x) : 'no size fits'));
  const rows: [string, ...string[]][] = [
    ['', 'vertical', 'horizontal'],
    ['design', ...col((x) => x.label)],
    ['cost per month', ...col((x) => formatUsd(x.usdPerMonth))],
    [
      'availability',
      ...col(
        (x) =>
          `${formatPercent(x.availability.availability)} (${formatNines(nines(x.availability.unavailability))} nines)`,
      ),
    ],
    ['downtime per year', ...col((x) => formatDowntime(downtime(x.availability.unavailability).perYearS))],
    ['p99 response', ...col((x) => formatDuration(x.queue.percentiles?.p99S ?? Number.NaN))],
    ['utilisation', ...col((x) => formatPercent(x.queue.utilization, 1))],
    [
      'meets targets',
      ...col((x) => {
        const missed = [
          x.availability.availability < e.targetAvailability ? 'availability' : '',
          (x.queue.percentiles?.p99S ?? 0) > e.targetP99S ? 'p99' : '',
        ].filter(Boolean);
        return missed.length === 0 ? 'yes' : `no: ${missed.join(', ')}`;
      }),
    ],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)) + 3);
  const table = rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('')
        .trimEnd(),
    )
    .join('\n');
  io.stdout.write(
    [
      e.name,
      `design rate ${formatRate(designRate)} (peak ${formatRate(e.peakRatePerS)} grown ${formatPercent(e.growthPerYear, 0)} a year for ${e.years} years); ` +
        `targets: p99 <= ${formatDuration(e.targetP99S)}, availability >= ${formatPercent(e.targetAvailability)}, utilisation <= ${formatPercent(e.maxUtilization, 0)}`,
      '',
      table,
      '',
      'Assumptions: one region, a stateless service, Poisson arrivals, independent node/zone/region failures',
      `(catalog defaults), the load split evenly over the fleet, which keeps enough spares to lose one zone.`,
      'capplan --help lists the calculators; capplan queue|availability|nines|rtt --help their flags.',
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
