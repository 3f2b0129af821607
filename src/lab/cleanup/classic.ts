// Classic Load Balancers in cleanup: planned as load balancers (the same stage, before the instances registered on
// them and the security groups they use), named by their name (ELB v1 has no ARN), deleted with ELB v1's call. AWS
// drops a CLB at once but its network interfaces linger a little: its group's "in use" is retried by run.ts.
import { DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { call, type Aws } from '../../aws/actions/call';
import type { Inventory } from '../../aws/types';
import { isLabTagged } from '../types';

/** A CLB as a plan candidate (the shape plan.ts's candidates have). */
export interface ClassicCandidate {
  readonly kind: 'loadBalancer';
  readonly id: string;
  readonly name: string;
  readonly tagged: boolean;
  readonly parent?: string;
  readonly listable: true;
  readonly classic: true;
}

export function classicCandidates(inv: Inventory, inVpc: (vpcId: string | undefined) => { parent?: string }) {
  return inv.classicLoadBalancers.map((lb): ClassicCandidate => ({
    kind: 'loadBalancer',
    id: lb.name,
    name: lb.name,
    tagged: isLabTagged(lb.tags),
    ...inVpc(lb.vpcId),
    listable: true,
    classic: true,
  }));
}

/** The security groups the account's CLBs use: a database's group they share is not the database's alone. */
export function classicGroupIds(inv: Inventory): string[] {
  return inv.classicLoadBalancers.flatMap((lb) => lb.securityGroupIds);
}

/** ELB v1's DeleteLoadBalancer: succeeds for a name already gone, so a rerun is quiet. */
export const deleteClassicLoadBalancer = (aws: Aws, name: string) =>
  call(aws, 'elasticloadbalancing:DeleteLoadBalancer', (o) =>
    aws.clients.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: name }), o),
  );
