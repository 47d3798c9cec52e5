/**
 * A daily load profile (`workload.dailyProfile`): 24 hourly multipliers of the peak rate in [0, 1], hour 0 first.
 */
import { NeumaierSum } from '../core/math/sum.js';

/**
 * The mean multiplier of a profile, by compensated summation: the day's mean rate is peak x this.
 * @example profileMean([...Array(12).fill(1), ...Array(12).fill(0.5)]) // 0.75
 */
export function profileMean(profile: readonly number[]): number {
  const sum = new NeumaierSum();
  for (const m of profile) sum.add(m);
  return sum.value / profile.length;
}
