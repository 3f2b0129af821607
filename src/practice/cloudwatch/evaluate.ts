// Alarm evaluation over time (the CloudWatch advancer). Filled in by the evaluation step.
import type { RegionState } from '../core/records';
import type { Clock } from '../core/world';

export function advanceCloudWatch(_region: RegionState, _now: Date, _clock: Clock): boolean {
  return false;
}
