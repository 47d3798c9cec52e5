// Systems of tiers (issue 13) at the command line, as a user runs it (the built command): the bad inputs of the issue's
// Proof exit 2 with one line naming the field, and a valid tiered scenario is compared by run, worksheet, sweep and
// --jsonl alike; `capplan schema` describes the new fields.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratchDir.js';
import { tieredScenario } from '../scenario/example.js';
import { cli, cliJson, expectCliErrors } from './run.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary places of an untyped JSON copy
type Json = Record<string, any>;

const dir = scratchDir('capplan-tiers-');

/** The tiered example with one change, written to a file; its path. */
function file(name: string, change: (s: Json) => void = () => {}): string {
  const s = tieredScenario();
  change(s);
  const f = join(dir, `${name}.json`);
  writeFileSync(f, JSON.stringify(s));
  return f;
}

/** A regular expression matching exactly `line`. */
const exactly = (line: string) => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('capplan run: bad tiers, one line naming the field, exit 2', () => {
  it('an unknown tier in a candidate', async () => {
    const f = file('unknown-tier', (s) => (s.architectures[1].tiers.queue = { kind: 'vertical', family: 'm7i' }));
    await expectCliErrors(
      ['run', f],
      [exactly("error: architectures[1].tiers.queue: unknown tier (the scenario's tiers: app, cache, db)")],
    );
  });

  it('a cache with no tier after it', async () => {
    const f = file('cache-last', (s) => {
      s.tiers.pop();
      s.architectures.pop();
    });
    await expectCliErrors(
      ['run', f],
      [
        exactly(
          'error: tiers[1].role: "cache": expected a tier after a cache tier (a cache passes its misses on to the next tier, and tiers[1] is the last)',
        ),
      ],
    );
  });

  it('calls per request below 0 or above 10,000', async () => {
    for (const calls of [-1, 10001]) {
      const f = file(`calls${calls}`, (s) => (s.tiers[2].callsPerRequest = calls));
      await expectCliErrors(
        ['run', f],
        [exactly(`error: tiers[2].callsPerRequest: ${calls}: expected an integer >= 0 and <= 10000`)],
      );
    }
  });

  it('a hit ratio outside [0, 1]', async () => {
    const f = file('hit', (s) => (s.tiers[1].hitRatio = '120%'));
    await expectCliErrors(
      ['run', f],
      [exactly('error: tiers[1].hitRatio: "120%": expected a fraction between 0 and 1 (got 1.2)')],
    );
    const g = file('hit-negative', (s) => (s.tiers[1].hitRatio = -0.5));
    await expectCliErrors(['run', g], [exactly('error: tiers[1].hitRatio: -0.5: expected a fraction between 0 and 1')]);
  });

  it('workload.serviceTime beside tiers names both', async () => {
    const f = file('both', (s) => (s.workload.serviceTime = '12 ms'));
    await expectCliErrors(
      ['run', f],
      [
        exactly(
          'error: workload.serviceTime: "12 ms": expected no workload.serviceTime when the scenario gives tiers (workload.serviceTime and tiers are mutually exclusive: each tier has its own serviceTime)',
        ),
      ],
    );
  });
});

describe('a valid tiered scenario is compared: run, worksheet, sweep and --jsonl answer it (exit 0)', () => {
  const f = file('valid');

  it('run: every candidate with its tiers, the end-to-end figures and the network between the tiers', async () => {
    const r = (await cliJson(['run', f, '--analytic'])) as Json;
    expect(r.architectures.map((a: Json) => a.name)).toStrictEqual(['one box', 'app out, db up']);
    for (const a of r.architectures) {
      expect(a.tiers.map((t: Json) => t.name)).toStrictEqual(['app', 'cache', 'db']);
      expect(a.latency.p99Ms).toBeGreaterThan(0);
      expect(a.latency.interTierMs).toBeGreaterThanOrEqual(0);
    }
    expect(r.architectures[1].latency.interTierMs).toBeGreaterThan(0);
  });

  it('worksheet: the tiers of the scenario and of each candidate', async () => {
    const r = await cli(['worksheet', f, '--analytic']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**The service as a system of tiers**');
    expect(r.stdout).toContain('### The tiers of each candidate');
  });

  it('sweep of a tier field: one row per step and candidate', async () => {
    const r = await cli(['sweep', f, '--vary', 'tiers.cache.hitRatio=0.5..0.95', '--steps', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1 + 3 * 2);
  });

  it('a sweep of a tier the scenario does not have names --vary', async () => {
    await expectCliErrors(
      ['sweep', f, '--vary', 'tiers.dbb.serviceTime=1ms..4ms', '--steps', '3'],
      [exactly('error: --vary: "tiers.dbb.serviceTime": expected a tier of the scenario (its tiers: app, cache, db)')],
    );
  });

  it('run --jsonl answers a tiered line with its result and goes on', async () => {
    const r = await cli(['run', '-', '--jsonl', '--analytic'], `${JSON.stringify(tieredScenario())}\n{}\n`);
    expect(r.code).toBe(0);
    const [first, second] = r.stdout
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x));
    expect(first.architectures[1].tiers).toHaveLength(3);
    expect(second.line).toBe(2);
    expect(second.error).toBeDefined();
  });
});

describe('capplan schema scenario', () => {
  it('describes tiers and per-tier designs; workload.serviceTime is no longer required by the JSON Schema', async () => {
    const schema = (await cliJson(['schema', 'scenario'])) as Json;
    const tier = schema.properties.tiers.items;
    expect(Object.keys(tier.properties)).toStrictEqual([
      'name',
      'role',
      'serviceTime',
      'serviceTimeCv',
      'callsPerRequest',
      'hitRatio',
      'workingSet',
      'writeFraction',
      'replication',
      'consistency',
      'deploysPerWeek',
    ]);
    expect(tier.required).toStrictEqual(['name', 'role', 'serviceTime']);
    expect(tier.properties.callsPerRequest).toMatchObject({ type: 'integer', minimum: 0, maximum: 10000 });
    expect(schema.properties.workload.required).toStrictEqual(['peakRate']);
    const design = schema.properties.architectures.items.properties.tiers.additionalProperties;
    expect(design.required).toStrictEqual(['kind', 'family']);
    expect(design.properties.family.enum).toContain('r7i');
    expect(design.properties.regions.items.enum).toContain('us-east-1');
    expect(schema.properties.architectures.items.required).toStrictEqual(['name']);
  });
});
