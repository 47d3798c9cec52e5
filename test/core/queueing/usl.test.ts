import { describe, expect, it } from 'vitest';
import { uslCapacity, uslPeakN, uslThroughput } from '../../../src/core/queueing/index.js';
import { expectClose } from '../../helpers/expectClose.js';

// Universal Scalability Law, Gunther 2007, Guerrilla Capacity Planning, eqs. 4.31 and 4.33.
describe('Universal Scalability Law', () => {
  it('C(1) = 1; linear when sigma = kappa = 0; Amdahl when kappa = 0', () => {
    expect(uslCapacity(1, { sigma: 0.3, kappa: 0.01 })).toBe(1);
    expect(uslCapacity(64, { sigma: 0, kappa: 0 })).toBe(64);
    // Amdahl's law: N / (1 + sigma (N - 1)), bounded by 1 / sigma.
    expectClose(uslCapacity(16, { sigma: 0.05, kappa: 0 }), 16 / 1.75, { rel: 1e-15 }, 'Amdahl N=16');
    expect(uslCapacity(1e9, { sigma: 0.05, kappa: 0 })).toBeLessThan(20);
    expectClose(uslCapacity(1e12, { sigma: 0.05, kappa: 0 }), 20, { rel: 1e-9 }, 'Amdahl limit 1/sigma');
  });

  it('worked value: sigma = 0.1, kappa = 0.01, N = 10 gives 10 / (1 + 0.9 + 0.9) = 3.5714...', () => {
    expectClose(uslCapacity(10, { sigma: 0.1, kappa: 0.01 }), 10 / 2.8, { rel: 1e-15 }, 'C(10)');
    expectClose(uslThroughput(10, 250, { sigma: 0.1, kappa: 0.01 }), 2500 / 2.8, { rel: 1e-15 }, 'X(10)');
  });

  it('N* = sqrt((1 - sigma) / kappa) is the maximiser (checked against a fine grid)', () => {
    for (const p of [
      { sigma: 0.1, kappa: 0.01 },
      { sigma: 0.02, kappa: 0.0001 },
      { sigma: 0.5, kappa: 0.5 },
    ]) {
      const nStar = uslPeakN(p);
      expectClose(nStar, Math.sqrt((1 - p.sigma) / p.kappa), { rel: 1e-15 }, 'formula');
      const peak = uslCapacity(nStar, p);
      for (const f of [0.9, 0.99, 0.999, 1.001, 1.01, 1.1]) expect(uslCapacity(nStar * f, p)).toBeLessThan(peak);
    }
    expect(uslPeakN({ sigma: 0.1, kappa: 0 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('retrograde: capacity falls beyond N*', () => {
    const p = { sigma: 0.05, kappa: 0.001 };
    const n = uslPeakN(p);
    expect(uslCapacity(4 * n, p)).toBeLessThan(uslCapacity(n, p));
  });

  it('validates its arguments', () => {
    expect(() => uslCapacity(0, { sigma: 0, kappa: 0 })).toThrow(/n must be/);
    expect(() => uslCapacity(Number.NaN, { sigma: 0, kappa: 0 })).toThrow(/n must be/);
    expect(() => uslCapacity(2, { sigma: -0.1, kappa: 0 })).toThrow(/sigma/);
    expect(() => uslCapacity(2, { sigma: 1.1, kappa: 0 })).toThrow(/sigma/);
    expect(() => uslCapacity(2, { sigma: 0.1, kappa: -1 })).toThrow(/kappa/);
    expect(() => uslPeakN({ sigma: 0.1, kappa: Number.NaN })).toThrow(/kappa/);
    expect(() => uslThroughput(2, -5, { sigma: 0.1, kappa: 0 })).toThrow(/lambda1PerS/);
  });
});
