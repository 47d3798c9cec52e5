/**
 * The result of comparing a scenario's candidates (the JSON `capplan run` writes), as TypeScript types inferred from
 * its zod schema (resultSchema.ts: field names, units, nullability and the doc comments are written there once).
 * Field names are fixed by ../shared/design/contract.md; every field carries its unit in its name, fractions are
 * plain numbers in [0, 1].
 */
import type { z } from 'zod';
import type * as S from './resultSchema.js';

export type InstanceSummary = z.infer<typeof S.InstanceSummarySchema>;
export type CostBreakdown = z.infer<typeof S.CostBreakdownSchema>;
export type CostResult = z.infer<typeof S.CostResultSchema>;
export type AvailabilityTerm = z.infer<typeof S.AvailabilityTermSchema>;
export type AvailabilityResult = z.infer<typeof S.AvailabilityResultSchema>;
export type UserRegionLatency = z.infer<typeof S.UserRegionLatencySchema>;
export type LatencyResult = z.infer<typeof S.LatencyResultSchema>;
export type MeetsTargets = z.infer<typeof S.MeetsTargetsSchema>;
export type DataLossResult = z.infer<typeof S.DataLossSchema>;
export type ArchitectureResult = z.infer<typeof S.ArchitectureResultSchema>;
export type TierResult = z.infer<typeof S.TierResultSchema>;
/** Data placement of a horizontal design (src/core/reliability/placement.ts). */
export type Placement = NonNullable<ArchitectureResult['placement']>;
export type SimulatedLatency = z.infer<typeof S.SimulatedLatencySchema>;
export type SimulatedAvailability = z.infer<typeof S.SimulatedAvailabilitySchema>;
export type SimulatedFigures = z.infer<typeof S.SimulatedFiguresSchema>;
export type Recommendation = z.infer<typeof S.RecommendationSchema>;
export type UncertaintyResult = z.infer<typeof S.UncertaintySchema>;
export type ArchitectureUncertainty = UncertaintyResult['byArchitecture'][number];
/** Percentiles and mean of a figure over the sampled inputs. */
export type Spread = ArchitectureUncertainty['costUsdPerMonth'];
/** A design of the frontier: none of the designs it is taken from beats it on cost, nines and p99 together. */
export type FrontierEntry = z.infer<typeof S.FrontierEntrySchema>;
export type ComparisonResult = z.infer<typeof S.ComparisonResultSchema>;
