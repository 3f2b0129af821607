// Classic Load Balancers on the meter: each one's hours at its own rate (sharing the free tier's 750 load balancer
// hours with the ALBs, as AWS does), and one public IPv4 address per enabled AZ of an internet-facing one, as for
// the ALB. The per-GB charge is only noted: it depends on traffic the inventory does not see.
import type { Inventory } from '../aws/types';
import type { Pricer } from './network';
import type { PriceTable } from './prices';

export function draftClassicLoadBalancers(inventory: Inventory, prices: PriceTable | undefined, p: Pricer): void {
  for (const lb of inventory.classicLoadBalancers) {
    const base = {
      resourceId: lb.name,
      name: lb.name,
      ...(lb.createdTime ? { since: lb.createdTime } : {}),
      labCreated: p.lab(lb.tags),
    };
    const perGb = prices?.clbDataGb?.usd;
    p.add(
      {
        ...base,
        kind: 'loadBalancer',
        detail: {
          type: 'classic',
          scheme: lb.scheme,
          azs: lb.azs.length,
          processing: 'notMetered',
          ...(perGb !== undefined ? { perGbUsd: perGb } : {}),
        },
      },
      p.rate(prices?.clbHour, 1, 'loadBalancerType'),
      'albHours',
    );
    if (lb.scheme === 'internet-facing' && lb.azs.length > 0) {
      p.add(
        { ...base, kind: 'publicIpv4', detail: { source: 'loadBalancer', addresses: lb.azs.length } },
        p.rate(prices?.publicIpv4Hour, lb.azs.length, undefined),
      );
    }
  }
}
