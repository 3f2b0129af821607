// The hourly cost a deletion stops, per resource, from the cost estimate: its items are keyed by the same IDs
// the plan uses (instance and volume IDs, snapshot IDs, load balancer ARNs, allocation IDs, DB identifiers).
// An instance's auto-assigned public IPv4 and a load balancer's LCUs and addresses sum into their resource.
import type { Inventory } from '../../aws/types';
import { estimateCost } from '../../cost/estimate';
import type { PriceTable } from '../../cost/prices';
import type { CleanupKind } from './types';

/** (kind, id) -> USD per hour; 0 without prices. */
export function hourlyCosts(
  inventory: Inventory,
  prices: PriceTable | undefined,
): (kind: CleanupKind, id: string) => number {
  if (!prices) return () => 0;
  const byId = new Map<string, number>();
  for (const item of estimateCost(inventory, { prices }).items)
    byId.set(item.resourceId, (byId.get(item.resourceId) ?? 0) + item.hourlyUsd);
  return (_kind, id) => byId.get(id) ?? 0;
}
