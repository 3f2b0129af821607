// 1.7 with seed 001's Classic Load Balancer: why a registered instance is OutOfService, from the account (the
// instance, its groups, the CLB's groups and AZs, the health check's target) and the pages observed, each cause
// with its fix. The CLB is seen by the shared security-group reasoning as a load balancer in its AZs' subnets.
import type { ClassicInstanceHealth, ClassicLoadBalancer, Instance, Inventory, LoadBalancer } from '../../aws/types';
import { CLASSIC_ARG } from '../classicCodes';
import { fix, reason } from '../codes';
import { instanceHost, type LabRoles } from '../roles';
import type { CheckInput, Fix } from '../types';
import { enableAzFix, imageProblem, instanceStateCause, securityGroupCause } from './diagnosis';
import type { Problem } from './kit';
import { cidrContains, coversTcpPort, groupsOf, knowsGroups } from './securityRules';

/** AWS's description of an instance whose registration is still in progress. */
export const REGISTERING = 'Instance registration is still in progress.';

/** Seconds until a new instance can be InService: interval × healthy threshold (console: 30 s × 10). */
export function secondsToInService(clb: ClassicLoadBalancer): number {
  return clb.healthCheck.intervalSeconds * clb.healthCheck.healthyThreshold;
}

/** The instance port behind the HTTP:80 listener (80 when it has none: the lab's). */
export function classicInstancePort(clb: ClassicLoadBalancer): number {
  return httpListenerOf(clb)?.instancePort ?? 80;
}

export function httpListenerOf(clb: ClassicLoadBalancer) {
  return clb.listeners.find((l) => l.protocol.toUpperCase() === 'HTTP' && l.port === 80);
}

/**
 * The CLB as the shared reasoning sees a load balancer: its groups, its AZs with their subnets, its listeners'
 * ports. It has no ARN: fixes made over it are rewritten by forClassic.
 */
export function asBalancer(inv: Inventory, clb: ClassicLoadBalancer): LoadBalancer {
  const zones = clb.subnetIds.flatMap((id) => {
    const s = inv.subnets.find((x) => x.id === id);
    return s ? [{ az: s.az, subnetId: id }] : [];
  });
  for (const az of clb.azs) if (!zones.some((z) => z.az === az)) zones.push({ az, subnetId: '' });
  return {
    arn: '',
    name: clb.name,
    dnsName: clb.dnsName,
    scheme: clb.scheme,
    type: 'classic',
    state: 'active',
    ...(clb.vpcId ? { vpcId: clb.vpcId } : {}),
    zones,
    securityGroupIds: clb.securityGroupIds,
    ...(clb.createdTime ? { createdTime: clb.createdTime } : {}),
    listeners: clb.listeners.map((l) => ({
      arn: '',
      protocol: l.protocol,
      port: l.port,
      forwardTo: [],
      defaultActionTypes: [],
    })),
    tags: clb.tags,
  };
}

/** A fix made for a load balancer, aimed at the CLB: its name instead of an ARN, and the classic marker. */
export function classicFix(clb: ClassicLoadBalancer, f: Fix): Fix {
  if (!('loadBalancerArn' in f.args) && !('targetGroupArn' in f.args)) return f;
  const { loadBalancerArn: _lb, targetGroupArn: _tg, ...rest } = f.args;
  return fix(f.code as Parameters<typeof fix>[0], { ...rest, loadBalancerName: clb.name, [CLASSIC_ARG]: 'yes' });
}

/** A problem whose fixes are aimed at the CLB. */
export function forClassic(clb: ClassicLoadBalancer): (p: Problem) => Problem {
  return (p) => (p.fixes ? { ...p, fixes: p.fixes.map((f) => classicFix(clb, f)) } : p);
}

/** Whether the CLB's groups let it send to an instance on a port (a new group allows all outbound; one may not). */
function egressAdmits(inv: Inventory, clb: ClassicLoadBalancer, instance: Instance, port: number): boolean {
  const groups = groupsOf(inv, clb.securityGroupIds);
  const instanceGroups = new Set(instance.securityGroups.map((g) => g.id));
  return groups.some((g) =>
    g.outbound.some((r) => {
      if (!coversTcpPort(r, port)) return false;
      if (r.source.kind === 'group') return instanceGroups.has(r.source.groupId);
      if (r.source.kind === 'cidr')
        return instance.privateIp !== undefined && cidrContains(r.source.cidr, instance.privateIp);
      return false;
    }),
  );
}

/** The health check's target with another path, as ConfigureHealthCheck takes it ("HTTP:80/index.html"). */
function targetWithPath(clb: ClassicLoadBalancer, path: string): string {
  return `${clb.healthCheck.protocol}:${clb.healthCheck.port}${path}`;
}

/** Every cause that keeps one registered instance OutOfService. */
export function diagnoseClassicInstance(
  input: CheckInput,
  roles: LabRoles,
  clb: ClassicLoadBalancer,
  row: ClassicInstanceHealth,
): Problem[] {
  if (row.state === 'InService') return [];
  const inv = input.inventory;
  const instance = inv.instances.find((i) => i.id === row.id);
  const name = instance?.name ?? row.id;
  const base = { id: row.id, instance: name };
  if (!instance)
    return [
      {
        reason: reason('clb.instanceGone', { ...base, name: clb.name }),
        fixes: [
          fix('deregisterTarget', {
            targetGroup: clb.name,
            instanceId: row.id,
            loadBalancerName: clb.name,
            [CLASSIC_ARG]: 'yes',
          }),
        ],
      },
    ];
  const lb = asBalancer(inv, clb);
  const image = imageProblem(inv, roles, instance, base);
  const problems: Problem[] = image ? [image] : [];
  const down = instanceStateCause(instance, base);
  if (down) problems.push(down);
  if (!clb.azs.includes(instance.az))
    problems.push({
      reason: reason('diagnosis.azNotEnabled', {
        ...base,
        az: instance.az,
        name: clb.name,
        enabled: clb.azs.join(', '),
      }),
      fixes: [classicFix(clb, enableAzFix(inv, lb, instance))],
    });
  const port = clb.healthCheck.port;
  const blocked = securityGroupCause(inv, lb, instance, port, base);
  if (blocked) problems.push(blocked);
  if (knowsGroups(inv, clb.securityGroupIds) && !egressAdmits(inv, clb, instance, port)) {
    const group = inv.securityGroups.find((g) => g.id === clb.securityGroupIds[0]);
    const target = instance.securityGroups[0];
    problems.push({
      reason: reason('clb.groupNoEgress', {
        ...base,
        name: clb.name,
        port,
        groupId: group?.id,
        groupName: group?.name || group?.id,
      }),
      fixes:
        group && target
          ? [
              fix('authorizeEgress', {
                groupId: group.id,
                groupName: group.name || group.id,
                protocol: 'tcp',
                port,
                sourceGroupId: target.id,
                sourceGroupName: target.name || target.id,
              }),
            ]
          : [],
    });
  }
  const path = clb.healthCheck.path;
  const host = instanceHost(instance);
  const seen = path !== undefined && host ? input.observations.get(`${host}${path}`) : undefined;
  if (path !== undefined && seen?.status !== undefined && seen.status !== 200) {
    const suggested = path === '/index.html' ? '/' : '/index.html';
    problems.push({
      reason: reason('clb.healthCheckPath', {
        ...base,
        name: clb.name,
        target: clb.healthCheck.target,
        path,
        status: seen.status,
      }),
      fixes: [
        fix('setHealthCheckPath', {
          targetGroup: clb.name,
          path: suggested,
          target: targetWithPath(clb, suggested),
          loadBalancerName: clb.name,
          [CLASSIC_ARG]: 'yes',
        }),
      ],
    });
  }
  if (problems.length === 0) {
    problems.push(
      row.description === REGISTERING
        ? {
            reason: reason('clb.registering', {
              ...base,
              name: clb.name,
              seconds: secondsToInService(clb),
              interval: clb.healthCheck.intervalSeconds,
              threshold: clb.healthCheck.healthyThreshold,
            }),
          }
        : {
            reason: reason('clb.unknown', {
              ...base,
              state: row.state,
              reasonCode: row.reasonCode ?? '',
              description: row.description ?? '',
            }),
          },
    );
  }
  return problems;
}

/** Causes for every registered instance of the CLB that is not InService. */
export function diagnoseClassic(input: CheckInput, roles: LabRoles, clb: ClassicLoadBalancer): Problem[] {
  return clb.instances.flatMap((row) => diagnoseClassicInstance(input, roles, clb, row));
}
