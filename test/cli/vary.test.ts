// `capplan sweep`'s --vary and --steps (src/cli/vary.ts): the flag's form, its path and unit, the values swept, and
// the sweep engine's path errors named as the flag.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { asVaryFlag, parseVary, parseVaryValue, varyPath, varyValues } from '../../src/cli/vary.js';
import { sweepScenario } from '../../src/compare/sweep.js';
import { inputError } from '../helpers/inputError.js';

describe('--vary: the form, the path and the unit', () => {
  it('splits PATH=FROM..TO, and refuses other forms naming --vary', () => {
    expect(parseVary('workload.peakRate=100/s..100000/s')).toEqual({
      path: 'workload.peakRate',
      fromText: '100/s',
      toText: '100000/s',
    });
    expect(parseVary('targets.availability=99%..99.99%').toText).toBe('99.99%');
    for (const bad of ['workload.peakRate', 'workload.peakRate=100/s', '=1..2', 'x=1..', 'x=1...5', 'x=1..2..3']) {
      const message = inputError(() => parseVary(bad));
      expect(message, bad).toMatch(/^--vary: /);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('parses FROM and TO with the unit kind of the field', () => {
    expect(parseVaryValue('100/s', 'workload.peakRate')).toBe(100);
    expect(parseVaryValue('6000/min', 'workload.peakRate')).toBe(100);
    expect(parseVaryValue('50ms', 'targets.p99')).toBe(0.05);
    expect(parseVaryValue('1000h', 'reliability.node.mtbf')).toBe(3_600_000);
    expect(parseVaryValue('99%', 'targets.availability')).toBe(0.99);
    expect(parseVaryValue('99.99%', 'targets.availability')).toBe(0.9999);
    expect(parseVaryValue('2 TiB', 'workload.workingSet')).toBe(2 * 2 ** 40);
    expect(parseVaryValue('20000 USD/month', 'targets.budget')).toBe(20000);
    expect(parseVaryValue('12', 'architectures[3].nodes')).toBe(12);
    // a bare number is in the base unit, as in a scenario file
    expect(parseVaryValue('3600', 'reliability.node.mtbf')).toBe(3600);
  });

  it('a value of the wrong dimension is one line naming --vary and the expected dimension', () => {
    const m = inputError(() => parseVaryValue('50ms', 'workload.peakRate'));
    expect(m).toMatch(/^--vary: "50ms": expected a rate such as .*workload\.peakRate/);
    expect(inputError(() => parseVaryValue('100/s', 'targets.p99'))).toMatch(/expected a duration/);
    expect(inputError(() => parseVaryValue('1 GiB', 'targets.availability'))).toMatch(/expected a fraction/);
  });

  it('refuses a user share (the shares must add up to 100%) and non-numeric or unknown paths', () => {
    expect(inputError(() => varyPath('users[0].share'))).toMatch(/^--vary: "users\[0\]\.share": .*100%/);
    expect(inputError(() => varyPath('workload.consistency'))).toMatch(/^--vary: .*numeric scenario field/);
    expect(inputError(() => varyPath('workload.peakrate'))).toMatch(/did you mean workload\.peakRate\?/);
    expect(inputError(() => varyPath('name'))).toMatch(/^--vary/);
    expect(inputError(() => varyPath('workload..peakRate'))).toMatch(
      /^--vary: "workload\.\.peakRate": expected a field path such as workload\.peakRate \(PATH=FROM\.\.TO, /,
    );
  });

  it("names the sweep engine's path errors as --vary (a candidate that is not horizontal)", () => {
    const photo = JSON.parse(readFileSync('models/scenarios/photo-sharing-viral.json', 'utf8'));
    const sweep = () => sweepScenario(photo, 'architectures[0].nodes', [3, 30], loadCatalog());
    expect(inputError(sweep)).toMatch(/^sweep path: /);
    expect(inputError(() => asVaryFlag(sweep))).toMatch(/^--vary: .*horizontal candidate .*vertical/);
  });
});

describe('varyValues', () => {
  it('refuses fewer than 2 steps (naming --steps) and, with --log, an end <= 0 (naming --vary)', () => {
    expect(inputError(() => varyValues(1, 2, 1, false))).toMatch(/^--steps: 1: expected an integer from 2/);
    expect(inputError(() => varyValues(1, 2, 2.5, false))).toMatch(/^--steps/);
    expect(inputError(() => varyValues(0, 2, 5, true))).toMatch(/^--vary: .*> 0 with --log/);
    expect(inputError(() => varyValues(3, 3, 5, false))).toMatch(/^--vary: .*differ/);
  });

  it('gives the spaced values', () => {
    expect(varyValues(1, 100, 3, true)).toEqual([1, 10, 100]);
  });
});
