/**
 * The scenario's objects and arrays that hold rows of the table of fields (fields.ts) but are not rows themselves:
 * which must be given, and how many elements an array may have. schema.ts builds its zod objects and arrays with these
 * figures, and shapePasses.ts checks a scenario against them without building zod's schema; a container not listed
 * here is optional and of any length. Paths as in fields.ts (`architectures[].regions`: the regions of any candidate).
 */
export interface Container {
  /** Must be given (where its object is). */
  readonly required: boolean;
  /** An array's fewest and most elements. */
  readonly minItems: number;
  readonly maxItems: number;
}

/** The most tiers a scenario may have. */
export const MAX_TIERS = 20;

/** Hours in a daily profile. */
export const PROFILE_HOURS = 24;

const given = (minItems = 0, maxItems = Number.POSITIVE_INFINITY): Container => ({
  required: true,
  minItems,
  maxItems,
});
const optional = (minItems = 0, maxItems = Number.POSITIVE_INFINITY): Container => ({
  required: false,
  minItems,
  maxItems,
});

/** Every container with a rule; the others are optional and of any length. */
export const CONTAINERS: Readonly<Record<string, Container>> = {
  workload: given(),
  targets: given(),
  users: given(1),
  tiers: optional(1, MAX_TIERS),
  architectures: optional(1, 100),
  'architectures[].regions': optional(1, 10),
  'architectures[].tiers{}.regions': optional(1, 10),
  'workload.dailyProfile': optional(PROFILE_HOURS, PROFILE_HOURS),
  fitted: optional(0, 100),
  'fitted[].points': optional(0, 10000),
};

const ANY: Container = optional();

/**
 * The rule of the container at `path`.
 * @example containerAt('users') // { required: true, minItems: 1, maxItems: Infinity }
 */
export function containerAt(path: string): Container {
  return CONTAINERS[path] ?? ANY;
}
