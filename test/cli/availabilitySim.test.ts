// `capplan availability --simulate-years Y [--seed S]`: the Monte Carlo check beside the exact figure (contract:
// simulated: { years, seed, availability, ci95: [lo, hi], ... }). High failure rates (node MTBF 100 h, MTTR 10 h)
// so that 200 simulated years see thousands of outages.
import { describe, expect, it } from 'vitest';
import { capplan, cli, cliJson, expectCliErrors } from './run.js';

const FLEET = [
  'availability',
  '--nodes',
  '3',
  '--need',
  '2',
  '--mtbf',
  '100h',
  '--mttr',
  '10h',
  '--zones',
  '3',
  '--zone-mtbf',
  '500h',
  '--zone-mttr',
  '20h',
];

interface Simulated {
  years: number;
  seed: number;
  availability: number;
  unavailability: number;
  ci95: [number, number];
  downEvents: number;
  tooRare: boolean;
  method: string;
  observedUnavailability?: number;
}

describe('capplan availability --simulate-years', () => {
  it('adds simulated { years, seed, availability, ci95, unavailability, downEvents, method } around the exact figure', async () => {
    const j = await cliJson([...FLEET, '--simulate-years', '200', '--json']);
    const s = j.simulated as Simulated;
    expect(s.years).toBe(200);
    expect(s.seed).toBe(1);
    expect(s.tooRare).toBe(false);
    expect(s.downEvents).toBeGreaterThan(1000);
    expect(s.ci95[0]).toBeLessThanOrEqual(s.availability);
    expect(s.availability).toBeLessThanOrEqual(s.ci95[1]);
    expect(s.unavailability).toBeCloseTo(1 - s.availability, 12);
    // the exact figure lies inside the simulated 95% interval (fixed seed)
    expect(s.ci95[0]).toBeLessThanOrEqual(j.availability as number);
    expect(j.availability as number).toBeLessThanOrEqual(s.ci95[1]);
    expect(s.method).toMatch(/^Monte Carlo/);
    expect(s.method).toMatch(/Student t with 19 degrees of freedom/);
    // the exact fields are those of the command without the flag
    const exact = await cliJson([...FLEET, '--json']);
    expect({ ...j, simulated: undefined }).toEqual({ ...exact, simulated: undefined });
    expect(exact).not.toHaveProperty('simulated');
  });

  it('same seed: byte-identical output; another seed: another estimate', async () => {
    // the first in a subprocess (the bin as a user runs it), the second in-process: the same bytes
    const a = capplan([...FLEET, '--simulate-years', '50', '--seed', '7', '--json']);
    const b = await cli([...FLEET, '--simulate-years', '50', '--seed', '7', '--json']);
    const c = await cli([...FLEET, '--simulate-years', '50', '--seed', '8', '--json']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const sa = JSON.parse(a.stdout).simulated as Simulated;
    const sc = JSON.parse(c.stdout).simulated as Simulated;
    expect(sa.seed).toBe(7);
    expect(sc.availability).not.toBe(sa.availability);
  });

  it('prints the simulated figure and its interval in the text output', async () => {
    const r = await cli([...FLEET, '--simulate-years', '100']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /simulated\s+[\d.]+% \(95% interval [\d.]+% to [\d.]+%\) over 100 years, seed 1, \d+ down events/,
    );
    expect((await cli(FLEET)).stdout).not.toMatch(/simulated/);
  });

  it('too rare to estimate: keeps the exact availability, says so in method and text', async () => {
    const args = ['availability', '--mtbf', '1000000h', '--mttr', '1h', '--simulate-years', '1'];
    const j = await cliJson([...args, '--json']);
    const s = j.simulated as Simulated;
    expect(s.tooRare).toBe(true);
    expect(s.downEvents).toBeLessThan(10);
    expect(s.availability).toBe(j.availability);
    expect(s.unavailability).toBe(j.unavailability);
    expect(s.observedUnavailability).toBeDefined();
    expect(s.method).toMatch(/too rare to estimate, report the exact figure instead/);
    expect((await cli(args)).stdout).toMatch(/simulated\s+too rare to estimate: \d+ down events? in 1 year, seed 1/);
  });

  it('a node given as an availability is simulated with a stated MTTR', async () => {
    const j = await cliJson([
      'availability',
      '--nodes',
      '3',
      '--need',
      '2',
      '--node-availability',
      '90%',
      '--simulate-years',
      '20',
      '--json',
    ]);
    const s = j.simulated as Simulated;
    expect(s.method).toMatch(/MTTR 1 h and MTBF = MTTR A \/ \(1 - A\)/);
    expect(s.ci95[0]).toBeLessThanOrEqual(j.availability as number);
    expect(j.availability as number).toBeLessThanOrEqual(s.ci95[1]);
  });

  it('refuses bad values with exit 2 and one line per problem', async () => {
    await expectCliErrors(
      [...FLEET, '--simulate-years', '0'],
      [/^error: --simulate-years: "0": expected a number > 0/],
    );
    await expectCliErrors(
      [...FLEET, '--simulate-years', 'ten', '--seed', '1.5'],
      [/^error: --simulate-years: "ten": expected a number/, /^error: --seed: "1.5": expected an integer/],
    );
    await expectCliErrors(
      [...FLEET, '--seed', '-3', '--simulate-years', '10'],
      [/^error: --seed: "-3": expected an integer/],
    );
    await expectCliErrors([...FLEET, '--seed', '3'], [/^error: --seed: "3": expected --simulate-years Y as well/]);
    await expectCliErrors(
      [...FLEET, '--simulate-years', '1e9'],
      [/^error: --simulate-years: "1e9": expected at most \d+ years/],
    );
    await expectCliErrors([...FLEET, '--simulate-years'], [/^error: --simulate-years: missing: expected a value/]);
  });

  it('--repair-crews 1: repairs queue, so the simulated availability falls below the exact figure (which assumes a crew per node)', async () => {
    const j = await cliJson([...FLEET, '--simulate-years', '200', '--repair-crews', '1', '--json']);
    const s = j.simulated as Simulated & { repairCrews: number };
    expect(s.repairCrews).toBe(1);
    expect(s.ci95[1]).toBeLessThan(j.availability as number);
    expect(s.method).toMatch(/at most 1 node repair at once/);
    expect((await cli([...FLEET, '--simulate-years', '200', '--repair-crews', '1'])).stdout).toMatch(/1 repair crew/);
  });

  it('--weibull-shape: the long-run availability stays MTBF / (MTBF + MTTR) per component, so the exact figure stands', async () => {
    const j = await cliJson([...FLEET, '--simulate-years', '400', '--weibull-shape', '0.6', '--json']);
    const s = j.simulated as Simulated & { weibullShape: number };
    expect(s.weibullShape).toBe(0.6);
    expect(s.method).toMatch(/Weibull up times \(shape 0\.6, mean = MTBF\)/);
    expect(s.ci95[0]).toBeLessThanOrEqual(j.availability as number);
    expect(j.availability as number).toBeLessThanOrEqual(s.ci95[1]);
  });

  it('refuses bad --weibull-shape and --repair-crews, and either without --simulate-years', async () => {
    await expectCliErrors(
      [...FLEET, '--simulate-years', '10', '--weibull-shape', '0', '--repair-crews', '0.5'],
      [/^error: --weibull-shape: "0": expected a number/, /^error: --repair-crews: "0.5": expected an integer/],
    );
    await expectCliErrors(
      [...FLEET, '--weibull-shape', '2', '--repair-crews', '1'],
      [
        /^error: --weibull-shape: "2": expected --simulate-years Y as well/,
        /^error: --repair-crews: "1": expected --simulate-years Y as well/,
      ],
    );
  });

  it('lists the flags in the help', async () => {
    const help = (await cli(['availability', '--help'])).stdout;
    expect(help).toMatch(/--simulate-years Y/);
    expect(help).toMatch(/--seed S/);
    expect(help).toMatch(/--weibull-shape K/);
    expect(help).toMatch(/--repair-crews N/);
  });
});
