// NAT gateways on the meter: each pending or available one at its hourly rate (the per-GB processing is only noted:
// it depends on traffic), and its public IPv4 address, unless the inventory already counts that address as an
// Elastic IP (the usual case: a public NAT gateway holds one).
import type { Inventory, Tags } from '../aws/types';
import type { CostItem } from './items';
import type { Draft } from './freeTier';
import type { PriceFigure, PriceTable } from './prices';

export interface Rate {
  hourly: number;
  unpriced: CostItem['unpriced'];
}

/** How estimate.ts prices a figure and records an item; the topic files draft their items through it. */
export interface Pricer {
  rate(figure: PriceFigure | undefined, quantity: number, missing: CostItem['unpriced']): Rate;
  add(base: Draft['item'], r: Rate, pool?: Draft['pool'], units?: number): void;
  lab(tags: Tags): boolean;
}

/** NAT gateways that bill their hours: AWS charges from creation until deleted. */
const BILLING_STATES = new Set(['pending', 'available']);

/** Public IPs held by NAT gateways (not deleted), to the NAT gateway's ID. */
export function natGatewaysByPublicIp(inventory: Inventory): Map<string, string> {
  return new Map(
    inventory.natGateways.flatMap((n) => (n.publicIp && n.state !== 'deleted' ? [[n.publicIp, n.id] as const] : [])),
  );
}

export function draftNatGateways(inventory: Inventory, prices: PriceTable | undefined, p: Pricer): void {
  const elastic = new Set(inventory.elasticIps.map((e) => e.publicIp));
  for (const n of inventory.natGateways) {
    if (!BILLING_STATES.has(n.state)) continue;
    const base = { resourceId: n.id, ...(n.name ? { name: n.name } : {}), labCreated: p.lab(n.tags) };
    // The inventory does not carry the creation time: counted from when first seen, as Elastic IPs are.
    p.add(
      {
        ...base,
        kind: 'natGateway',
        detail: { state: n.state, connectivity: n.connectivity, subnetId: n.subnetId, processing: 'notMetered' },
        accruedUnknown: true,
      },
      p.rate(prices?.natGatewayHour, 1, undefined),
    );
    if (n.connectivity === 'public' && n.publicIp && !elastic.has(n.publicIp)) {
      p.add(
        {
          ...base,
          kind: 'publicIpv4',
          detail: { source: 'natGateway', address: n.publicIp, addresses: 1, natGatewayId: n.id },
          accruedUnknown: true,
        },
        p.rate(prices?.publicIpv4Hour, 1, undefined),
      );
    }
  }
}
