// Classic Load Balancers on the diagram: a bar like the ALB's across the columns of its AZs, its health counted
// over the instances registered on it (InService is healthy), and those instances' chips coloured by it.
import type { Inventory, TargetHealthState } from '../../aws/types';
import type { Translate } from '../translate';
import type { Tone } from '../explorer/text';
import type { DiagramRef } from './ref';

/** model.ts's Span and LoadBalancerBar, restated so this file does not import the model that imports it. */
interface Span {
  readonly first: number;
  readonly last: number;
}
interface ClassicBar {
  readonly ref: DiagramRef;
  readonly name: string;
  readonly scheme: string;
  readonly type: 'classic';
  readonly state: string;
  readonly tone: Tone;
  readonly span: Span;
  readonly subnetIds: readonly string[];
  readonly targets: number;
  readonly healthy: number;
}

/** What a CLB instance's state reads as on a chip, in the target words the chips already speak. */
const CHIP_HEALTH: Readonly<Record<string, TargetHealthState>> = { InService: 'healthy', OutOfService: 'unhealthy' };

/** Each registered instance's health (the first CLB that has it), for the chips. */
export function classicHealth(inv: Inventory): Map<string, TargetHealthState> {
  const out = new Map<string, TargetHealthState>();
  for (const lb of inv.classicLoadBalancers)
    for (const i of lb.instances) {
      const h = CHIP_HEALTH[i.state];
      if (h && !out.has(i.id)) out.set(i.id, h);
    }
  return out;
}

export function classicBars(
  inv: Inventory,
  vpcId: string,
  vpcRef: DiagramRef,
  spanOf: (azs: readonly string[]) => Span | undefined,
): ClassicBar[] {
  return inv.classicLoadBalancers
    .filter((lb) => lb.vpcId === vpcId)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .flatMap((lb) => {
      const span = spanOf(lb.azs);
      if (!span) return [];
      const healthy = lb.instances.filter((i) => i.state === 'InService').length;
      const bar: ClassicBar = {
        ref: { kind: 'loadBalancer', id: lb.name, fallback: vpcRef },
        name: lb.name,
        scheme: lb.scheme,
        type: 'classic',
        // A CLB has no state of its own: it is active while it exists.
        state: 'active',
        tone: healthy > 0 ? 'ok' : lb.instances.length > 0 ? 'bad' : 'neutral',
        span,
        subnetIds: lb.subnetIds,
        targets: lb.instances.length,
        healthy,
      };
      return [bar];
    });
}

/** The load balancer's type as the console names it. */
export function loadBalancerTypeText(type: string, t: Translate): string {
  switch (type) {
    case 'application':
      return t('Application Load Balancer');
    case 'network':
      return t('Network Load Balancer');
    case 'classic':
      return t('Classic Load Balancer');
    default:
      return type;
  }
}
