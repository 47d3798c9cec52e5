import { expect } from 'vitest';

export interface Tolerance {
  /** Relative tolerance: |actual - expected| <= rel * |expected|. */
  rel?: number;
  /** Absolute tolerance, for expected values at or near zero. */
  abs?: number;
}

/**
 * Compares two numbers with a named relative (and optional absolute) tolerance, and on failure prints both values,
 * the relative error and the tolerance (as stdlib-js does), instead of toBeCloseTo's decimal places, which mean
 * nothing for values far from 1.
 */
export function expectClose(actual: number, expected: number, tol: Tolerance, label = ''): void {
  const rel = tol.rel ?? 0;
  const abs = tol.abs ?? 0;
  const diff = Math.abs(actual - expected);
  const relErr = expected === 0 ? diff : diff / Math.abs(expected);
  const ok = Number.isFinite(actual) && (diff <= abs || diff <= rel * Math.abs(expected) || actual === expected);
  if (!ok) {
    expect.fail(
      `${label ? `${label}: ` : ''}expected ${expected}, got ${actual} (relative error ${relErr.toExponential(3)}, ` +
        `tolerance rel ${rel}${abs ? `, abs ${abs}` : ''})`,
    );
  }
  expect(ok).toBe(true);
}
