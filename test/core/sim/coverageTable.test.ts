// The full coverage table of the simulator's 95% intervals (issue 14; README "Honest intervals"): for the issue's
// seven cases and the heavier runs that do not warn, how often over 100 seeds the reported interval contains the exact
// M/M/c mean response and p99, the mean bias, the median half-width, and whether the plan warned. About 3 minutes on
// one core, so it runs only when asked:
//   npm run coverage        (COVERAGE_TABLE=1 npx vitest run test/core/sim/coverageTable.test.ts)
// SEEDS=... sets the seeds (default 100).
import { expect, it } from 'vitest';
import { analyzeQueue } from '../../../src/core/queueing/index.js';
import { intervalWarnings, planChunks, simulateRequests } from '../../../src/core/sim/requests.js';

const CASES = [
  { c: 1, rho: 0.5, customers: 1_000_000 },
  { c: 8, rho: 0.8, customers: 100_000 },
  { c: 32, rho: 0.95, customers: 100_000 },
  { c: 32, rho: 0.95, customers: 1_000_000 },
  { c: 1, rho: 0.95, customers: 100_000 },
  { c: 1, rho: 0.99, customers: 20_000 },
  { c: 1, rho: 0.99, customers: 1_000_000 },
  // what the warnings ask for, where it is affordable
  { c: 8, rho: 0.8, customers: 150_000 },
  { c: 32, rho: 0.95, customers: 3_000_000 },
  { c: 1, rho: 0.95, customers: 3_000_000 },
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

it.runIf(process.env.COVERAGE_TABLE === '1')(
  'coverage of the 95% intervals over seeds (table)',
  () => {
    const seeds = Number(process.env.SEEDS ?? 100);
    const rows: string[] = [
      '| case | customers | warns | mean coverage | mean bias | mean half-width | p99 coverage | p99 bias | p99 half-width |',
      '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const k of CASES) {
      const serviceS = 0.001;
      const rate = (k.rho * k.c) / serviceS;
      const q = analyzeQueue({ servers: k.c, arrivalRatePerS: rate, serviceTimeS: serviceS });
      const exactMean = q.meanResponseS as number;
      const exactP99 = q.percentiles?.p99S as number;
      const config = {
        nodes: 1,
        serversPerNode: k.c,
        service: { distribution: 'exponential' as const, meanS: serviceS, cv: 1 },
        arrivals: { kind: 'poisson' as const, ratePerS: rate },
        balancer: 'random' as const,
        fanout: 1,
        groups: [],
      };
      let mean = 0;
      let p99 = 0;
      const bm: number[] = [];
      const bp: number[] = [];
      const hm: number[] = [];
      const hp: number[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const s = simulateRequests(config, k.customers, seed, k.rho);
        const [ml, mh] = s.ci95.meanResponseS;
        const [pl, ph] = s.ci95.p99S;
        if (ml <= exactMean && exactMean <= mh) mean += 1;
        if (pl <= exactP99 && exactP99 <= ph) p99 += 1;
        bm.push(s.meanResponseS / exactMean - 1);
        bp.push(s.p99S / exactP99 - 1);
        hm.push((mh - ml) / 2 / exactMean);
        hp.push((ph - pl) / 2 / exactP99);
      }
      const warns = intervalWarnings(planChunks(k.customers, k.rho)).length > 0;
      const avg = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
      rows.push(
        `| c = ${k.c}, rho ${k.rho} | ${k.customers.toLocaleString('en-US')} | ${warns ? 'yes' : 'no'} | ${(mean / seeds).toFixed(2)} | ${pct(avg(bm))} | ${pct(median(hm))} | ${(p99 / seeds).toFixed(2)} | ${pct(avg(bp))} | ${pct(median(hp))} |`,
      );
      console.log(rows.at(-1));
    }
    console.log(`\n${seeds} seeds per case (median half-widths, relative to the exact value)\n${rows.join('\n')}`);
    expect(rows.length).toBe(CASES.length + 2);
  },
  3_600_000,
);
