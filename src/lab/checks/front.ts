// The load balancer's front door: what lets the internet reach it (its own security groups, public subnets),
// and why it answers nothing. Shared by 1.6-1.9, so each names the same cause and offers the same fix.
import type { Inventory, LoadBalancer } from '../../aws/types';
import type { Problem } from './kit';
import { fix, reason } from '../codes';
import type { LabRoles } from '../roles';
import { addressRules, groupsOf } from './securityRules';

/** The ports the load balancer listens on (80 when it has no listener yet: the lab's). */
const listenerPorts = (lb: LoadBalancer) =>
  lb.listeners.length > 0 ? [...new Set(lb.listeners.map((l) => l.port))] : [80];

/**
 * Why the internet cannot reach the load balancer itself: its groups admit no address on a listener's port (the
 * console's default for a new group: no inbound rule), or an internet-facing one sits in subnets without a route
 * to an internet gateway.
 */
export function frontProblems(inv: Inventory, lb: LoadBalancer): Problem[] {
  const problems: Problem[] = [];
  const groups = groupsOf(inv, lb.securityGroupIds);
  // An NLB without groups admits everything; a group we cannot see is judged elsewhere (unknown section).
  if (lb.securityGroupIds.length > 0 && groups.length === lb.securityGroupIds.length) {
    // A rule from the VPC's own range admits nobody from the internet.
    const vpcCidrs = inv.vpcs.filter((v) => v.id === lb.vpcId).map((v) => v.cidr);
    for (const port of listenerPorts(lb)) {
      if (addressRules(groups, port, lb.scheme === 'internet-facing' ? vpcCidrs : []).length > 0) continue;
      const first = groups[0];
      problems.push({
        reason: reason('alb.groupClosed', {
          name: lb.name,
          port,
          groupId: first?.id,
          groupName: first?.name || first?.id,
        }),
        fixes: first
          ? [
              fix('authorizeIngress', {
                groupId: first.id,
                groupName: first.name || first.id,
                protocol: 'tcp',
                port,
                cidr: '0.0.0.0/0',
              }),
            ]
          : [],
      });
    }
  }
  if (lb.scheme === 'internet-facing') {
    for (const zone of lb.zones) {
      const subnet = inv.subnets.find((s) => s.id === zone.subnetId);
      if (subnet && !subnet.isPublic) {
        const publicOne = inv.subnets.find((s) => s.vpcId === subnet.vpcId && s.az === zone.az && s.isPublic);
        problems.push({
          reason: reason('alb.privateSubnet', {
            name: lb.name,
            subnetId: subnet.id,
            subnetName: subnet.name ?? subnet.id,
            az: zone.az,
            publicSubnet: publicOne ? (publicOne.name ?? publicOne.id) : '',
          }),
          // The public subnet of the same AZ takes its place (a load balancer has one subnet per AZ).
          fixes: publicOne
            ? [
                fix('moveToSubnet', {
                  loadBalancerArn: lb.arn,
                  name: lb.name,
                  fromSubnetId: subnet.id,
                  toSubnetId: publicOne.id,
                  toSubnetName: publicOne.name ?? publicOne.id,
                }),
              ]
            : [],
        });
      }
    }
  }
  return problems;
}

/** Why the load balancer gave no answer, from the account: its front door, its listener, its targets. */
export function silenceCauses(inv: Inventory, roles: LabRoles): Problem[] {
  const lb = roles.loadBalancer;
  if (!lb) return [];
  const causes = frontProblems(inv, lb);
  if (!roles.listener) causes.push({ reason: reason('alb.noListener', { name: lb.name, port: 80 }) });
  const tg = roles.targetGroup;
  if (!tg) return causes;
  if (tg.targets.length === 0) causes.push({ reason: reason('targets.none', { targetGroup: tg.name }) });
  else if (!tg.targets.some((t) => t.state === 'healthy')) {
    for (const t of tg.targets) {
      const instance = inv.instances.find((i) => i.id === t.id);
      causes.push({
        reason: reason('target.notHealthy', {
          targetGroup: tg.name,
          instance: instance?.name ?? t.id,
          id: t.id,
          state: t.state,
          reason: t.reason ?? '',
        }),
        fixes:
          instance?.state === 'stopped'
            ? [fix('startInstance', { instanceId: instance.id, name: instance.name ?? instance.id })]
            : [],
      });
    }
  }
  return causes;
}
