// CloudWatch alarms on the meter: each metric alarm (track 3's CPU alarms, a target-tracking policy's two) at the
// standard-resolution price per alarm-month, whatever its state; AWS bills an alarm from creation until deleted.
// CloudWatch's free tier (10 alarm metrics a month) is not deducted: the meter shows the list price.
import type { Inventory } from '../aws/types';
import { alarmsOfGroup } from '../lab/scaling';
import type { Pricer } from './network';
import type { PriceTable } from './prices';

export function draftAlarms(inventory: Inventory, prices: PriceTable | undefined, p: Pricer): void {
  // The lab's alarms carry no tag we read: they are the ones on (or acting on) a group the lab made.
  const labGroups = inventory.autoScalingGroups.filter((g) => p.lab(g.tags)).map((g) => g.name);
  const ofLab = new Set(labGroups.flatMap((g) => alarmsOfGroup(inventory, g)));
  for (const a of inventory.metricAlarms) {
    // The inventory carries no alarm tags nor creation time: counted from when first seen, as Elastic IPs are.
    p.add(
      {
        kind: 'alarm',
        resourceId: a.name,
        name: a.name,
        detail: { state: a.state, metric: a.metricName, period: a.period },
        labCreated: ofLab.has(a),
        accruedUnknown: true,
      },
      p.rate(prices?.alarmMonth, 1, 'unconfirmed'),
    );
  }
}
