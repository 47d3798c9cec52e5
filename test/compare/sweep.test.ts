// Sweeps (src/compare/sweep.ts): the values' spacing, the sweepable fields, rows equal to the engine's own figures, error
// steps, and the crossovers of the photo-sharing example.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { FREEZE_NOTE } from '../../src/compare/designs.js';
import { compareScenario } from '../../src/compare/index.js';
import { isErrorRow, type SweepRow, sweepScenario } from '../../src/compare/sweep.js';
import { SWEEPABLE_PATHS, sweepFieldAt } from '../../src/compare/sweepFields.js';
import { spacedValues } from '../../src/compare/sweepSpacing.js';
import { CROSSOVER_COLUMNS, crossoversCsv, csvField, ROW_COLUMNS, rowsCsv } from '../../src/report/sweepCsv.js';
import { parseScenario } from '../../src/scenario/normalize.js';
import { keysAt } from '../../src/scenario/schema.js';
import { inputError } from '../helpers/inputError.js';

const catalog = loadCatalog();
const readRaw = (name: string) => JSON.parse(readFileSync(`models/scenarios/${name}.json`, 'utf8'));
const photo = () => readRaw('photo-sharing-viral');

describe('spacedValues', () => {
  it('a linear sweep is evenly spaced and ends exactly at FROM and TO', () => {
    expect(spacedValues(0, 10, 11, false)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(spacedValues(0.99, 0.9999, 3, false)).toEqual([0.99, 0.99495, 0.9999]);
    expect(spacedValues(10, 0, 3, false)).toEqual([10, 5, 0]);
  });

  it('a log sweep is geometric and ends exactly at FROM and TO', () => {
    const v = spacedValues(1, 1000, 4, true);
    expect(v[0]).toBe(1);
    expect(v[3]).toBe(1000);
    expect(v[1]).toBeCloseTo(10, 12);
    expect(v[2]).toBeCloseTo(100, 12);
    expect(spacedValues(500, 50000, 3, true)).toEqual([500, 5000, 50000]);
  });

  it('property: N values, the ends exact, monotone, constant step (linear) or ratio (log)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.integer({ min: 2, max: 50 }),
        fc.boolean(),
        (a, b, n, log) => {
          fc.pre(Math.abs(a - b) > 1e-6 * Math.max(a, b));
          const v = spacedValues(a, b, n, log);
          expect(v.length).toBe(n);
          expect(v[0]).toBe(a);
          expect(v[n - 1]).toBe(b);
          for (let i = 1; i < n; i++) {
            const step = (v[i] as number) - (v[i - 1] as number);
            expect(Math.sign(step)).toBe(Math.sign(b - a));
            if (log)
              expect(Math.log((v[i] as number) / (v[i - 1] as number))).toBeCloseTo(Math.log(b / a) / (n - 1), 9);
            else expect(step / ((b - a) / (n - 1))).toBeCloseTo(1, 6);
          }
        },
      ),
    );
  });
});

describe('the sweepable fields', () => {
  it('refuses a user share (the shares must add up to 100%) and non-numeric or unknown paths, naming the sweep path', () => {
    expect(inputError(() => sweepFieldAt('users[0].share'))).toMatch(/^sweep path: "users\[0\]\.share": .*100%/);
    expect(inputError(() => sweepFieldAt('workload.consistency'))).toMatch(/^sweep path: .*numeric scenario field/);
    expect(inputError(() => sweepFieldAt('workload.peakrate'))).toMatch(/did you mean workload\.peakRate\?/);
    expect(inputError(() => sweepFieldAt('workload..peakRate'))).toMatch(/^sweep path: .*a field path such as/);
    expect(inputError(() => sweepScenario(photo(), 'users[0].share', [0.4, 0.6], catalog))).toMatch(/100%/);
  });

  it('the table of sweepable fields agrees with the scenario schema, both ways', () => {
    // every entry is a field of the schema
    for (const pattern of SWEEPABLE_PATHS) {
      const keys = pattern
        .replace('[]', '.0')
        .split('.')
        .map((k) => (k === '0' ? 0 : k));
      const leaf = keys.pop() as string;
      expect(keysAt(keys), pattern).toContain(leaf);
    }
    // every field of workload, targets and reliability is in the table, except the enums, the family name, the
    // per-family record and the daily profile (an array of 24)
    const nonNumeric = new Set([
      'workload.consistency',
      'targets.p99Scope',
      'workload.serviceTimeFamily',
      'workload.perVcpuPerformance',
      'workload.dailyProfile',
    ]);
    const rangeKeys = ['p5', 'p95', 'distribution'];
    const walk = (path: string[]): string[] =>
      keysAt(path).flatMap((key) => {
        const inner = keysAt([...path, key]);
        const leaf = inner.length === 0 || inner.every((k) => rangeKeys.includes(k));
        return leaf ? [[...path, key].join('.')] : walk([...path, key]);
      });
    const fields = ['workload', 'targets', 'reliability'].flatMap((top) => walk([top]));
    expect(fields.length).toBeGreaterThan(25);
    for (const f of fields) if (!nonNumeric.has(f)) expect(SWEEPABLE_PATHS, f).toContain(f);
    expect(sweepFieldAt('architectures[12].spares')).toMatchObject({ kind: 'count', integer: true });
    expect(sweepFieldAt('targets.budget').kind).toBe('moneyRate');
  });
});

describe("a tier's fields (issue 13)", () => {
  const tiered = () => ({
    name: 'tiers',
    workload: { peakRate: '1000/s' },
    tiers: [
      { name: 'app', role: 'stateless', serviceTime: '5 ms' },
      { name: 'cache', role: 'cache', serviceTime: '0.3 ms', hitRatio: '90%' },
      { name: 'db', role: 'database', serviceTime: '2 ms' },
    ],
    targets: { p99: '200 ms', availability: '99.9%' },
    users: [{ region: 'us-east-1', share: 1 }],
  });

  it('are swept as tiers.NAME.field (or by index), with the unit kind of their row', () => {
    expect(sweepFieldAt('tiers.db.serviceTime')).toMatchObject({ pattern: 'tiers[].serviceTime', kind: 'duration' });
    expect(sweepFieldAt('tiers.cache.hitRatio')).toMatchObject({ kind: 'fraction', integer: false });
    expect(sweepFieldAt('tiers[2].callsPerRequest')).toMatchObject({ kind: 'count', integer: true });
    expect(inputError(() => sweepFieldAt('tiers.db.servicetime'))).toMatch(/did you mean tiers\.NAME\.serviceTime\?/);
    expect(inputError(() => sweepFieldAt('tiers.db.consistency'))).toMatch(/numeric scenario field/);
  });

  it('a tier the scenario does not have, or a field its role does not take, names the sweep path', () => {
    expect(inputError(() => sweepScenario(tiered(), 'tiers.dbb.serviceTime', [0.001, 0.002], catalog))).toBe(
      'sweep path: "tiers.dbb.serviceTime": expected a tier of the scenario (its tiers: app, cache, db)',
    );
    expect(inputError(() => sweepScenario(tiered(), 'tiers.app.hitRatio', [0.5, 0.9], catalog))).toBe(
      'sweep path: "tiers.app.hitRatio": expected a field of a tier that has it (tiers.app is stateless; hitRatio is for role "cache")',
    );
    expect(inputError(() => sweepScenario(photo(), 'tiers.db.serviceTime', [0.001, 0.002], catalog))).toBe(
      'sweep path: "tiers.db.serviceTime": expected a tier of the scenario (it has none)',
    );
  });

  it('a valid tier path sweeps the tier: each row equals compareScenario run on the scenario with that value', () => {
    const swept = sweepScenario(tiered(), 'tiers.cache.hitRatio', [0.5, 0.9], catalog);
    expect(swept.rows.every((r) => !isErrorRow(r))).toBe(true);
    for (const v of [0.5, 0.9]) {
      const raw = tiered();
      (raw.tiers[1] as { hitRatio: unknown }).hitRatio = v;
      const direct = compareScenario(parseScenario(raw), catalog);
      const rows = swept.rows.filter((r) => r.value === v);
      expect(rows.map((r) => (isErrorRow(r) ? null : [r.candidate, r.usdPerMonth, r.p99Ms]))).toEqual(
        direct.architectures.map((a) => [a.name, a.cost.usdPerMonth, a.latency.p99Ms]),
      );
    }
  });
});

describe('sweepScenario on the photo-sharing example', () => {
  const values = spacedValues(500, 50000, 11, true);
  const result = sweepScenario(photo(), 'workload.peakRate', values, catalog, { log: true });
  const candidates = photo().architectures.length as number;

  it('one row per step and candidate, in step order, no error rows', () => {
    expect(result.path).toBe('workload.peakRate');
    expect(result.unit).toBe('per second');
    expect(result.values).toEqual(values);
    expect(result.rows).toHaveLength(values.length * candidates);
    expect(result.rows.every((r) => !isErrorRow(r))).toBe(true);
    expect(result.rows.map((r) => r.value)).toEqual(values.flatMap((v) => Array(candidates).fill(v)));
    expect(result.recommendations).toHaveLength(values.length);
  });

  it('says that it is analytic and that averageRate follows the peak', () => {
    expect(result.notes.join(' ')).toMatch(/Analytic figures only/);
    expect(result.notes.join(' ')).toMatch(/averageRate .* scaled/);
  });

  it('every row equals compareScenario run directly on the scenario with that value (no copy of the engine)', () => {
    const raw = photo();
    for (const value of values) {
      const direct = structuredClone(raw);
      direct.workload.peakRate = value;
      direct.workload.averageRate = 1600 * (value / 4000); // the scenario's average, scaled by the peak's factor
      const r = compareScenario(parseScenario(direct), catalog);
      const rows = result.rows.filter((x) => x.value === value) as SweepRow[];
      expect(rows.map((x) => x.candidate)).toEqual(r.architectures.map((a) => a.name));
      r.architectures.forEach((a, i) => {
        const row = rows[i] as SweepRow;
        expect(row).toEqual({
          value,
          candidate: a.name,
          kind: a.kind,
          instance: a.instance.name,
          nodes: a.nodes,
          regions: a.regions,
          usdPerMonth: a.cost.usdPerMonth,
          usdPerMillionRequests: a.cost.usdPerMillionRequests,
          nines: a.availability.nines,
          downtimeMinutesPerYear: a.availability.downtimeMinutesPerYear,
          p99Ms: a.latency.p99Ms,
          utilization: a.utilization,
          feasible: a.meetsTargets.utilization && a.meetsTargets.memory && a.meetsTargets.p99 && a.utilization < 1,
          meetsAll: a.feasible,
          recommended: a.name === r.recommendation.name,
        });
      });
      expect(result.recommendations[values.indexOf(value)]).toBe(r.recommendation.name);
    }
  });

  it('finds a recommendation crossover and a cheapest-kind crossover, each between its bracketing steps', () => {
    const rec = result.crossovers.filter((c) => c.kind === 'recommendation');
    const kind = result.crossovers.filter((c) => c.kind === 'cheapest-kind');
    expect(rec.length).toBeGreaterThanOrEqual(1);
    expect(kind.length).toBeGreaterThanOrEqual(1);
    for (const c of result.crossovers) {
      const i = values.indexOf(c.from);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(values[i + 1]).toBe(c.to);
      expect(c.at).toBeGreaterThanOrEqual(c.from);
      expect(c.at).toBeLessThanOrEqual(c.to);
      expect(c.before).not.toBe(c.after);
      expect(c.note.length).toBeGreaterThan(20);
      if (c.kind === 'recommendation') {
        expect(c.before).toBe(result.recommendations[i]);
        expect(c.after).toBe(result.recommendations[i + 1]);
      }
    }
    // vertical first, then horizontal as the load grows
    expect(kind[0]).toMatchObject({ before: 'vertical', after: 'horizontal' });
    // a cost crossing between designs that carry the load on both sides is interpolated, not a midpoint
    const k = kind[0];
    expect(k?.method).toBe('cost-difference');
    if (k?.method === 'cost-difference') {
      const at = (v: number) => result.rows.filter((r) => r.value === v && !isErrorRow(r)) as SweepRow[];
      const cheapest = (v: number, kindName: string) =>
        Math.min(
          ...at(v)
            .filter((r) => r.kind === kindName && r.feasible)
            .map((r) => r.usdPerMonth),
        );
      const d0 = cheapest(k.from, 'vertical') - cheapest(k.from, 'horizontal');
      const d1 = cheapest(k.to, 'vertical') - cheapest(k.to, 'horizontal');
      expect(Math.sign(d0)).not.toBe(Math.sign(d1));
      const t = d0 / (d0 - d1);
      expect(k.at).toBeCloseTo(k.from * (k.to / k.from) ** t, 6);
    }
  });

  it('is deterministic', () => {
    const again = sweepScenario(photo(), 'workload.peakRate', values, catalog, { log: true });
    expect(rowsCsv(again)).toBe(rowsCsv(result));
  });
});

describe('sweepScenario: invalid steps, paths and integer fields', () => {
  it('a value that makes the scenario invalid gives one error row and the sweep goes on', () => {
    const r = sweepScenario(photo(), 'targets.availability', [0.999, 1, 0.9999], catalog);
    const errors = r.rows.filter(isErrorRow);
    expect(errors).toEqual([{ value: 1, error: expect.stringMatching(/^targets\.availability: 1: expected/) }]);
    expect(r.rows.filter((x) => x.value === 0.9999 && !isErrorRow(x))).toHaveLength(5);
    expect(r.rows).toHaveLength(11);
    expect(r.recommendations[1]).toBeNull();
    // no crossover is read across the invalid step
    for (const c of r.crossovers) expect([c.from, c.to]).not.toContain(1);
  });

  it("a fleet beyond the queueing core's 10,000,000 servers is still evaluated (it once stopped the sweep)", () => {
    const raw = photo();
    raw.architectures[3].size = '48xlarge'; // 100,000 x 192 vCPUs: more servers than one pooled queue may have
    const r = sweepScenario(raw, 'architectures[3].nodes', [100_000, 30], catalog);
    expect(r.rows.filter(isErrorRow)).toEqual([]);
    expect(r.rows).toHaveLength(2 * 5);
  });

  it('the scenario as given must be valid: its problems are thrown, not put in rows', () => {
    const bad = photo();
    bad.workload.serviceTime = '12 parsecs';
    expect(inputError(() => sweepScenario(bad, 'targets.p99', [0.1, 0.2], catalog))).toMatch(/workload\.serviceTime/);
  });

  it('architectures[i] must exist and be horizontal', () => {
    expect(inputError(() => sweepScenario(photo(), 'architectures[0].nodes', [3, 30], catalog))).toMatch(
      /^sweep path: .*horizontal candidate .*vertical/,
    );
    expect(inputError(() => sweepScenario(photo(), 'architectures[9].nodes', [3, 30], catalog))).toMatch(
      /has 5 candidates/,
    );
  });

  it('an integer field takes each value rounded; a crossover appears where the node count starts to carry the load', () => {
    const r = sweepScenario(photo(), 'architectures[3].nodes', [3.4, 30, 60], catalog);
    expect(r.values).toEqual([3, 30, 60]);
    expect(r.notes.join(' ')).toMatch(/rounded/);
    const scaleOut = r.rows.filter((x) => !isErrorRow(x) && x.candidate === 'scale out, 3 zones') as SweepRow[];
    expect(scaleOut.map((x) => x.nodes)).toEqual([3, 30, 60]);
    expect(scaleOut[0]?.p99Ms).toBeNull(); // 3 nodes cannot carry 13,000/s: unstable
    expect(scaleOut[0]?.feasible).toBe(false);
    expect(scaleOut[1]?.feasible).toBe(true);
  });

  it('a range at the swept path is replaced by the step value; other ranges stand at their medians', () => {
    const raw = readRaw('uncertain-launch');
    const r = sweepScenario(raw, 'workload.peakRate', [1000, 2000], catalog);
    expect(r.rows.filter(isErrorRow)).toEqual([]);
    const direct = structuredClone(raw);
    direct.workload.peakRate = 2000;
    const d = compareScenario(parseScenario(direct), catalog);
    expect(d.uncertainty?.inputs.map((i) => i.path)).toEqual(['workload.serviceTime']);
    expect((r.rows.at(-1) as SweepRow).usdPerMonth).toBe(d.architectures.at(-1)?.cost.usdPerMonth);
  });

  it('a USL coefficient where the scenario has none starts from linear scaling', () => {
    const r = sweepScenario(photo(), 'workload.usl.contention', [0, 0.001], catalog);
    expect(r.rows.filter(isErrorRow)).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/other USL coefficient is 0/);
  });
});

describe('CSV', () => {
  it('RFC 4180 fields: quoted when they hold a comma, quote or newline; numbers at full precision', () => {
    expect(csvField('scale out, 3 zones')).toBe('"scale out, 3 zones"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(null)).toBe('');
    expect(csvField(['us-east-1', 'eu-west-1'])).toBe('us-east-1 eu-west-1');
    expect(csvField(true)).toBe('true');
  });

  it('neutralises text a spreadsheet would run as a formula (issue 17, row 11); numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    for (const text of ['+1', '-1+2', '@SUM(A1)', '\tx']) expect(csvField(text)).toBe(`'${text}`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField('scale out')).toBe('scale out');
  });

  it("a header, then one line per row; an error row fills only value, error and the sweep's designs", () => {
    const r = sweepScenario(photo(), 'targets.availability', [0.999, 1], catalog);
    const lines = rowsCsv(r).split('\n');
    expect(lines[0]).toBe(ROW_COLUMNS.join(','));
    expect(ROW_COLUMNS.at(-1)).toBe('designs');
    expect(lines).toHaveLength(1 + 6 + 1); // header, 5 candidates + 1 error row, final newline
    expect(lines.at(-1)).toBe('');
    expect(lines[6]).toMatch(/^1,{15}"?targets\.availability: 1: expected .*,candidates$/);
    for (const line of lines.slice(1, 6)) expect(line).toMatch(/,candidates$/);
  });
});

describe('designs: searched at every step, or frozen with --freeze', () => {
  // the small internal tool without its candidates (a search takes a fraction of a second)
  const tool = () => {
    const raw = readRaw('internal-tool');
    delete raw.architectures;
    return raw;
  };
  const values = [25, 100, 200];
  const searched = sweepScenario(tool(), 'workload.peakRate', values, catalog);
  const frozen = sweepScenario(tool(), 'workload.peakRate', values, catalog, { freeze: true });
  /** The scenario at a step, as the sweep writes it (averageRate scaled with the peak). */
  const step = (value: number) => {
    const raw = tool();
    raw.workload.peakRate = value;
    raw.workload.averageRate = 10 * (value / 50);
    return { ...parseScenario(raw), uncertain: [] };
  };
  const shape = (r: SweepRow) => [r.candidate, r.instance, r.nodes, r.regions, r.usdPerMonth];

  it('without architectures every step is a fresh search, and the result says so', () => {
    expect(searched.designs).toBe('searched at every point');
    expect(searched.notes.join(' ')).toMatch(/search runs again at every step/);
    for (const value of values) {
      const r = compareScenario(step(value), catalog);
      const rows = searched.rows.filter((x) => x.value === value) as SweepRow[];
      expect(rows.map(shape)).toEqual(
        r.architectures.map((a) => [a.name, a.instance.name, a.nodes, a.regions, a.cost.usdPerMonth]),
      );
    }
    // four times the load: the search finds a bigger box than at the scenario's own rate
    const box = (v: number) => (searched.rows.find((x) => x.value === v && !isErrorRow(x)) as SweepRow).instance;
    expect(box(200)).not.toBe(box(25));
  });

  it('with freeze, every step keeps the instance types and regions found for the scenario as given', () => {
    expect(frozen.designs).toBe('frozen');
    expect(frozen.notes.join(' ')).toMatch(/Designs frozen \(--freeze\)/);
    const base = compareScenario({ ...parseScenario(tool()), uncertain: [] }, catalog);
    for (const value of values) {
      const rows = frozen.rows.filter((x) => x.value === value) as SweepRow[];
      expect(rows.map((x) => [x.candidate, x.instance, x.regions])).toEqual(
        base.architectures.map((a) => [a.name, a.instance.name, a.regions]),
      );
    }
    // at four times the load the frozen box no longer carries it, while a searched one does
    const at200 = (r: typeof frozen) =>
      (r.rows.find((x) => x.value === 200 && !isErrorRow(x) && x.kind === 'vertical') as SweepRow).feasible;
    expect(at200(frozen)).toBe(false);
    expect(at200(searched)).toBe(true);
    // the CSV says which, on every line
    const csv = rowsCsv(frozen).trimEnd().split('\n');
    for (const line of csv.slice(1)) expect(line.endsWith(',frozen')).toBe(true);
    expect(CROSSOVER_COLUMNS.at(-1)).toBe('designs');
    for (const line of crossoversCsv(searched).trimEnd().split('\n').slice(1)) {
      expect(line.endsWith(',searched at every point')).toBe(true);
    }
  });

  it('a scenario that names its architectures: the designs are its own, freeze or not (a note says so)', () => {
    const plain = sweepScenario(readRaw('internal-tool'), 'workload.peakRate', [25, 100], catalog);
    const f = sweepScenario(readRaw('internal-tool'), 'workload.peakRate', [25, 100], catalog, { freeze: true });
    expect(plain.designs).toBe('candidates');
    expect(f.designs).toBe('candidates');
    expect(f.rows).toEqual(plain.rows);
    expect(f.notes).toContain(`${FREEZE_NOTE}.`);
    expect(plain.notes.join(' ')).not.toContain('--freeze');
  });
});
