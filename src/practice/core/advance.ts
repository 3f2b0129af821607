// Time-driven transitions, applied before every request (API or web): records keep when a transient
// state ends (an instance's `transition.at`, a snapshot's `completeAt`...), and advancing applies what
// is due, so every answer, and a state file reloaded later, sees the world as of now.
import { advanceAutoScaling } from '../autoscaling/controller';
import { advanceCloudWatch } from '../cloudwatch/evaluate';
import { advanceNatGateways } from '../ec2/natGateways';
import { advanceEc2 } from '../ec2/transitions';
import { advanceElbv2 } from '../elbv2/model';
import { advanceRds } from '../rds/transitions';
import type { RegionState } from './records';
import type { Clock, World } from './world';

/**
 * Applies one service's due transitions to a region's records; true when it changed anything. The clock is for
 * periodic machinery that runs in scaled time (alarm periods, cooldowns): an AWS period lasts period/speed.
 */
export type Advancer = (region: RegionState, now: Date, clock: Clock) => boolean;

// CloudWatch before Auto Scaling: the alarms' invocations it queues are applied in the same advance.
const ADVANCERS: readonly Advancer[] = [advanceEc2, advanceNatGateways, advanceElbv2, advanceRds, advanceCloudWatch];

export function advanceWorld(world: World, now: Date = world.clock.now()): void {
  let changed = false;
  for (const [name, region] of Object.entries(world.state.regions)) {
    for (const advance of ADVANCERS) if (advance(region, now, world.clock)) changed = true;
    // Auto Scaling last: it drains CloudWatch's invocations, and it launches through EC2's own handlers
    // (which need the world and the region's name, hence not an Advancer).
    if (advanceAutoScaling(world, name, now)) changed = true;
  }
  if (changed) world.changed();
}
