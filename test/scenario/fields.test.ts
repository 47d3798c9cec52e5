// The table of scenario fields (src/scenario/fields.ts) and what is derived from it: the zod schema's fields, the
// sweep's fields, the paths that may be ranges (with a model for each) and the TUI's inputs.
import { describe, expect, it } from 'vitest';
import { $ZodArray, $ZodObject, $ZodOptional, $ZodRecord, type $ZodType, safeParse } from 'zod/v4/core';
import { SENSITIVITY_PATHS } from '../../src/compare/sensitivity.js';
import { SWEEPABLE_PATHS } from '../../src/compare/sweepFields.js';
import { boundsOf, SCENARIO_FIELDS, scenarioField } from '../../src/scenario/fields.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { RANGED_MODEL_PATHS, UNCERTAIN_PATHS } from '../../src/scenario/uncertain.js';
import { fieldsOf } from '../../src/tui/fields.js';

describe('the table of scenario fields', () => {
  it('has one row per path', () => {
    const paths = SCENARIO_FIELDS.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('is the scalar leaves of the zod schema, in the order of its objects', () => {
    const leaves: string[] = [];
    // zod's core classes: the schema is built with zod/mini
    const walk = (schema: $ZodType, path: string): void => {
      let s = schema;
      while (s instanceof $ZodOptional) s = s._zod.def.innerType;
      if (s instanceof $ZodArray) walk(s._zod.def.element, `${path}[]`);
      else if (s instanceof $ZodRecord) walk(s._zod.def.valueType, `${path}{}`);
      else if (s instanceof $ZodObject) {
        for (const [key, member] of Object.entries(s._zod.def.shape))
          walk(member, path === '' ? key : `${path}.${key}`);
      } else leaves.push(path);
    };
    walk(scenarioSchema(), '');
    expect(leaves).toEqual(SCENARIO_FIELDS.map((f) => f.path));
  });

  it('gives every number and unit value its bounds, and finds a row by an indexed path', () => {
    for (const f of SCENARIO_FIELDS) {
      expect(f.bounds !== undefined).toBe(!['enum', 'text', 'name', 'identifier', 'boolean'].includes(f.kind));
    }
    expect(scenarioField('architectures[3].zones').path).toBe('architectures[].zones');
    expect(scenarioField('tiers[2].callsPerRequest').path).toBe('tiers[].callsPerRequest');
    expect(boundsOf('workload.serviceTimeCv')).toEqual({ min: 0, minExclusive: false, max: 100 });
    expect(() => scenarioField('workload.nope')).toThrow(RangeError);
  });

  it("its bounds are the schema's: a plain number just outside them is refused, at them accepted", () => {
    const shape = (path: string) => {
      let s: $ZodType = scenarioSchema();
      for (const key of path.replace(/\[\]/g, '.[]').replace(/\{\}/g, '.{}').split('.')) {
        while (s instanceof $ZodOptional) s = s._zod.def.innerType;
        if (key === '[]') s = (s as $ZodArray)._zod.def.element;
        else if (key === '{}') s = (s as $ZodRecord)._zod.def.valueType;
        else s = (s as $ZodObject)._zod.def.shape[key] as $ZodType;
      }
      return s;
    };
    for (const f of SCENARIO_FIELDS.filter((r) => r.kind === 'number' || r.kind === 'count')) {
      const { min, minExclusive, max } = boundsOf(f.path);
      const s = shape(f.path);
      expect(safeParse(s, min).success, f.path).toBe(!minExclusive);
      expect(safeParse(s, min - 1).success, f.path).toBe(false);
      if (max !== undefined) {
        expect(safeParse(s, max).success, f.path).toBe(true);
        expect(safeParse(s, max + 1).success, f.path).toBe(false);
      }
    }
  });

  it('its ranged fields are exactly those the uncertain-input model places, in its order', () => {
    expect(UNCERTAIN_PATHS).toEqual(RANGED_MODEL_PATHS);
  });

  it('the sweep varies its numeric fields marked sweep, in table order', () => {
    expect(SWEEPABLE_PATHS).toEqual(SCENARIO_FIELDS.filter((f) => f.sweep && f.kind !== 'enum').map((f) => f.path));
  });

  it('the TUI shows its rows with a view, in screen order, with the input kind of their unit', () => {
    const shown = fieldsOf({}).filter((f) => SCENARIO_FIELDS.some((r) => r.path === f.path));
    expect(shown.map((f) => f.label)).toEqual([
      'peak rate',
      'growth / year',
      'growth years',
      'CPU / request',
      'service cv',
      'working set',
      'writes',
      'fan-out',
      'consistency',
      'p99',
      'availability',
      'budget',
      'max CPU',
      'max CPU, degraded',
      'p99 scope',
      'node MTBF',
      'node MTTR',
      'zone MTBF',
      'zone MTTR',
      'region MTBF',
      'region MTTR',
      'failover',
      // issue 20: the Operations group
      'cost / node',
      'cost / region',
      'deploys / week',
      'restart time',
      'failed changes',
      'recovery time',
    ]);
    const kindOf = (path: string) => shown.find((f) => f.path === path)?.kind;
    expect(kindOf('workload.fanout')).toBe('number');
    expect(kindOf('workload.serviceTimeCv')).toBe('number');
    expect(kindOf('workload.peakRate')).toBe('quantity');
    expect(kindOf('targets.p99Scope')).toBe('enum');
  });

  it('the sensitivity analysis varies its rows with a sensitivity view, in the tornado order', () => {
    expect(SENSITIVITY_PATHS.always).toEqual([
      'workload.peakRate',
      'workload.serviceTime',
      'workload.serviceTimeCv',
      'workload.growth.perYear',
      'workload.workingSet',
      'workload.writeFraction',
      'workload.requestSize',
      'workload.responseSize',
      'reliability.node.mtbf',
      'reliability.node.mttr',
      'reliability.zone.mtbf',
      'reliability.zone.mttr',
      'reliability.region.mtbf',
      'reliability.region.mttr',
      'reliability.failover',
      'targets.p99',
      'targets.availability',
      'targets.budget',
      'targets.maxUtilization',
      // issue 20: varied when the scenario gives them (0, the default, reads as not given)
      'operations.usdPerNodeMonth',
      'operations.usdPerRegionMonth',
      'operations.deploysPerWeek',
      'operations.restartTime',
      'operations.changeFailureRate',
      'operations.changeRecoveryTime',
    ]);
    // every ranged field not varied by default is varied when given as a range; a tier's figures are not varied yet
    // (systems of tiers are not evaluated yet, issue 13)
    expect(SENSITIVITY_PATHS.rangeOnly).toEqual(
      UNCERTAIN_PATHS.filter((p) => !SENSITIVITY_PATHS.always.includes(p) && !p.startsWith('tiers[].')),
    );
  });
});
