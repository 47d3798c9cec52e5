// Measures how far the analytic p99 of a system of tiers (the sum of independent calls) lies from the walk's
// simulated p99, for the exponential systems of tierSystems.ts: 1,000,000 requests x seeds 1-8 each (about a minute
// on 2 cores), so it runs only when asked: MEASURE=1 npx vitest run test/core/sim/tiersMeasure.test.ts
// (REQUESTS=... and SEEDS=... change the size). The figures printed are those quoted in tierSystems.ts MEASURED and in
// the simulated method (src/simWorkers/scenario.ts TIERS_MEASURED_NOTE).
import { it } from 'vitest';
import { exponentialSystem, SYSTEM_NAMES, simulateSystem } from './tierSystems.js';

it.runIf(process.env.MEASURE === '1')(
  'analytic against simulated p99, exponential tiers',
  () => {
    const requests = Number(process.env.REQUESTS ?? 1_000_000);
    const seeds = Number(process.env.SEEDS ?? 8);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    for (const name of SYSTEM_NAMES) {
      const { config, analyticP99S } = exponentialSystem(name);
      const errors: number[] = [];
      const lines: string[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const s = simulateSystem(config, requests, seed);
        errors.push((analyticP99S - s.p99S) / s.p99S);
        lines.push(
          `  seed ${seed}: simulated ${(s.p99S * 1000).toFixed(3)} ms [${(s.ci95.p99S[0] * 1000).toFixed(3)}, ${(s.ci95.p99S[1] * 1000).toFixed(3)}]`,
        );
      }
      const mean = errors.reduce((a, x) => a + x, 0) / errors.length;
      console.log(
        `${name}: analytic ${(analyticP99S * 1000).toFixed(3)} ms; (analytic - simulated) / simulated: mean ${pct(mean)}, from ${pct(Math.min(...errors))} to ${pct(Math.max(...errors))}\n${lines.join('\n')}`,
      );
    }
  },
  1_200_000,
);
