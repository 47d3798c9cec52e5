// The measured error table of the M/G/c approximations (src/core/queueing/mgcErrorTable.json) against the simulations
// it was made from (test/fixtures/accuracy/mgc.json, written by mgcMeasure.test.ts with MEASURE=1 WRITE=1) and the
// current analytic model: the table must be what they give (after a change to the model, regenerate it with
//   UPDATE_TABLE=1 npx vitest run test/accuracy/mgcTable.test.ts
// and read the diff), and the lookup (approximationError.ts) returns the fixture's bands at the grid points, the
// envelope in between, `outside` beyond, and nothing for the exact paths. No simulation runs here.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  approximationErrorText,
  approximationWarning,
  type ErrorBand,
  type MgcErrorTable,
  mgcErrorBand,
  type ShapeErrorTable,
} from '../../src/core/queueing/approximationError.js';
import { analyzeQueue } from '../../src/core/queueing/index.js';
import { MGC_ERROR_TABLE } from '../../src/core/queueing/mgcErrorTable.js';
import {
  analyticFigures,
  arrivalRatePerS,
  errorBand,
  GRID_CVS,
  GRID_SERVERS,
  GRID_UTILIZATIONS,
  type GridPoint,
  MEAN_S,
  type MgcFixture,
  pointKey,
  type SimulatedPoint,
} from './mgcGrid.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/accuracy/mgc.json', import.meta.url), 'utf8'),
) as MgcFixture;
const TABLE_URL = new URL('../../src/core/queueing/mgcErrorTable.json', import.meta.url);

/** The table rounds its bands outwards to this (0.1%). */
const ROUNDING = 0.001;
/** Float slack when comparing rounded bands. */
const EPS = 1e-12;

const floorTo = (x: number) => Math.floor(x / ROUNDING + EPS) * ROUNDING;
const ceilTo = (x: number) => Math.ceil(x / ROUNDING - EPS) * ROUNDING;
const round4 = (x: number) => Number(x.toFixed(4));

function byKey(): Map<string, SimulatedPoint> {
  return new Map(fixture.points.map((p) => [pointKey(p), p]));
}

/** A point's [meanLo, meanHi, p99Lo, p99Hi]: the analytic figure against the simulated 95% interval, rounded out. */
function cellOf(p: SimulatedPoint): [number, number, number, number] {
  const a = analyticFigures(p);
  const m = errorBand(a.meanResponseS, p.meanResponseCi95);
  const q = errorBand(a.p99S, p.p99Ci95);
  return [floorTo(m[0]), ceilTo(m[1]), floorTo(q[0]), ceilTo(q[1])].map(round4) as [number, number, number, number];
}

/** The error table the fixture and the current model give. */
function buildTable(): MgcErrorTable {
  const points = byKey();
  const shape = (distribution: 'gamma' | 'lognormal'): ShapeErrorTable => {
    // gamma of cv 1 is exponential: the model is exact M/M/c there (not simulated)
    const cvs = distribution === 'gamma' ? [...GRID_CVS, 1].sort((a, b) => a - b) : [...GRID_CVS];
    const cells = GRID_SERVERS.map((servers) =>
      GRID_UTILIZATIONS.map((utilization) =>
        cvs.map((cv): [number, number, number, number] => {
          if (distribution === 'gamma' && cv === 1) return [0, 0, 0, 0];
          const g: GridPoint = { servers, utilization, cv, distribution: cv === 0 ? 'deterministic' : distribution };
          const p = points.get(pointKey(g));
          if (p === undefined) throw new Error(`the fixture has no point ${pointKey(g)}`);
          return cellOf(p);
        }),
      ),
    );
    return { cvs, cells };
  };
  const date = /\d{4}-\d{2}-\d{2}/.exec(fixture.source)?.[0] ?? 'undated';
  return {
    source: `test/fixtures/accuracy/mgc.json: ${fixture.source}`,
    date,
    servers: [...GRID_SERVERS],
    utilizations: [...GRID_UTILIZATIONS],
    gamma: shape('gamma'),
    lognormal: shape('lognormal'),
  };
}

describe('the measured error table', () => {
  it('is what the fixture and the current model give (UPDATE_TABLE=1 regenerates it)', () => {
    const built = buildTable();
    if (process.env.UPDATE_TABLE === '1') writeFileSync(TABLE_URL, `${JSON.stringify(built)}\n`);
    expect(JSON.parse(readFileSync(TABLE_URL, 'utf8'))).toEqual(built);
    expect(MGC_ERROR_TABLE).toEqual(built);
  });

  it('covers the grid with simulations known to a few percent (the fixture says how)', () => {
    expect(fixture.meanServiceS).toBe(MEAN_S);
    expect(fixture.points.length).toBe(GRID_SERVERS.length * GRID_UTILIZATIONS.length * 9);
    for (const p of fixture.points) {
      expect(p.meanResponseCi95[0]).toBeLessThanOrEqual(p.meanResponseS);
      expect(p.meanResponseCi95[1]).toBeGreaterThanOrEqual(p.meanResponseS);
      expect(p.p99Ci95[0]).toBeLessThanOrEqual(p.p99S);
      expect(p.p99Ci95[1]).toBeGreaterThanOrEqual(p.p99S);
    }
  });
});

describe('mgcErrorBand', () => {
  const points = byKey();

  it("returns the fixture's band at grid points (to the table's 0.1% rounding)", () => {
    for (const [servers, utilization, cv, distribution] of [
      [4, 0.7, 1.5, 'gamma'],
      [8, 0.9, 3, 'lognormal'],
      [32, 0.95, 2, 'gamma'],
      [2, 0.5, 0, 'deterministic'],
      [64, 0.3, 0.5, 'lognormal'],
      [128, 0.95, 3, 'gamma'],
      [128, 0.9, 2, 'lognormal'],
      [256, 0.95, 0, 'deterministic'],
      [256, 0.95, 3, 'lognormal'],
    ] as const) {
      const p = points.get(pointKey({ servers, utilization, cv, distribution })) as SimulatedPoint;
      const shape = distribution === 'deterministic' ? 'gamma' : distribution;
      const r = mgcErrorBand({ servers, utilization, serviceTimeCv: cv }, shape);
      if (r.kind !== 'measured') throw new Error(`${pointKey(p)}: ${r.kind}`);
      const a = analyticFigures(p);
      const m = errorBand(a.meanResponseS, p.meanResponseCi95);
      const q = errorBand(a.p99S, p.p99Ci95);
      expect(r.bands.p99[0]).toBeLessThanOrEqual(q[0] + EPS);
      expect(r.bands.p99[0]).toBeGreaterThan(q[0] - ROUNDING - EPS);
      expect(r.bands.p99[1]).toBeGreaterThanOrEqual(q[1] - EPS);
      expect(r.bands.p99[1]).toBeLessThan(q[1] + ROUNDING + EPS);
      if (servers > 1) {
        expect(r.bands.meanResponse[0]).toBeLessThanOrEqual(m[0] + EPS);
        expect(r.bands.meanResponse[0]).toBeGreaterThan(m[0] - ROUNDING - EPS);
        expect(r.bands.meanResponse[1]).toBeGreaterThanOrEqual(m[1] - EPS);
        expect(r.bands.meanResponse[1]).toBeLessThan(m[1] + ROUNDING + EPS);
      }
    }
  });

  it('between grid points: the envelope of the enclosing cell', () => {
    const r = mgcErrorBand({ servers: 6, utilization: 0.85, serviceTimeCv: 1.8 });
    if (r.kind !== 'measured') throw new Error(r.kind);
    const corners: ErrorBand[] = [];
    for (const servers of [4, 8])
      for (const utilization of [0.8, 0.9])
        for (const cv of [1.5, 2]) {
          const c = cellOf(points.get(pointKey({ servers, utilization, cv, distribution: 'gamma' })) as SimulatedPoint);
          corners.push([c[2], c[3]]);
        }
    expect(r.bands.p99).toEqual([Math.min(...corners.map((b) => b[0])), Math.max(...corners.map((b) => b[1]))]);
    expect(r.measuredOn).toContain('servers 4 to 8, utilisation 0.8 to 0.9, cv 1.5 to 2');
  });

  it('between the largest grid points (a pool of 200 servers): the envelope of 128 and 256', () => {
    const r = mgcErrorBand({ servers: 200, utilization: 0.95, serviceTimeCv: 3 }, 'lognormal');
    if (r.kind !== 'measured') throw new Error(r.kind);
    const corners = [128, 256].map((servers) =>
      cellOf(points.get(pointKey({ servers, utilization: 0.95, cv: 3, distribution: 'lognormal' })) as SimulatedPoint),
    );
    expect(r.bands.meanResponse).toEqual([
      Math.min(...corners.map((c) => c[0])),
      Math.max(...corners.map((c) => c[1])),
    ]);
    expect(r.bands.p99).toEqual([Math.min(...corners.map((c) => c[2])), Math.max(...corners.map((c) => c[3]))]);
    expect(r.cell).toBe('servers 128 to 256, utilisation 0.95, cv 3');
    expect(mgcErrorBand({ servers: 256, utilization: 0.5, serviceTimeCv: 2 }).kind).toBe('measured');
  });

  it('the M/G/1 mean is exact (Pollaczek-Khinchine), whatever the service shape', () => {
    for (const shape of ['gamma', 'lognormal'] as const) {
      const r = mgcErrorBand({ servers: 1, utilization: 0.9, serviceTimeCv: 3 }, shape);
      expect(r.kind === 'measured' && r.bands.meanResponse).toEqual([0, 0]);
    }
  });

  it('outside the measured range: says which limit and names the range', () => {
    const cases: [Parameters<typeof mgcErrorBand>[0], RegExp][] = [
      [{ servers: 8, utilization: 0.97, serviceTimeCv: 2 }, /utilisation 0\.970 is above 0\.95/],
      [{ servers: 257, utilization: 0.5, serviceTimeCv: 2 }, /257 servers is more than 256/],
      [{ servers: 636, utilization: 0.5, serviceTimeCv: 2 }, /636 servers is more than 256/],
      [{ servers: 8, utilization: 0.5, serviceTimeCv: 4 }, /service cv 4\.00 is above 3/],
      [{ servers: 8, utilization: 0.5, serviceTimeCv: 2, arrivalCv: 0.5 }, /not Poisson/],
      [{ servers: 8, utilization: 0.5, serviceTimeCv: 2, fanout: 3 }, /slowest of 3 responses/],
    ];
    for (const [q, why] of cases) {
      const r = mgcErrorBand(q);
      expect(r.kind).toBe('outside');
      if (r.kind === 'outside') {
        expect(r.reason).toMatch(why);
        expect(r.reason).toContain('servers 1 to 256, utilisation up to 0.95, service cv 0 to 3');
      }
    }
  });
});

describe("analyzeQueue's approximationError", () => {
  const points = byKey();

  it('is null on the exact paths (M/M/c, unstable)', () => {
    expect(analyzeQueue({ servers: 8, arrivalRatePerS: 720, serviceTimeS: 0.01 }).approximationError).toBeNull();
    expect(
      analyzeQueue({ servers: 8, arrivalRatePerS: 720, serviceTimeS: 0.01, fanout: 4 }).approximationError,
    ).toBeNull();
    expect(
      analyzeQueue({ servers: 1, arrivalRatePerS: 200, serviceTimeS: 0.01, serviceTimeCv: 2 }).approximationError,
    ).toBeNull();
  });

  it('M/G/1: the mean exact, the p99 measured', () => {
    const e = analyzeQueue({
      servers: 1,
      arrivalRatePerS: 50,
      serviceTimeS: 0.01,
      serviceTimeCv: 0,
    }).approximationError;
    expect(e?.meanResponse).toEqual([0, 0]);
    expect(e?.p99).not.toBeNull();
    expect(e?.lognormal).toBeNull();
  });

  it('the analytic figure lies within the band at fixture points (its error against the simulated estimate)', () => {
    for (const g of [
      { servers: 4, utilization: 0.7, cv: 1.5 },
      { servers: 16, utilization: 0.9, cv: 0.5 },
      { servers: 2, utilization: 0.95, cv: 2 },
      { servers: 64, utilization: 0.8, cv: 3 },
      { servers: 128, utilization: 0.95, cv: 2 },
      { servers: 256, utilization: 0.9, cv: 1.5 },
    ]) {
      const a = analyzeQueue({
        servers: g.servers,
        arrivalRatePerS: arrivalRatePerS({ ...g, distribution: 'gamma' }),
        serviceTimeS: MEAN_S,
        serviceTimeCv: g.cv,
      });
      const e = a.approximationError;
      if (e === null || e.meanResponse === null || e.p99 === null || e.lognormal === null) throw new Error('no band');
      for (const [distribution, bands] of [
        ['gamma', { meanResponse: e.meanResponse, p99: e.p99 }],
        ['lognormal', e.lognormal],
      ] as const) {
        const p = points.get(pointKey({ ...g, distribution })) as SimulatedPoint;
        const eMean = ((a.meanResponseS as number) - p.meanResponseS) / p.meanResponseS;
        const eP99 = ((a.percentiles?.p99S as number) - p.p99S) / p.p99S;
        expect(eMean).toBeGreaterThanOrEqual(bands.meanResponse[0]);
        expect(eMean).toBeLessThanOrEqual(bands.meanResponse[1]);
        expect(eP99).toBeGreaterThanOrEqual(bands.p99[0]);
        expect(eP99).toBeLessThanOrEqual(bands.p99[1]);
      }
    }
  });

  it('says the band in words from the table, and warns outside it', () => {
    const inside = analyzeQueue({ servers: 8, arrivalRatePerS: 720, serviceTimeS: 0.01, serviceTimeCv: 2 });
    const e = inside.approximationError;
    if (e === null) throw new Error('no band');
    const text = approximationErrorText(e);
    expect(text).toContain(
      `p99 ${(e.p99 as ErrorBand)[0] > 0 ? '+' : ''}${((e.p99 as ErrorBand)[0] * 100).toFixed(1)}%`,
    );
    expect(text).toContain('if the service times are lognormal');
    expect(approximationWarning(e)).toBeNull();
    const outside = analyzeQueue({ servers: 8, arrivalRatePerS: 780, serviceTimeS: 0.01, serviceTimeCv: 2 });
    expect(outside.approximationError?.outside).toMatch(/utilisation 0\.975 is above 0\.95/);
    expect(approximationWarning(outside.approximationError)).toMatch(/outside the range where its error was measured/);
  });
});

/** The README's summary of the table: the envelope of the bands by service, servers and load (whole percents, out). */
function summaryMarkdown(table: MgcErrorTable): string {
  const cGroups = [[1], [2, 4, 8], [16, 32, 64], [128, 256]];
  const loadGroups = [
    [0.1, 0.3, 0.5],
    [0.7, 0.8],
    [0.9, 0.95],
  ];
  const groupText = (g: number[]) => (g.length === 1 ? `${g[0]}` : `${g[0]}-${g[g.length - 1]}`);
  const pc = (x: number, out: 'lo' | 'hi') => {
    const v = out === 'lo' ? Math.floor(x * 100 + EPS) : Math.ceil(x * 100 - EPS);
    return `${v > 0 ? '+' : ''}${v}`;
  };
  const rows: string[] = [
    `| service | cv | servers | ${loadGroups.map((g) => `load ${groupText(g)}: mean / p99`).join(' | ')} |`,
    `|---|---|---|${loadGroups.map(() => '---').join('|')}|`,
  ];
  const shapes: ['deterministic' | 'gamma' | 'lognormal', number][] = [
    ['deterministic', 0],
    ...[0.5, 1.5, 2, 3].map((cv): ['gamma', number] => ['gamma', cv]),
    ...[0.5, 1.5, 2, 3].map((cv): ['lognormal', number] => ['lognormal', cv]),
  ];
  for (const [service, cv] of shapes) {
    const t = table[service === 'lognormal' ? 'lognormal' : 'gamma'];
    const k = t.cvs.indexOf(cv);
    for (const cs of cGroups) {
      const cells = loadGroups.map((loads) => {
        const b = [
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
        ];
        for (const c of cs)
          for (const rho of loads) {
            const cell = t.cells[table.servers.indexOf(c)]?.[table.utilizations.indexOf(rho)]?.[k] as readonly number[];
            for (const i of [0, 2]) b[i] = Math.min(b[i] as number, cell[i] as number);
            for (const i of [1, 3]) b[i] = Math.max(b[i] as number, cell[i] as number);
          }
        const mean = cs[0] === 1 ? 'exact' : `${pc(b[0] as number, 'lo')}..${pc(b[1] as number, 'hi')}%`;
        return `${mean} / ${pc(b[2] as number, 'lo')}..${pc(b[3] as number, 'hi')}%`;
      });
      rows.push(`| ${service} | ${cv} | ${groupText(cs)} | ${cells.join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

it('prints the summary the README quotes', () => {
  console.log(summaryMarkdown(MGC_ERROR_TABLE));
  expect(summaryMarkdown(MGC_ERROR_TABLE)).toContain('| lognormal | 3 | 16-64 |');
  expect(summaryMarkdown(MGC_ERROR_TABLE)).toContain('| lognormal | 3 | 128-256 |');
});
