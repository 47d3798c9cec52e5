import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expectClose.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { capplan, cli, cliJson, expectCliErrors, expectInputErrors } from './run.js';

describe('capplan queue', () => {
  it('gives the contract fields for M/M/c (lambda=9, mu=5, c=2: mean response 1.053 s, Gross & Harris example)', async () => {
    const j = await cliJson(['queue', '--servers', '2', '--rate', '9/s', '--service', '200 ms', '--json']);
    for (const key of [
      'model',
      'servers',
      'arrivalRatePerS',
      'serviceTimeMs',
      'utilization',
      'stable',
      'probWait',
      'meanWaitMs',
      'meanResponseMs',
      'meanInSystem',
      'p50Ms',
      'p90Ms',
      'p95Ms',
      'p99Ms',
      'p999Ms',
      'method',
    ]) {
      expect(j, key).toHaveProperty(key);
    }
    expect(j.model).toBe('M/M/2');
    expect(j.method).toBe('exact');
    expect(j.stable).toBe(true);
    expectClose(j.utilization as number, 0.9, { rel: 1e-12 });
    // W = 1/mu + C/(c mu - lambda) with C = 0.8526...: 1.0526 s
    expectClose(j.meanResponseMs as number, 1052.6315789473686, { rel: 1e-9 });
    expect(j.p50Ms as number).toBeLessThan(j.p99Ms as number);
  });

  it('reads rates and times in any unit: 72000/min is 1200/s, bare numbers are base units', async () => {
    const a = await cliJson(['queue', '--servers', '8', '--rate', '72000/min', '--service', '5 ms', '--json']);
    const b = await cliJson(['queue', '--servers', '8', '--rate', '1200', '--service', '0.005', '--json']);
    expect(a.arrivalRatePerS).toBe(1200);
    expectClose(a.p99Ms as number, b.p99Ms as number, { rel: 1e-12 });
  });

  it('names the approximation for M/G/c', async () => {
    const j = await cliJson([
      'queue',
      '--servers',
      '8',
      '--rate',
      '1280/s',
      '--service',
      '5ms',
      '--cv',
      '1.5',
      '--json',
    ]);
    expect(j.model).toBe('M/G/8');
    expect(j.method).toMatch(/Allen-Cunneen/);
  });

  it('returns an unstable queue as a result, not an error', async () => {
    const r = await cli(['queue', '--servers', '1', '--rate', '300/s', '--service', '5ms', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.stable).toBe(false);
    expect(j.utilization).toBe(1.5);
    for (const key of ['p50Ms', 'p99Ms', 'p999Ms', 'meanResponseMs', 'meanWaitMs']) expect(j[key]).toBeNull();
  });

  it('prints a readable summary without --json', async () => {
    const r = await cli(['queue', '--servers', '8', '--rate', '1280/s', '--service', '5ms']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/M\/M\/8 queue: exact/);
    expect(r.stdout).toMatch(/utilisation\s+80(\.0)?% of 8 servers/);
    expect(r.stdout).toMatch(/p99 [\d.]+ ms/);
  });

  it('reports every bad flag on its own line with exit code 2', async () => {
    await expectCliErrors(
      ['queue', '--servers', '0', '--rate', '5 kg', '--service', 'abc'],
      [
        /^error: --servers: "0": expected an integer/,
        /^error: --rate: "5 kg": expected a rate .*mass/,
        /^error: --service: "abc": expected a duration/,
      ],
    );
    await expectCliErrors(
      ['queue', '--rate', '1/s', '--service', '1s'],
      [/^error: --servers: missing: expected a value, e\.g\. --servers 8/],
    );
    await expectCliErrors(
      ['queue', '--servers', '2', '--rate', '1/s', '--service', '1s', '--fanot', '3'],
      [/--fanot.*did you mean --fanout\?/],
    );
    await expectCliErrors(
      ['queue', '--servers', '2.5', '--rate', '1/s', '--service', '1s'],
      [/--servers: "2.5": expected an integer/],
    );
  });

  it('refuses code in a value', async () => {
    await expectCliErrors(
      ['queue', '--servers', '2', '--rate', 'import("fs")', '--service', '1s'],
      [/^error: --rate: /],
    );
    await expectCliErrors(['queue', '--servers', '2', '--rate', 'f(x) = x', '--service', '1s'], [/^error: --rate: /]);
  });
});

describe('capplan availability', () => {
  it('2-of-3 nodes at 99% each is 0.999702 (3p^2 - 2p^3)', async () => {
    const j = await cliJson(['availability', '--nodes', '3', '--need', '2', '--node-availability', '99%', '--json']);
    expectClose(j.availability as number, 0.999702, { rel: 1e-12 });
    expectClose(j.unavailability as number, 0.000298, { rel: 1e-9 });
    expectClose(j.nines as number, -Math.log10(0.000298), { rel: 1e-9 });
    expectClose(j.downtimeMinutesPerYear as number, 0.000298 * 365.25 * 24 * 60, { rel: 1e-9 });
    expect(j.method).toMatch(/^exact/);
  });

  it('a single node is MTBF/(MTBF+MTTR); bare numbers are hours', async () => {
    const j = await cliJson(['availability', '--mtbf', '2000', '--mttr', '2', '--json']);
    expectClose(j.availability as number, 2000 / 2002, { rel: 1e-15 });
    expectClose(j.unavailability as number, 2 / 2002, { rel: 1e-15 });
  });

  it('a node behind a zone and a region is up only while all three are', async () => {
    const j = await cliJson([
      'availability',
      '--mtbf',
      '4380h',
      '--mttr',
      '2h',
      '--zones',
      '1',
      '--zone-mtbf',
      '8766h',
      '--zone-mttr',
      '4h',
      '--regions',
      '1',
      '--region-mtbf',
      '26298h',
      '--region-mttr',
      '8h',
      '--json',
    ]);
    const a = (4380 / 4382) * (8766 / 8770) * (26298 / 26306);
    expectClose(j.availability as number, a, { rel: 1e-12 });
  });

  it('checks that need <= nodes and that zone failure rates come with --zones', async () => {
    await expectCliErrors(
      ['availability', '--nodes', '2', '--need', '3', '--node-availability', '0.99'],
      [/^error: --need: 3: expected at most --nodes \(2\)/],
    );
    await expectCliErrors(
      ['availability', '--zones', '3', '--node-availability', '0.99'],
      [/--zone-mtbf/, /--zone-mttr/],
    );
    await expectCliErrors(
      ['availability', '--mtbf', '10 kg', '--mttr', '2h'],
      [/^error: --mtbf: "10 kg": expected a duration/],
    );
  });
});

describe('capplan nines', () => {
  it('99.99% allows 52m 35.76s a year (365.25-day year)', async () => {
    const j = await cliJson(['nines', '99.99%', '--json']);
    expectClose(j.downtimePerYear as number, 3155.76, { rel: 1e-12 });
    expectClose(j.nines as number, 4, { rel: 1e-12 });
    expect((await cli(['nines', '99.99%'])).stdout).toMatch(/per year\s+52m 35\.76s/);
  });

  it('keeps the digits of many nines typed as a decimal', async () => {
    const j = await cliJson(['nines', '0.999999999999', '--json']);
    expect(j.unavailability).toBe(1e-12);
    expect(j.nines).toBe(12);
  });

  it('accepts --nines and refuses both forms at once or a value out of range', async () => {
    const j = await cliJson(['nines', '--nines', '3.3', '--json']);
    expectClose(j.availability as number, 1 - 10 ** -3.3, { rel: 1e-15 });
    await expectCliErrors(['nines', '99%', '--nines', '2'], [/^error: --nines: .*either X or --nines/]);
    await expectCliErrors(['nines', '150%'], [/^error: X: "150%": expected a fraction/]);
    await expectCliErrors(['nines'], [/^error: X: missing/]);
  });
});

describe('capplan rtt', () => {
  it('uses the measured median RTT between catalog regions (Tokyo to us-east-1 about 149 ms)', async () => {
    const j = await cliJson(['rtt', 'ap-northeast-1', 'us-east-1', '--json']);
    expect(j.method).toBe('measured');
    expect(j.rttMs).toBe(149.3);
    expect(j.distanceKm as number).toBeGreaterThan(10_000);
  });

  it('estimates from distance for coordinates, including negative latitudes', async () => {
    const j = await cliJson(['rtt', '-33.92,18.42', '35.68,139.65', '--json']);
    expect(j.method).toBe('estimated');
    expect(j.rttMs as number).toBeGreaterThan((2 * (j.distanceKm as number)) / 200); // not faster than light in fibre
  });

  it('suggests the nearest region for a typo', async () => {
    await expectCliErrors(
      ['rtt', 'us-east1', 'eu-west-1'],
      [/^error: A: "us-east1": expected a catalog region \(did you mean us-east-1\?\)/],
    );
    await expectCliErrors(['rtt', '91,0', 'eu-west-1'], [/^error: A: "91,0": expected a latitude/]);
  });
});

describe('capplan (no arguments) and help', () => {
  it('prints a vertical vs horizontal comparison of the built-in example and exits 0', async () => {
    // a subprocess: the bin without a terminal
    const r = capplan([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kind\s+vertical\s+vertical/m);
    expect(r.stdout).toMatch(/horizontal/);
    expect(r.stdout).toMatch(/^cost \/ month\s+\$[\d,]+/m);
    expect(r.stdout).toMatch(/^Recommendation: /m);
    expect(r.stdout).toMatch(/availability/);
    expect(r.stdout).toMatch(/p99/);
  });

  it('capplan tui FILE reads the file as run does: a byte-order mark is fine, a syntax error names line and column', async () => {
    const dir = scratchDir('capplan-tui-file-');
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\ufeff${readFileSync('models/scenarios/internal-tool.json', 'utf8')}`);
    const r = await cli(['tui', bom]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Recommendation: /m);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "name": "x",\n  "workload": }\n');
    await expectCliErrors(['tui', broken], [/^error: .*broken\.json: line 3, column 15: expected valid JSON/]);
  });

  it('lists the commands, and each command its flags', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['queue', 'availability', 'nines', 'rtt']) expect(r.stdout).toContain(c);
    expect((await cli(['queue', '--help'])).stdout).toMatch(/--servers C/);
    expect((await cli(['help', 'availability'])).stdout).toMatch(/--node-availability A/);
  });

  it('names an unknown command and suggests the nearest', async () => {
    // a subprocess: the exit status, and no stack trace
    expectInputErrors(['queu'], [/^error: command: "queu": expected a capplan command \(did you mean queue\?\)/]);
  });
});
