// `capplan queue --simulate` as a user runs it: the simulated block of the contract, identical output whatever the
// number of worker threads (the built dist/simWorker.js runs the chunks), and one-line errors.
import { describe, expect, it } from 'vitest';
import { capplanJson, cli, cliJson, expectCliErrors } from './run.js';

const base = ['queue', '--servers', '8', '--rate', '1280/s', '--service', '5ms', '--json'];

describe('capplan queue --simulate', () => {
  it('adds simulated figures with 95% intervals that contain the exact M/M/8 mean and p99', async () => {
    const r = await cliJson([...base, '--simulate', '400000', '--seed', '7']);
    const s = r.simulated as Record<string, unknown> & { ci95: { meanResponseMs: number[]; p99Ms: number[] } };
    expect(s.customers).toBe(400000);
    expect(s.seed).toBe(7);
    for (const key of ['meanResponseMs', 'p50Ms', 'p99Ms', 'p999Ms']) expect(typeof s[key]).toBe('number');
    const [lo, hi] = s.ci95.meanResponseMs as [number, number];
    expect(r.meanResponseMs as number).toBeGreaterThanOrEqual(lo);
    expect(r.meanResponseMs as number).toBeLessThanOrEqual(hi);
    const [plo, phi] = s.ci95.p99Ms as [number, number];
    expect(r.p99Ms as number).toBeGreaterThanOrEqual(plo);
    expect(r.p99Ms as number).toBeLessThanOrEqual(phi);
  });

  it('gives byte-identical output with 1, 2 and 3 worker threads', async () => {
    const out = async (threads: string) => (await cli([...base, '--simulate', '200000', '--threads', threads])).stdout;
    const one = await out('1');
    expect(one).toContain('"simulated"');
    expect(await out('2')).toBe(one);
    expect(await out('3')).toBe(one);
  });

  it('another seed gives other samples', async () => {
    // subprocesses: the simulation's worker threads started by the bin itself
    const a = capplanJson([...base, '--simulate', '20000', '--seed', '1']).simulated as { meanResponseMs: number };
    const b = capplanJson([...base, '--simulate', '20000', '--seed', '2']).simulated as { meanResponseMs: number };
    expect(a.meanResponseMs).not.toBe(b.meanResponseMs);
  });

  it('an unstable queue is not simulated, and says why', async () => {
    const r = await cliJson([
      'queue',
      '--servers',
      '1',
      '--rate',
      '300/s',
      '--service',
      '5ms',
      '--json',
      '--simulate',
      '1000',
    ]);
    expect(r.stable).toBe(false);
    expect((r.simulated as { skipped: string }).skipped).toMatch(/unstable/);
  });

  it('bursty arrivals (MMPP with mean rate R): the simulated p99 is far above the exact Poisson p99, and says why', async () => {
    const r = await cliJson([
      ...base,
      ...['--simulate', '200000', '--burst-factor', '3', '--burst-share', '10%', '--burst-length', '200ms'],
    ]);
    const s = r.simulated as { bursts: unknown; ci95: { p99Ms: number[] }; method: string };
    expect(s.bursts).toEqual({ factor: 3, share: 0.1, lengthS: 0.2 });
    // in a burst 3 x 1280 / 1.2 = 3200/s arrive at a capacity of 1600/s: each burst builds a backlog
    expect(s.ci95.p99Ms[0] as number).toBeGreaterThan(3 * (r.p99Ms as number));
    expect(s.method).toMatch(/bursty arrivals \(MMPP: 3x the base rate for 10\.0% of the time/);
    // a burst factor next to 1 is Poisson again: the exact p99 lies in the interval
    const calm = (
      await cliJson([
        ...base,
        ...['--simulate', '400000', '--seed', '7', '--burst-factor', '1.000001', '--burst-share', '50%'],
        ...['--burst-length', '1s'],
      ])
    ).simulated as { ci95: { p99Ms: number[] } };
    expect(r.p99Ms as number).toBeGreaterThanOrEqual(calm.ci95.p99Ms[0] as number);
    expect(r.p99Ms as number).toBeLessThanOrEqual(calm.ci95.p99Ms[1] as number);
  });

  it('bursts far shorter than the gaps between requests are simulated as Poisson, and the method says so', async () => {
    const r = await cliJson([
      ...base,
      ...['--simulate', '20000', '--burst-factor', '1000', '--burst-share', '99.999999%', '--burst-length', '1ns'],
    ]);
    expect((r.simulated as { method: string }).method).toMatch(
      /bursts of 1 ns average out against the gaps between requests .* simulated as Poisson at --rate/,
    );
  });

  it('the burst flags go together, in range; simulation flags need --simulate', async () => {
    await expectCliErrors(
      [...base, '--simulate', '1000', '--burst-factor', '1', '--burst-share', '100%'],
      [
        /^error: --burst-factor: "1": expected a number > 1/,
        /^error: --burst-share: "100%": expected a fraction > 0 and < 1/,
        /^error: --burst-length: "": expected a value as well: the burst flags \(--burst-factor, --burst-share\) go together/,
      ],
    );
    await expectCliErrors(
      [...base, '--seed', '3', '--burst-length', '2s'],
      [
        /^error: --seed: "3": expected --simulate N as well/,
        /^error: --burst-length: "2s": expected --simulate N as well/,
      ],
    );
  });

  it('bad simulation flags are one-line errors, exit 2', async () => {
    const r = await cli([...base, '--simulate', '0', '--dist', 'weibull', '--threads', 'x']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^error: --simulate: "0": expected/);
    expect(r.stderr).toMatch(/--dist: "weibull": expected one of exponential, deterministic, gamma, lognormal/);
    expect(r.stderr).toMatch(/--threads: "x": expected/);
    const e = await cli([...base, '--simulate', '1000', '--dist', 'exponential', '--cv', '2']);
    expect(e.stderr).toMatch(/--dist: "exponential": expected a distribution that can have cv 2/);
  });
});
