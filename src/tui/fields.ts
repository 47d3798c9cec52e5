/**
 * The editable fields of the TUI, as data: derived from the raw scenario (users and candidates vary), grouped as the
 * screen shows them. `kind` says how a typed value is stored: `quantity` keeps the text (units allowed), `number`
 * stores a JSON number when the text is one, `enum` cycles through its options.
 */
import { P99_SCOPES } from '../scenario/schema.js';
import type { RawObject } from './rawPath.js';
import { getAt } from './rawPath.js';

export type FieldKind = 'quantity' | 'number' | 'enum' | 'text';

export interface FieldDef {
  path: string;
  label: string;
  group: 'Workload' | 'Targets' | 'Reliability' | 'Users' | 'Candidates';
  kind: FieldKind;
  options?: readonly string[];
  /** Example of a valid value, shown while editing. */
  hint: string;
}

const STATIC: readonly FieldDef[] = [
  { path: 'workload.peakRate', label: 'peak rate', group: 'Workload', kind: 'quantity', hint: '3000/s' },
  { path: 'workload.growth.perYear', label: 'growth / year', group: 'Workload', kind: 'quantity', hint: '80%' },
  { path: 'workload.growth.years', label: 'growth years', group: 'Workload', kind: 'number', hint: '2' },
  { path: 'workload.serviceTime', label: 'CPU / request', group: 'Workload', kind: 'quantity', hint: '12 ms' },
  { path: 'workload.serviceTimeCv', label: 'service cv', group: 'Workload', kind: 'number', hint: '1.5' },
  { path: 'workload.workingSet', label: 'working set', group: 'Workload', kind: 'quantity', hint: '300 GiB' },
  { path: 'workload.writeFraction', label: 'writes', group: 'Workload', kind: 'quantity', hint: '10%' },
  { path: 'workload.fanout', label: 'fan-out', group: 'Workload', kind: 'number', hint: '1' },
  {
    path: 'workload.consistency',
    label: 'consistency',
    group: 'Workload',
    kind: 'enum',
    options: ['eventual', 'strong'],
    hint: 'eventual',
  },
  { path: 'targets.p99', label: 'p99', group: 'Targets', kind: 'quantity', hint: '250 ms' },
  { path: 'targets.availability', label: 'availability', group: 'Targets', kind: 'quantity', hint: '99.95%' },
  { path: 'targets.budget', label: 'budget', group: 'Targets', kind: 'quantity', hint: '30000 USD/month' },
  { path: 'targets.maxUtilization', label: 'max CPU', group: 'Targets', kind: 'quantity', hint: '75%' },
  {
    path: 'targets.maxUtilizationDegraded',
    label: 'max CPU, degraded',
    group: 'Targets',
    kind: 'quantity',
    hint: '90%',
  },
  {
    path: 'targets.p99Scope',
    label: 'p99 scope',
    group: 'Targets',
    kind: 'enum',
    options: P99_SCOPES,
    hint: 'every-region',
  },
  { path: 'reliability.node.mtbf', label: 'node MTBF', group: 'Reliability', kind: 'quantity', hint: '4380 h' },
  { path: 'reliability.node.mttr', label: 'node MTTR', group: 'Reliability', kind: 'quantity', hint: '2 h' },
  { path: 'reliability.zone.mtbf', label: 'zone MTBF', group: 'Reliability', kind: 'quantity', hint: '8766 h' },
  { path: 'reliability.zone.mttr', label: 'zone MTTR', group: 'Reliability', kind: 'quantity', hint: '4 h' },
  { path: 'reliability.region.mtbf', label: 'region MTBF', group: 'Reliability', kind: 'quantity', hint: '26298 h' },
  { path: 'reliability.region.mttr', label: 'region MTTR', group: 'Reliability', kind: 'quantity', hint: '8 h' },
  { path: 'reliability.failover', label: 'failover', group: 'Reliability', kind: 'quantity', hint: '60 s' },
];

/** Every editable field of this scenario, in screen order. */
export function fieldsOf(raw: RawObject): FieldDef[] {
  const out: FieldDef[] = [...STATIC];
  const users = getAt(raw, 'users');
  if (Array.isArray(users)) {
    users.forEach((u, i) => {
      out.push({
        path: `users[${i}].region`,
        label: `users ${i + 1} region`,
        group: 'Users',
        kind: 'text',
        hint: 'us-east-1',
      });
      // users at a place given by coordinates (not a catalog region): its latitude and longitude are inputs too
      for (const [key, hint] of [
        ['lat', '6.52'],
        ['lon', '3.38'],
      ] as const) {
        if (getAt(u, key) !== undefined)
          out.push({
            path: `users[${i}].${key}`,
            label: `users ${i + 1} ${key}`,
            group: 'Users',
            kind: 'number',
            hint,
          });
      }
      out.push({
        path: `users[${i}].share`,
        label: `users ${i + 1} share`,
        group: 'Users',
        kind: 'quantity',
        hint: '50%',
      });
    });
  }
  const archs = getAt(raw, 'architectures');
  if (Array.isArray(archs)) {
    archs.forEach((a, i) => {
      const kind = getAt(a, 'kind');
      const name = String(getAt(a, 'name') ?? `#${i + 1}`);
      const short = name.length > 14 ? `${name.slice(0, 13)}~` : name;
      const p = `architectures[${i}]`;
      out.push({ path: `${p}.size`, label: `${short} size`, group: 'Candidates', kind: 'text', hint: '2xlarge' });
      if (kind === 'vertical') {
        out.push({
          path: `${p}.standby`,
          label: `${short} standby`,
          group: 'Candidates',
          kind: 'enum',
          options: ['none', 'cold', 'hot'],
          hint: 'hot',
        });
      } else {
        out.push({ path: `${p}.nodes`, label: `${short} nodes`, group: 'Candidates', kind: 'number', hint: '12' });
        out.push({ path: `${p}.spares`, label: `${short} spares`, group: 'Candidates', kind: 'number', hint: '1' });
        out.push({ path: `${p}.zones`, label: `${short} zones`, group: 'Candidates', kind: 'number', hint: '3' });
      }
    });
  }
  return out;
}

/** The value as the screen shows it ("" when absent: the default applies). */
export function displayValue(raw: RawObject, f: FieldDef): string {
  const v = getAt(raw, f.path);
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The stored form of a typed text: numbers for number fields when the text is a number, else the text. */
export function storedValue(f: FieldDef, text: string): string | number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (f.kind === 'number') {
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
  }
  return t;
}
