// The table of scenario fields (src/scenario/fields.ts) and what is derived from it: the sweep's fields, the paths
// that may be ranges (with a model for each) and the TUI's inputs.
import { describe, expect, it } from 'vitest';
import { SWEEPABLE_PATHS } from '../../src/compare/sweepFields.js';
import { SCENARIO_FIELDS } from '../../src/scenario/fields.js';
import { RANGED_MODEL_PATHS, UNCERTAIN_PATHS } from '../../src/scenario/uncertain.js';
import { fieldsOf } from '../../src/tui/fields.js';

describe('the table of scenario fields', () => {
  it('has one row per path', () => {
    const paths = SCENARIO_FIELDS.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
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
    ]);
    const kindOf = (path: string) => shown.find((f) => f.path === path)?.kind;
    expect(kindOf('workload.fanout')).toBe('number');
    expect(kindOf('workload.serviceTimeCv')).toBe('number');
    expect(kindOf('workload.peakRate')).toBe('quantity');
    expect(kindOf('targets.p99Scope')).toBe('enum');
  });
});
