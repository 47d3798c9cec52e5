import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, gammaQuantile } from '../../../src/core/stats/chiSquare.js';
import { expectClose } from '../../helpers/expectClose.js';

const FIXTURE = JSON.parse(readFileSync(new URL('../../fixtures/fit/chi2.json', import.meta.url), 'utf8')) as {
  source: string;
  cases: { p: number; df: number; quantile: number }[];
};

describe('chiSquareQuantile', () => {
  it(`matches scipy.stats.chi2.ppf to 1e-10 relative (${FIXTURE.cases.length} cases, test/fixtures/fit/gen_chi2.py)`, () => {
    expect(FIXTURE.source).toMatch(/^scipy /);
    for (const c of FIXTURE.cases) {
      expectClose(chiSquareQuantile(c.p, c.df), c.quantile, { rel: 1e-10 }, `chi2.ppf(${c.p}, ${c.df})`);
    }
  });

  it('is the exponential quantile for 2 degrees of freedom: -2 ln(1 - p)', () => {
    for (const p of [1e-9, 0.05, 0.5, 0.95, 1 - 1e-9]) {
      expectClose(chiSquareQuantile(p, 2), -2 * Math.log1p(-p), { rel: 1e-12 });
    }
  });

  it('gives 0 at p = 0 and refuses p outside [0, 1) and a shape <= 0', () => {
    expect(gammaQuantile(0, 3)).toBe(0);
    expect(() => gammaQuantile(1, 3)).toThrow(RangeError);
    expect(() => gammaQuantile(0.5, 0)).toThrow(RangeError);
  });
});
