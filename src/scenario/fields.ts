/**
 * The scenario's fields that the tools around the engine list, one row each: how a value is read (its unit kind,
 * integer or not, or the options of an enumeration), whether it may be a range `{ p5, p95 }`, whether a sweep may vary
 * it, and how the TUI shows it. The sweep's fields (compare/sweep.ts), the paths that may be ranges
 * (uncertain.ts) and the TUI's inputs (tui/fields.ts) are derived from this table; where a value lands in the
 * normalised scenario stays with its model (normalize.ts, uncertain.ts), and tests check the table against the zod
 * schema and against the models. Adding a field: one row here, plus its model.
 */
import type { QuantityKind } from '../units/parse.js';
import { CONSISTENCIES, P99_SCOPES } from './schema.js';

/** How the TUI shows a field: its label, group, an example value, and its place on the screen (ascending). */
export interface FieldView {
  readonly label: string;
  readonly group: 'Workload' | 'Targets' | 'Reliability';
  readonly hint: string;
  readonly at: number;
}

export interface ScenarioField {
  /** The raw path; `architectures[]` stands for any candidate. */
  readonly path: string;
  /** How a value is parsed (units/parse.ts), or an enumeration of `options`. */
  readonly kind: QuantityKind | 'enum';
  readonly options?: readonly string[];
  readonly integer: boolean;
  /** May be given as a range `{ p5, p95, distribution? }` (an uncertain input). */
  readonly ranged: boolean;
  /** `capplan sweep --vary` may vary it. */
  readonly sweep: boolean;
  readonly tui?: FieldView;
}

type Options = { integer?: boolean; ranged?: boolean; sweep?: boolean; tui?: FieldView };

const row = (path: string, kind: QuantityKind, o: Options = {}): ScenarioField => ({
  path,
  kind,
  integer: o.integer ?? false,
  ranged: o.ranged ?? false,
  sweep: o.sweep ?? true,
  ...(o.tui ? { tui: o.tui } : {}),
});

const view = (at: number, group: FieldView['group'], label: string, hint: string): FieldView => ({
  label,
  group,
  hint,
  at,
});

const W = 'Workload';
const T = 'Targets';
const R = 'Reliability';

/** Every field, in the order the sweep lists them. */
export const SCENARIO_FIELDS: readonly ScenarioField[] = [
  row('workload.peakRate', 'rate', { ranged: true, tui: view(0, W, 'peak rate', '3000/s') }),
  row('workload.averageRate', 'rate', { ranged: true }),
  row('workload.serviceTime', 'duration', { ranged: true, tui: view(3, W, 'CPU / request', '12 ms') }),
  row('workload.serviceTimeCv', 'number', { ranged: true, tui: view(4, W, 'service cv', '1.5') }),
  row('workload.growth.perYear', 'fraction', { ranged: true, tui: view(1, W, 'growth / year', '80%') }),
  row('workload.growth.years', 'number', { ranged: true, tui: view(2, W, 'growth years', '2') }),
  row('workload.workingSet', 'size', { ranged: true, tui: view(5, W, 'working set', '300 GiB') }),
  row('workload.memoryHeadroom', 'fraction', { ranged: true }),
  row('workload.replication', 'count', { integer: true }),
  row('workload.fanout', 'count', { integer: true, tui: view(7, W, 'fan-out', '1') }),
  row('workload.writeFraction', 'fraction', { ranged: true, tui: view(6, W, 'writes', '10%') }),
  row('workload.requestSize', 'size', { ranged: true }),
  row('workload.responseSize', 'size', { ranged: true }),
  row('workload.roundTrips', 'count', { integer: true }),
  row('workload.usl.contention', 'number', { ranged: true }),
  row('workload.usl.coherency', 'number', { ranged: true }),
  row('targets.p99', 'duration', { tui: view(9, T, 'p99', '250 ms') }),
  row('targets.availability', 'fraction', { tui: view(10, T, 'availability', '99.95%') }),
  row('targets.budget', 'moneyRate', { tui: view(11, T, 'budget', '30000 USD/month') }),
  row('targets.maxUtilization', 'fraction', { tui: view(12, T, 'max CPU', '75%') }),
  row('targets.maxUtilizationDegraded', 'fraction', { tui: view(13, T, 'max CPU, degraded', '90%') }),
  row('targets.maxDataLoss', 'duration'),
  row('reliability.node.mtbf', 'duration', { ranged: true, tui: view(15, R, 'node MTBF', '4380 h') }),
  row('reliability.node.mttr', 'duration', { ranged: true, tui: view(16, R, 'node MTTR', '2 h') }),
  row('reliability.zone.mtbf', 'duration', { ranged: true, tui: view(17, R, 'zone MTBF', '8766 h') }),
  row('reliability.zone.mttr', 'duration', { ranged: true, tui: view(18, R, 'zone MTTR', '4 h') }),
  row('reliability.region.mtbf', 'duration', { ranged: true, tui: view(19, R, 'region MTBF', '26298 h') }),
  row('reliability.region.mttr', 'duration', { ranged: true, tui: view(20, R, 'region MTTR', '8 h') }),
  row('reliability.failover', 'duration', { ranged: true, tui: view(21, R, 'failover', '60 s') }),
  row('reliability.coldRestore', 'duration', { ranged: true }),
  row('reliability.restoreRate', 'byteRate', { ranged: true }),
  row('reliability.replicationLag', 'duration', { ranged: true }),
  row('reliability.backupInterval', 'duration', { ranged: true }),
  row('architectures[].nodes', 'count', { integer: true }),
  row('architectures[].spares', 'count', { integer: true }),
  row('architectures[].zones', 'count', { integer: true }),
  {
    path: 'workload.consistency',
    kind: 'enum',
    options: CONSISTENCIES,
    integer: false,
    ranged: false,
    sweep: false,
    tui: view(8, W, 'consistency', 'eventual'),
  },
  {
    path: 'targets.p99Scope',
    kind: 'enum',
    options: P99_SCOPES,
    integer: false,
    ranged: false,
    sweep: false,
    tui: view(14, T, 'p99 scope', 'every-region'),
  },
];
