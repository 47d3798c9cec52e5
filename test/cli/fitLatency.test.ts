import { describe, expect, it } from 'vitest';
import { sampleService, serviceSampler } from '../../src/core/sim/requests.js';
import { streamFor } from '../../src/core/sim/rng.js';
import { expectClose } from '../helpers/expectClose.js';
import { cli, cliJson, expectRefused, tempFiles } from './fitHarness.js';

const PROM = 'test/fixtures/fit/api-latency.prom';
const K6 = 'test/fixtures/fit/k6-summary.json';
const { file } = tempFiles('capplan-fit-latency-');

describe('capplan fit latency', () => {
  it("a Prometheus histogram: the contract's fields, the mean exact from _sum/_count, the quantiles' buckets", async () => {
    const j = await cliJson(['fit', 'latency', PROM, '--series', 'handler="/api"', '--json']);
    for (const key of ['meanMs', 'cv', 'p50Ms', 'p99Ms', 'samples', 'method']) expect(j, key).toHaveProperty(key);
    expect(j.meanMs).toBe(31.25); // 312.5 s / 10000
    expect(j.samples).toBe(10000);
    // rank 9900 of 10000: 290 of the 340 in (0.1, 0.25]
    expectClose(j.p99Ms as number, 100 + (150 * 290) / 340, { rel: 1e-12 });
    expect(j.p99BucketMs).toEqual([100, 250]);
    expect(j.p99ErrorMs).toBe(150);
    expect(j.method).toMatch(/interpolation within their bucket/);
    expect((j.fitted as { distribution: string }).distribution).toMatch(/lognormal|gamma/);
  });

  it('--series takes a metric name with braces too, and the other series', async () => {
    const j = await cliJson([
      'fit',
      'latency',
      PROM,
      '--series',
      'http_request_duration_seconds{handler="/health"}',
      '--json',
    ]);
    expect(j.samples).toBe(500);
    expectClose(j.meanMs as number, 1.22, { rel: 1e-12 });
  });

  it('a CSV of samples: exact figures; the unit from the header or --unit', async () => {
    const rng = streamFor(3, 0);
    const sampler = serviceSampler({ distribution: 'lognormal', meanS: 0.05, cv: 1 });
    const xs = Array.from({ length: 20000 }, () => sampleService(sampler, rng) * 1000);
    const j = await cliJson(['fit', 'latency', file('s.csv', `latency_ms\n${xs.join('\n')}\n`), '--json']);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expectClose(j.meanMs as number, mean, { rel: 1e-12 });
    expect(j.samples).toBe(20000);
    expect(j.p99ErrorMs).toBe(0);
    const inSeconds = await cliJson([
      'fit',
      'latency',
      file('t.csv', `t\n${xs.map((x) => x / 1000).join('\n')}\n`),
      '--unit',
      's',
      '--json',
    ]);
    expectClose(inSeconds.p99Ms as number, j.p99Ms as number, { rel: 1e-12 });
    // JMeter's results: elapsed in ms
    const jm = await cliJson(['fit', 'latency', file('jm.csv', 'timeStamp,elapsed,label\n1,10,a\n2,30,a\n'), '--json']);
    expect(jm.meanMs).toBe(20);
  });

  it('a k6 summary export: mean, median and p(99) as k6 gave them, cv of the lognormal through them', async () => {
    const j = await cliJson(['fit', 'latency', K6, '--json']);
    expect(j.meanMs).toBe(41.2);
    expect(j.p50Ms).toBe(28.4);
    expect(j.p99Ms).toBe(231.9);
    expect(j.samples).toBe(48210);
    const sigma = Math.log(231.9 / 28.4) / 2.3263478740408408;
    expectClose(j.cv as number, Math.sqrt(Math.expm1(sigma * sigma)), { rel: 1e-9 });
    const r = await cli(['fit', 'latency', K6]);
    expect(r.stdout).toMatch(/p99\s+232 ms/);
  });

  it('refuses a histogram whose counts fall, without +Inf, or with _count unlike +Inf, naming the line', async () => {
    const falling = [
      'm_seconds_bucket{le="0.1"} 10',
      'm_seconds_bucket{le="0.2"} 8',
      'm_seconds_bucket{le="+Inf"} 12',
      'm_seconds_sum 1',
      'm_seconds_count 12',
    ].join('\n');
    await expectRefused(
      ['fit', 'latency', file('falling.prom', falling)],
      [
        /falling\.prom line 2: 8: expected a count >= 10 \(the bucket le="0\.1" on line 1\): bucket counts are cumulative and never fall/,
      ],
    );
    const noInf = ['m_seconds_bucket{le="0.1"} 10', 'm_seconds_bucket{le="0.2"} 12', 'm_seconds_sum 1'].join('\n');
    await expectRefused(
      ['fit', 'latency', file('noinf.prom', noInf)],
      [/noinf\.prom line 2: "m_seconds": expected a bucket le="\+Inf" for m_seconds/],
    );
    const count = [
      'm_seconds_bucket{le="0.1"} 10',
      'm_seconds_bucket{le="+Inf"} 12',
      'm_seconds_sum 1',
      'm_seconds_count 13',
    ].join('\n');
    await expectRefused(
      ['fit', 'latency', file('count.prom', count)],
      [/count\.prom line 4: 13: expected the \+Inf bucket's count 12 \(line 2\)/],
    );
    await expectRefused(
      ['fit', 'latency', file('nan.prom', 'm_seconds_bucket{le="0.1"} ten\nm_seconds_bucket{le="+Inf"} 12\n')],
      [/nan\.prom line 1: "ten": expected a number/],
    );
  });

  it('refuses an unknown or ambiguous series, listing the ones there are', async () => {
    await expectRefused(
      ['fit', 'latency', PROM, '--series', 'handler="/nope"'],
      [
        /^error: --series: "handler=\\"\/nope\\"": expected a series of .*api-latency\.prom: http_request_duration_seconds\{handler="\/api"/,
      ],
    );
    await expectRefused(
      ['fit', 'latency', PROM, '--series', 'method="GET"'],
      [/^error: --series: .*expected one series, not 2: add labels/],
    );
    await expectRefused(
      ['fit', 'latency', PROM],
      [/^error: --series: missing: expected one of the 2 histogram series/],
    );
  });

  it('refuses non-numeric and negative samples naming the line, a CSV without a unit, an empty file', async () => {
    await expectRefused(
      ['fit', 'latency', file('bad.csv', 'latency_ms\n12\nslow\n-3\n')],
      [
        /bad\.csv line 3, latency_ms: "slow": expected a latency >= 0/,
        /bad\.csv line 4, latency_ms: "-3": expected a latency >= 0/,
      ],
    );
    await expectRefused(
      ['fit', 'latency', file('nounit.csv', 'latency\n12\n')],
      [/nounit\.csv line 1, latency: "latency": expected a unit in the header .* or --unit ms\|s\|us/],
    );
    await expectRefused(
      ['fit', 'latency', file('empty.txt', '')],
      [/empty\.txt: "": expected a CSV of latency samples with a header row/],
    );
    await expectRefused(
      ['fit', 'latency', K6, '--series', 'http_req_blocked'],
      [/^error: --series: "http_req_blocked": expected a k6 trend metric of .*: http_req_duration, http_req_waiting/],
    );
  });
});
