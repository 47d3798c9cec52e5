import { describe, expect, it } from 'vitest';
import { fitFailures } from '../../../src/core/fit/failures.js';
import { expectClose } from '../../helpers/expectClose.js';

const H = 3600;

describe('fitFailures', () => {
  it('gives T/r, the mean repair and the chi-square interval (scipy reference values)', () => {
    // 5 incidents of 2 h in a 8760 h window: T = 8750 h up
    const incidents = [100, 2000, 4000, 6000, 8000].map((h) => ({ startS: h * H, endS: (h + 2) * H }));
    const f = fitFailures(incidents, 0, 8760 * H);
    expect(f.failures).toBe(5);
    expect(f.observedHours).toBe(8760);
    expect(f.upHours).toBe(8750);
    expectClose(f.mtbfHours as number, 1750, { rel: 1e-15 });
    expectClose(f.mttrHours as number, 2, { rel: 1e-15 });
    // python3: from scipy.stats import chi2; T = 8750; 2*T/chi2.ppf(0.95, 12), 2*T/chi2.ppf(0.05, 10)
    expectClose(f.ci90.mtbfHours[0], 832.3000994436363, { rel: 1e-10 });
    expectClose(f.ci90.mtbfHours[1] as number, 4441.287170201084, { rel: 1e-10 });
  });

  it('with no failure gives only a lower bound: 2T/chi2(0.95; 2) (scipy: 2924.1598380911278 for T = 8760 h)', () => {
    const f = fitFailures([], 0, 8760 * H);
    expect(f.mtbfHours).toBeNull();
    expect(f.mttrHours).toBeNull();
    expectClose(f.ci90.mtbfHours[0], 2924.1598380911278, { rel: 1e-10 });
    expect(f.ci90.mtbfHours[1]).toBeNull();
  });

  it('counts overlapping incidents once in the up time, each in the MTTR', () => {
    const f = fitFailures(
      [
        { startS: 10 * H, endS: 14 * H },
        { startS: 12 * H, endS: 16 * H },
      ],
      0,
      100 * H,
    );
    expect(f.upHours).toBe(94);
    expect(f.mttrHours).toBe(4);
    expect(f.mtbfHours).toBe(47);
  });

  it('does not depend on the order of the incidents', () => {
    const a = [
      { startS: 5, endS: 9 },
      { startS: 1, endS: 2 },
      { startS: 20, endS: 30 },
    ];
    expect(fitFailures(a, 0, 100)).toEqual(fitFailures([...a].reverse(), 0, 100));
  });

  it('throws a RangeError on an empty window, an incident outside it or one ending before its start', () => {
    expect(() => fitFailures([], 5, 5)).toThrow(RangeError);
    expect(() => fitFailures([{ startS: 1, endS: 200 }], 0, 100)).toThrow(RangeError);
    expect(() => fitFailures([{ startS: 9, endS: 3 }], 0, 100)).toThrow(RangeError);
  });
});
