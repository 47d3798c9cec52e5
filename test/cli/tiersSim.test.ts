// A tiered scenario with a simulation block, run as a user runs it (the built command): exit 0 and a `simulated`
// block on every architecture, co-located or per-tier (it used to stop with "internal error: no
// workload.serviceTime", exit 3). (The searched candidates go through the same code; the search alone takes
// seconds, so it is not run here.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/scratchDir.js';
import { tieredScenario } from '../scenario/example.js';
import { capplan } from './run.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests read an untyped JSON result
type Json = Record<string, any>;

const dir = scratchDir('capplan-tiers-sim-');

function run(s: Json): { code: number | null; result: Json; stderr: string } {
  const f = join(dir, `${s.name.replace(/\W+/g, '-')}.json`);
  writeFileSync(f, JSON.stringify(s));
  const r = capplan(['run', f]);
  return { code: r.code, result: r.code === 0 ? (JSON.parse(r.stdout) as Json) : {}, stderr: r.stderr };
}

describe('capplan run: a tiered scenario with a simulation block', () => {
  it('explicit candidates: exit 0, each with simulated figures', () => {
    const { code, result, stderr } = run({ ...tieredScenario(), simulation: { requests: 20_000, years: 50 } });
    expect(code, stderr).toBe(0);
    expect(result.architectures).toHaveLength(2);
    for (const a of result.architectures) {
      expect(a.simulated, a.name).toBeDefined();
      expect(a.simulated.latency, `${a.name}: ${a.simulated.skipped}`).not.toBeNull();
      expect(a.simulated.latency.p99Ms).toBeGreaterThan(0);
    }
    const perTier = result.architectures[1];
    expect(perTier.simulated.latency.byTier.map((t: Json) => t.name)).toEqual(['app', 'cache', 'db']);
    expect(perTier.simulated.availability).toBeNull();
    expect(result.architectures[0].simulated.availability).not.toBeNull();
  }, 300_000);
});
