// 1.7: why a target is not healthy, from the inventory (and the pages observed), each cause with its one fix.
// Seed 001's lesson: the instance's security group admitted only the student's IP, so the ALB's health checks
// timed out; the fix was an inbound rule HTTP 80 from the ALB's security group.
import type { Instance, Inventory, LoadBalancer, Target, TargetGroup } from '../../aws/types';
import type { Problem } from './kit';
import { fix, reason } from '../codes';
import { fromLabImage, instanceHost, labImageName, type LabRoles } from '../roles';
import { admitsLoadBalancer, groupsOf, knowsGroups, loadBalancerCidrs } from './securityRules';
import type { CheckInput, Fix } from '../types';

/** Seconds until a new target can be healthy: interval × healthy threshold (console defaults 30 s × 5). */
export function secondsToHealthy(tg: TargetGroup): number {
  return (tg.healthCheck.intervalSeconds ?? 30) * (tg.healthCheck.healthyThreshold ?? 5);
}

/** The port the health checks use: the group's, or the target's when it says "traffic-port". */
export function healthCheckPort(tg: TargetGroup, target: Target): number {
  const p = tg.healthCheck.port;
  const n = p && p !== 'traffic-port' ? Number(p) : NaN;
  return Number.isFinite(n) ? n : (target.port ?? tg.port ?? 80);
}

function matcherAccepts(matcher: string | undefined, status: number): boolean {
  const spec = matcher ?? '200';
  return spec.split(',').some((part) => {
    const [from, to] = part.trim().split('-').map(Number);
    if (from === undefined || !Number.isFinite(from)) return false;
    return to !== undefined && Number.isFinite(to) ? from <= status && status <= to : status === from;
  });
}

/** A subnet for an AZ the load balancer lacks: the instance's own when in the same VPC, else the AZ's default. */
function subnetFor(inv: Inventory, lb: LoadBalancer, instance: Instance): string | undefined {
  const inVpc = inv.subnets.filter((s) => s.vpcId === lb.vpcId && s.az === instance.az);
  return (
    inVpc.find((s) => s.id === instance.subnetId) ??
    inVpc.find((s) => s.isDefaultForAz) ??
    inVpc.find((s) => s.isPublic) ??
    inVpc[0]
  )?.id;
}

export function enableAzFix(inv: Inventory, lb: LoadBalancer, instance: Instance): Fix {
  return fix('enableAz', {
    loadBalancerArn: lb.arn,
    name: lb.name,
    az: instance.az,
    subnetId: subnetFor(inv, lb, instance),
  });
}

/** The inbound rule that lets the load balancer reach an instance: on the instance's first group, from the ALB's first. */
export function admitLoadBalancerFix(
  inv: Inventory,
  lb: LoadBalancer,
  instance: Instance,
  port: number,
): Fix | undefined {
  const target = instance.securityGroups[0];
  if (!target) return undefined;
  const sourceGroupId = lb.securityGroupIds[0];
  if (sourceGroupId) {
    const source = inv.securityGroups.find((g) => g.id === sourceGroupId);
    return fix('authorizeIngress', {
      groupId: target.id,
      groupName: target.name || target.id,
      protocol: 'tcp',
      port,
      sourceGroupId,
      sourceGroupName: source?.name ?? sourceGroupId,
    });
  }
  // A load balancer without security groups (NLB): its subnets' CIDRs.
  const cidr = loadBalancerCidrs(inv, lb)[0];
  return cidr
    ? fix('authorizeIngress', { groupId: target.id, groupName: target.name || target.id, protocol: 'tcp', port, cidr })
    : undefined;
}

/**
 * The instance's groups do not admit the load balancer on the health checks' port (seed 001's lesson), with the
 * inbound rule that does; undefined when they admit it or are not known.
 */
export function securityGroupCause(
  inv: Inventory,
  lb: LoadBalancer,
  instance: Instance,
  port: number,
  base: { id: string; instance: string },
): Problem | undefined {
  const groupIds = instance.securityGroups.map((g) => g.id);
  if (!knowsGroups(inv, groupIds) || admitsLoadBalancer(groupsOf(inv, groupIds), inv, lb, port)) return undefined;
  const f = admitLoadBalancerFix(inv, lb, instance, port);
  return {
    reason: reason('diagnosis.securityGroup', {
      ...base,
      port,
      groupId: f?.args.groupId ?? groupIds[0],
      groupName: f?.args.groupName ?? instance.securityGroups[0]?.name,
      sourceGroupId: f?.args.sourceGroupId,
      sourceGroupName: f?.args.sourceGroupName,
      cidr: f?.args.cidr,
    }),
    fixes: f ? [f] : [],
  };
}

/** The path to suggest when the health-check path fails: the handouts' /index.html, or / when that is the one failing. */
function suggestedPath(current: string | undefined): string {
  return current === '/index.html' ? '/' : '/index.html';
}

/**
 * A server besides WebServer launched from another AMI than the lab's (Amazon's own, as WebServer was): it has no
 * httpd and no page, so nothing on the account can make it healthy. An AMI cannot change: launch it again.
 */
export function imageProblem(
  inv: Inventory,
  roles: LabRoles,
  instance: Instance,
  base: { id: string; instance: string },
): Problem | undefined {
  const ws = roles.webServer;
  // Without the storage section the AMIs are unknown, not absent.
  if (!ws || instance.id === ws.id || inv.problems.some((p) => p.section === 'storage')) return undefined;
  if (fromLabImage(inv, roles, instance)) return undefined;
  const code = instance.imageId === ws.imageId ? 'diagnosis.stockImage' : 'diagnosis.notFromImage';
  return {
    reason: reason(code, {
      ...base,
      imageId: instance.imageId,
      webServer: ws.name ?? ws.id,
      image: labImageName(roles),
    }),
  };
}

/** A stopped instance (with the start that fixes it) or one still starting: no load balancer can reach it yet. */
export function instanceStateCause(instance: Instance, base: { id: string; instance: string }): Problem | undefined {
  if (instance.state === 'stopped' || instance.state === 'stopping')
    return {
      reason: reason('diagnosis.instanceStopped', { ...base, state: instance.state }),
      fixes: [fix('startInstance', { instanceId: instance.id, name: base.instance })],
    };
  if (instance.state === 'pending')
    return { reason: reason('diagnosis.instanceStarting', { ...base, state: instance.state }) };
  return undefined;
}

/** Every cause that keeps one target from being healthy (several can hold at once: a stopped instance may also be blocked). */
export function diagnoseTarget(
  input: CheckInput,
  lb: LoadBalancer,
  tg: TargetGroup,
  target: Target,
  inLoadBalancer: boolean,
  roles: LabRoles,
): Problem[] {
  const inv = input.inventory;
  const instance = inv.instances.find((i) => i.id === target.id);
  const name = instance?.name ?? target.id;
  const base = { id: target.id, instance: name };
  if (target.state === 'healthy') return [];
  if (!instance) {
    return [
      {
        reason: reason('diagnosis.instanceGone', { ...base, targetGroup: tg.name }),
        fixes: [fix('deregisterTarget', { targetGroupArn: tg.arn, targetGroup: tg.name, instanceId: target.id })],
      },
    ];
  }
  if (target.state === 'draining' || target.state === 'unhealthy.draining')
    return [{ reason: reason('diagnosis.draining', base) }];

  // What no fix in place can change comes first: starting or admitting it would not make it healthy.
  const image = imageProblem(inv, roles, instance, base);
  const problems: Problem[] = image ? [image] : [];
  const down = instanceStateCause(instance, base);
  if (down) problems.push(down);
  if (!inLoadBalancer) {
    problems.push({
      reason: reason('diagnosis.targetGroupNotInUse', { targetGroup: tg.name, name: lb.name }),
      fixes: [
        fix('forwardToTargetGroup', {
          loadBalancerArn: lb.arn,
          name: lb.name,
          targetGroupArn: tg.arn,
          targetGroup: tg.name,
          port: 80,
        }),
      ],
    });
  }
  if (!lb.zones.some((z) => z.az === instance.az)) {
    problems.push({
      reason: reason('diagnosis.azNotEnabled', {
        ...base,
        az: instance.az,
        name: lb.name,
        enabled: lb.zones.map((z) => z.az).join(', '),
      }),
      fixes: [enableAzFix(inv, lb, instance)],
    });
  }
  const blocked = securityGroupCause(inv, lb, instance, healthCheckPort(tg, target), base);
  if (blocked) problems.push(blocked);
  const path = tg.healthCheck.path ?? '/';
  const host = instanceHost(instance);
  const seen = host ? input.observations.get(`${host}${path}`) : undefined;
  const pathFails =
    seen?.status !== undefined
      ? !matcherAccepts(tg.healthCheck.matcher, seen.status)
      : target.reason === 'Target.ResponseCodeMismatch';
  if (pathFails) {
    problems.push({
      reason: reason('diagnosis.healthCheckPath', {
        ...base,
        path,
        status: seen?.status ?? target.description ?? '',
        targetGroup: tg.name,
      }),
      fixes: [fix('setHealthCheckPath', { targetGroupArn: tg.arn, targetGroup: tg.name, path: suggestedPath(path) })],
    });
  }
  if (problems.length === 0) {
    problems.push(
      target.state === 'initial'
        ? { reason: reason('diagnosis.initial', { ...base, seconds: secondsToHealthy(tg) }) }
        : {
            reason: reason('diagnosis.unknown', {
              ...base,
              state: target.state,
              reason: target.reason ?? '',
              description: target.description ?? '',
            }),
          },
    );
  }
  return problems;
}

/** Causes for every target of the lab's target group that is not healthy. */
export function diagnoseTargets(input: CheckInput, roles: LabRoles): Problem[] {
  const lb = roles.loadBalancer;
  const tg = roles.targetGroup;
  if (!lb || !tg) return [];
  const inLoadBalancer = lb.listeners.some((l) => l.forwardTo.includes(tg.arn)) || tg.loadBalancerArns.includes(lb.arn);
  return tg.targets.flatMap((t) => diagnoseTarget(input, lb, tg, t, inLoadBalancer, roles));
}
