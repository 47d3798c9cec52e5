/**
 * The values of the scenario's enumerations (the `options` of the enum rows in fields.ts); the first of each is the
 * default where the field has one. A module of its own so that the table of fields, the zod schema and the normaliser
 * share them without importing one another.
 */

/** The values of workload.consistency; the first is the default. */
export const CONSISTENCIES = ['eventual', 'strong'] as const;

/** The values of targets.p99Scope; the first is the default. */
export const P99_SCOPES = ['all-users', 'every-region'] as const;

/** The distributions of a range; the first is the default. */
export const RANGE_DISTRIBUTIONS = ['lognormal', 'normal', 'uniform'] as const;

/** The values of a candidate's `kind` (required: no default). */
export const ARCHITECTURE_KINDS = ['vertical', 'horizontal'] as const;

/** The values of a vertical candidate's `standby`; the first is the default. */
export const STANDBYS = ['none', 'cold', 'hot'] as const;

/** The values of a horizontal candidate's `balancer`; `least-loaded` is the default. */
export const BALANCERS = ['random', 'round-robin', 'least-loaded', 'power-of-two'] as const;

/** The values of a tier's `role` (required: no default). */
export const TIER_ROLES = ['stateless', 'cache', 'database'] as const;

/**
 * The values of `provider`: the providers of the catalog's instance table (catalog/schema.ts). Only those the catalog
 * has regions and network prices for can host a design (normalize.ts says what is missing for the others). No default of its own: a
 * scenario that names none is priced as before, in the catalog's regions (AWS's).
 */
export const PROVIDERS = ['aws', 'gcp'] as const;

/** The values of `pricing.model` (scenario and candidate; contract, "Pricing"); the first is the default. */
export const PRICING_MODELS = [
  'on-demand',
  'reserved-1y',
  'reserved-3y',
  'savings-plan-1y',
  'savings-plan-3y',
  'spot',
] as const;

/**
 * The values of a candidate's `deploy` (contract, "Operations"): how a new version reaches it. No default of its own:
 * a vertical design restarts, a horizontal one rolls (compare/operations.ts, deployOf).
 */
export const DEPLOY_MODES = ['restart', 'blue-green', 'rolling'] as const;
