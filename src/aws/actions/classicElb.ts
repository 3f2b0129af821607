// ELB v1 (Classic Load Balancer) writes for seed 001's 1.6 and 1.7's fixes, each safe to repeat: CreateLoadBalancer
// with the same settings returns the existing one, Register and Attach ignore what is there already, and every
// helper looks first so a rerun adopts instead of failing.
import {
  AddTagsCommand,
  ApplySecurityGroupsToLoadBalancerCommand,
  AttachLoadBalancerToSubnetsCommand,
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  CreateLoadBalancerListenersCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancersCommand,
  RegisterInstancesWithLoadBalancerCommand,
  type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import { call, tagList, type Aws } from './call';

const NOT_FOUND = { LoadBalancerNotFound: () => [], AccessPointNotFoundException: () => [] };

export async function findClassicLoadBalancer(aws: Aws, name: string): Promise<LoadBalancerDescription | undefined> {
  const found = await call(
    aws,
    'elasticloadbalancing:DescribeLoadBalancers',
    async (o) =>
      (await aws.clients.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] }), o))
        .LoadBalancerDescriptions ?? [],
    NOT_FOUND,
  );
  return found[0];
}

export interface ClassicSpec {
  readonly name: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Listener HTTP port -> instance HTTP port (the lab's: 80 -> 80). */
  readonly port: number;
  readonly tags: Readonly<Record<string, string>>;
}

/** The CLB by name, created with one HTTP listener when it does not exist; `created` says which. */
export async function ensureClassicLoadBalancer(
  aws: Aws,
  spec: ClassicSpec,
): Promise<{ lb: LoadBalancerDescription; created: boolean }> {
  const existing = await findClassicLoadBalancer(aws, spec.name);
  if (existing) return { lb: existing, created: false };
  await call(aws, 'elasticloadbalancing:CreateLoadBalancer', (o) =>
    aws.clients.elb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: spec.name,
        Listeners: [
          { Protocol: 'HTTP', LoadBalancerPort: spec.port, InstanceProtocol: 'HTTP', InstancePort: spec.port },
        ],
        Subnets: [...spec.subnetIds],
        SecurityGroups: [...spec.securityGroupIds],
        Tags: tagList(spec.tags),
      }),
      o,
    ),
  );
  const lb = await findClassicLoadBalancer(aws, spec.name);
  if (!lb) throw new Error(`Classic Load Balancer ${spec.name} neither found nor created`);
  return { lb, created: true };
}

/** Adds the HTTP listener when the CLB has none on that port (a hand-made one may listen elsewhere). */
export async function ensureClassicHttpListener(aws: Aws, lb: LoadBalancerDescription, port: number): Promise<void> {
  if ((lb.ListenerDescriptions ?? []).some((d) => d.Listener?.LoadBalancerPort === port)) return;
  await call(aws, 'elasticloadbalancing:CreateLoadBalancerListeners', (o) =>
    aws.clients.elb.send(
      new CreateLoadBalancerListenersCommand({
        LoadBalancerName: lb.LoadBalancerName ?? '',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: port, InstanceProtocol: 'HTTP', InstancePort: port }],
      }),
      o,
    ),
  );
}

export interface ClassicHealthCheckSpec {
  readonly target: string;
  readonly interval: number;
  readonly timeout: number;
  readonly healthy: number;
  readonly unhealthy: number;
}

/** What the console sets for a new CLB: HTTP:80/index.html, every 30 s, timeout 5 s, healthy 10, unhealthy 2. */
export const CONSOLE_HEALTH_CHECK: ClassicHealthCheckSpec = {
  target: 'HTTP:80/index.html',
  interval: 30,
  timeout: 5,
  healthy: 10,
  unhealthy: 2,
};

export async function configureClassicHealthCheck(aws: Aws, name: string, hc: ClassicHealthCheckSpec): Promise<void> {
  await call(aws, 'elasticloadbalancing:ConfigureHealthCheck', (o) =>
    aws.clients.elb.send(
      new ConfigureHealthCheckCommand({
        LoadBalancerName: name,
        HealthCheck: {
          Target: hc.target,
          Interval: hc.interval,
          Timeout: hc.timeout,
          HealthyThreshold: hc.healthy,
          UnhealthyThreshold: hc.unhealthy,
        },
      }),
      o,
    ),
  );
}

/** 1.7's fix of the ping path: the same check with another target. */
export async function setClassicHealthCheckTarget(aws: Aws, name: string, target: string): Promise<void> {
  const hc = (await findClassicLoadBalancer(aws, name))?.HealthCheck;
  await configureClassicHealthCheck(aws, name, {
    target,
    interval: hc?.Interval ?? CONSOLE_HEALTH_CHECK.interval,
    timeout: hc?.Timeout ?? CONSOLE_HEALTH_CHECK.timeout,
    healthy: hc?.HealthyThreshold ?? CONSOLE_HEALTH_CHECK.healthy,
    unhealthy: hc?.UnhealthyThreshold ?? CONSOLE_HEALTH_CHECK.unhealthy,
  });
}

export async function registerClassicInstances(aws: Aws, name: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await call(aws, 'elasticloadbalancing:RegisterInstancesWithLoadBalancer', (o) =>
    aws.clients.elb.send(
      new RegisterInstancesWithLoadBalancerCommand({
        LoadBalancerName: name,
        Instances: ids.map((InstanceId) => ({ InstanceId })),
      }),
      o,
    ),
  );
}

export async function deregisterClassicInstances(aws: Aws, name: string, ids: readonly string[]): Promise<void> {
  await call(aws, 'elasticloadbalancing:DeregisterInstancesFromLoadBalancer', (o) =>
    aws.clients.elb.send(
      new DeregisterInstancesFromLoadBalancerCommand({
        LoadBalancerName: name,
        Instances: ids.map((InstanceId) => ({ InstanceId })),
      }),
      o,
    ),
  );
}

/** Enables AZs by their subnets (a CLB in a VPC has one subnet per AZ). */
export async function attachClassicSubnets(aws: Aws, name: string, subnetIds: readonly string[]): Promise<void> {
  if (subnetIds.length === 0) return;
  await call(aws, 'elasticloadbalancing:AttachLoadBalancerToSubnets', (o) =>
    aws.clients.elb.send(
      new AttachLoadBalancerToSubnetsCommand({ LoadBalancerName: name, Subnets: [...subnetIds] }),
      o,
    ),
  );
}

export async function setClassicSecurityGroups(aws: Aws, name: string, groupIds: readonly string[]): Promise<void> {
  await call(aws, 'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer', (o) =>
    aws.clients.elb.send(
      new ApplySecurityGroupsToLoadBalancerCommand({ LoadBalancerName: name, SecurityGroups: [...groupIds] }),
      o,
    ),
  );
}

export async function addClassicTags(aws: Aws, name: string, tags: Readonly<Record<string, string>>): Promise<void> {
  await call(aws, 'elasticloadbalancing:AddTags', (o) =>
    aws.clients.elb.send(new AddTagsCommand({ LoadBalancerNames: [name], Tags: tagList(tags) }), o),
  );
}

/** The IDs of the instances InService on the CLB (DescribeInstanceHealth). */
export async function classicInService(aws: Aws, name: string): Promise<Set<string>> {
  const out = await call(aws, 'elasticloadbalancing:DescribeInstanceHealth', (o) =>
    aws.clients.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: name }), o),
  );
  return new Set(
    (out.InstanceStates ?? [])
      .filter((s) => s.State === 'InService')
      .flatMap((s) => (s.InstanceId ? [s.InstanceId] : [])),
  );
}
