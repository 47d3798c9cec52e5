/**
 * The editable fields of the TUI, as data: derived from the raw scenario (users and candidates vary), grouped as the
 * screen shows them. `kind` says how a typed value is stored: `quantity` keeps the text (units allowed), `number`
 * stores a JSON number when the text is one, `enum` cycles through its options.
 */
import { SCENARIO_FIELDS, scenarioField } from '../scenario/fields.js';
import { formatRate } from '../units/format.js';
import type { RawObject, RawValue } from './rawPath.js';
import { getAt } from './rawPath.js';

export type FieldKind = 'quantity' | 'number' | 'enum' | 'text';

export interface FieldDef {
  path: string;
  label: string;
  group: 'Workload' | 'Targets' | 'Reliability' | 'Operations' | 'Users' | 'Tiers' | 'Candidates';
  kind: FieldKind;
  options?: readonly string[];
  /** Example of a valid value, shown while editing. */
  hint: string;
}

/** The scenario-wide fields, in screen order (scenario/fields.ts: the rows with a `tui` view). */
const STATIC: readonly FieldDef[] = SCENARIO_FIELDS.flatMap((f) => (f.tui ? [{ f, view: f.tui }] : []))
  .sort((a, b) => a.view.at - b.view.at)
  .map(({ f, view }) => ({
    path: f.path,
    label: view.label,
    group: view.group,
    kind: f.kind === 'enum' ? 'enum' : f.kind === 'number' || f.kind === 'count' ? 'number' : 'quantity',
    ...(f.options ? { options: f.options } : {}),
    hint: view.hint,
  }));

/** A tier's editable figures: its label, example and input kind; those of a role (the table's `roles`) only there. */
const TIER_FIELDS: readonly { key: string; label: string; hint: string; kind: FieldKind }[] = [
  { key: 'serviceTime', label: 'CPU / call', hint: '2 ms', kind: 'quantity' },
  { key: 'serviceTimeCv', label: 'service cv', hint: '1.2', kind: 'number' },
  { key: 'callsPerRequest', label: 'calls / request', hint: '4', kind: 'number' },
  { key: 'hitRatio', label: 'hit ratio', hint: '90%', kind: 'quantity' },
  { key: 'workingSet', label: 'working set', hint: '40 GiB', kind: 'quantity' },
  { key: 'writeFraction', label: 'writes', hint: '20%', kind: 'quantity' },
];

/** The name shown for a tier or a candidate in a label: at most 14 characters. */
const shortName = (name: string): string => (name.length > 14 ? `${name.slice(0, 13)}~` : name);

/** The fields of the scenario's tiers (issue 13), in call order. */
function tierFields(raw: RawObject): FieldDef[] {
  const tiers = getAt(raw, 'tiers');
  if (!Array.isArray(tiers)) return [];
  return tiers.flatMap((t, i) => {
    const role = getAt(t, 'role');
    const name = shortName(String(getAt(t, 'name') ?? `#${i + 1}`));
    return TIER_FIELDS.filter(({ key }) => {
      const roles = scenarioField(`tiers[].${key}`).roles;
      return roles === undefined || roles.includes(role as never);
    }).map(({ key, label, hint, kind }) => ({
      path: `tiers[${i}].${key}`,
      label: `${name} ${label}`,
      group: 'Tiers' as const,
      kind,
      hint,
    }));
  });
}

/** Workload fields a scenario of tiers does not have (mutually exclusive with `tiers`). */
const TIERED_AWAY = new Set(['workload.serviceTime', 'workload.serviceTimeCv']);

/** The fields of a candidate's per-tier designs: each tier's size, and its standby and replicas or its nodes. */
function tierDesignFields(p: string, short: string, designs: RawValue): FieldDef[] {
  if (designs === null || typeof designs !== 'object' || Array.isArray(designs)) return [];
  const out: FieldDef[] = [];
  for (const [tier, d] of Object.entries(designs as Record<string, RawValue>)) {
    const at = `${p}.tiers.${tier}`;
    const label = `${short} ${tier}`;
    out.push({ path: `${at}.size`, label: `${label} size`, group: 'Candidates', kind: 'text', hint: '2xlarge' });
    if (getAt(d, 'kind') === 'vertical') {
      out.push({
        path: `${at}.standby`,
        label: `${label} standby`,
        group: 'Candidates',
        kind: 'enum',
        options: ['none', 'cold', 'hot'],
        hint: 'hot',
      });
      out.push({
        path: `${at}.readReplicas`,
        label: `${label} replicas`,
        group: 'Candidates',
        kind: 'number',
        hint: '2',
      });
    } else {
      out.push({ path: `${at}.nodes`, label: `${label} nodes`, group: 'Candidates', kind: 'number', hint: '12' });
      out.push({ path: `${at}.zones`, label: `${label} zones`, group: 'Candidates', kind: 'number', hint: '3' });
    }
  }
  return out;
}

/** Every editable field of this scenario, in screen order. */
export function fieldsOf(raw: RawObject): FieldDef[] {
  // a system of tiers has no workload service time: each tier has its own (the Tiers group)
  const tiered = Array.isArray(getAt(raw, 'tiers'));
  const out: FieldDef[] = tiered ? STATIC.filter((f) => !TIERED_AWAY.has(f.path)) : [...STATIC];
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
  out.push(...tierFields(raw));
  const archs = getAt(raw, 'architectures');
  if (Array.isArray(archs)) {
    archs.forEach((a, i) => {
      const kind = getAt(a, 'kind');
      const name = String(getAt(a, 'name') ?? `#${i + 1}`);
      const short = shortName(name);
      const p = `architectures[${i}]`;
      const designs = getAt(a, 'tiers');
      if (designs !== undefined) {
        out.push(...tierDesignFields(p, short, designs));
        return;
      }
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

/** A plain rate as the screen shows it in little room: "5000/s" -> "5k/s" (anything else as written). */
function compactRate(text: string): string {
  const m = /^(\d+(?:\.\d+)?)\s*\/\s*s$/.exec(text.trim());
  return m ? formatRate(Number(m[1])) : text;
}

/** The text of a range's label: its percentiles, and its distribution when it is not the default lognormal. */
const RANGE_NOTE = /^(.+?) - (.+?) \(p5-p95(?:, (lognormal|normal|uniform))?\)$/;

/**
 * The value as the screen shows it ("" when absent: the default applies). An uncertain input (a range
 * `{ p5, p95, distribution? }`) reads `500/s - 5000/s (p5-p95)`, with `, uniform` or `, normal` when so; typed back in
 * that form (or as JSON) it is stored as the range.
 */
export function displayValue(raw: RawObject, f: FieldDef, compact = false): string {
  const v = getAt(raw, f.path);
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && !Array.isArray(v) && 'p5' in v && 'p95' in v) {
    const keys = Object.keys(v).filter((k) => !['p5', 'p95', 'distribution'].includes(k));
    const d = v.distribution;
    const text = (x: RawValue | undefined) =>
      typeof x === 'string' || typeof x === 'number' ? (compact ? compactRate(String(x)) : String(x)) : null;
    const [p5, p95] = [text(v.p5), text(v.p95)];
    if (keys.length === 0 && p5 !== null && p95 !== null && (d === undefined || typeof d === 'string'))
      return `${p5} - ${p95} (p5-p95${d === undefined || d === 'lognormal' ? '' : `, ${d}`})`;
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The stored form of a typed text: numbers for number fields when the text is a number, else the text. */
export function storedValue(f: FieldDef, text: string): RawValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  // a range as the screen shows it, or as JSON
  const range = RANGE_NOTE.exec(t);
  if (range) {
    const one = (x: string) => (f.kind === 'number' && Number.isFinite(Number(x)) ? Number(x) : x.trim());
    return {
      p5: one(range[1] as string),
      p95: one(range[2] as string),
      ...(range[3] && range[3] !== 'lognormal' ? { distribution: range[3] } : {}),
    };
  }
  if (t.startsWith('{')) {
    try {
      return JSON.parse(t) as RawValue;
    } catch {
      return t;
    }
  }
  if (f.kind === 'number') {
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
  }
  return t;
}
