// ELBv2 writes the lab needs, each safe to repeat: create-by-name is idempotent on AWS (same settings return the
// existing resource), and the helpers look first anyway so a changed setting is not an error.
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ModifyListenerCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { call, notRepeatedUnanswered, tagList, type Aws } from './call';

export async function findLoadBalancer(aws: Aws, name: string): Promise<LoadBalancer | undefined> {
  const found = await call(
    aws,
    'elasticloadbalancing:DescribeLoadBalancers',
    async (o) =>
      (await aws.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] }), o)).LoadBalancers ?? [],
    { LoadBalancerNotFound: () => [], LoadBalancerNotFoundException: () => [] },
  );
  return found[0];
}

export async function loadBalancerByArn(aws: Aws, arn: string): Promise<LoadBalancer | undefined> {
  const found = await call(
    aws,
    'elasticloadbalancing:DescribeLoadBalancers',
    async (o) =>
      (await aws.clients.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }), o)).LoadBalancers ??
      [],
    { LoadBalancerNotFound: () => [], LoadBalancerNotFoundException: () => [] },
  );
  return found[0];
}

export async function findTargetGroup(aws: Aws, name: string): Promise<TargetGroup | undefined> {
  const found = await call(
    aws,
    'elasticloadbalancing:DescribeTargetGroups',
    async (o) =>
      (await aws.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] }), o)).TargetGroups ?? [],
    { TargetGroupNotFound: () => [], TargetGroupNotFoundException: () => [] },
  );
  return found[0];
}

export async function ensureTargetGroup(
  aws: Aws,
  spec: { name: string; vpcId: string; port: number; healthCheckPath: string; tags: Readonly<Record<string, string>> },
): Promise<{ arn: string; created: boolean }> {
  const existing = await findTargetGroup(aws, spec.name);
  if (existing?.TargetGroupArn) return { arn: existing.TargetGroupArn, created: false };
  const out = await call(aws, 'elasticloadbalancing:CreateTargetGroup', (o) =>
    aws.clients.elbv2.send(
      notRepeatedUnanswered(
        new CreateTargetGroupCommand({
          Name: spec.name,
          Protocol: 'HTTP',
          Port: spec.port,
          VpcId: spec.vpcId,
          TargetType: 'instance',
          HealthCheckProtocol: 'HTTP',
          HealthCheckPath: spec.healthCheckPath,
          Tags: tagList(spec.tags),
        }),
      ),
      o,
    ),
  );
  return { arn: out.TargetGroups?.[0]?.TargetGroupArn ?? '', created: true };
}

export async function ensureLoadBalancer(
  aws: Aws,
  spec: {
    name: string;
    subnetIds: readonly string[];
    securityGroupIds: readonly string[];
    tags: Readonly<Record<string, string>>;
  },
): Promise<{ lb: LoadBalancer; created: boolean }> {
  const existing = await findLoadBalancer(aws, spec.name);
  if (existing) return { lb: existing, created: false };
  const out = await call(aws, 'elasticloadbalancing:CreateLoadBalancer', (o) =>
    aws.clients.elbv2.send(
      notRepeatedUnanswered(
        new CreateLoadBalancerCommand({
          Name: spec.name,
          Type: 'application',
          Scheme: 'internet-facing',
          IpAddressType: 'ipv4',
          Subnets: [...spec.subnetIds],
          SecurityGroups: [...spec.securityGroupIds],
          Tags: tagList(spec.tags),
        }),
      ),
      o,
    ),
  );
  const lb = out.LoadBalancers?.[0];
  if (!lb) throw new Error(`CreateLoadBalancer ${spec.name} returned no load balancer`);
  return { lb, created: true };
}

/** The subnets a load balancer is enabled in. */
export function subnetIdsOf(lb: LoadBalancer): string[] {
  return (lb.AvailabilityZones ?? []).flatMap((z) => (z.SubnetId ? [z.SubnetId] : []));
}

export async function setSubnets(aws: Aws, arn: string, subnetIds: readonly string[]): Promise<void> {
  await call(aws, 'elasticloadbalancing:SetSubnets', (o) =>
    aws.clients.elbv2.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: [...subnetIds] }), o),
  );
}

export async function setSecurityGroups(aws: Aws, arn: string, groupIds: readonly string[]): Promise<void> {
  await call(aws, 'elasticloadbalancing:SetSecurityGroups', (o) =>
    aws.clients.elbv2.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [...groupIds] }), o),
  );
}

/** The listener on a port forwards to the target group: created, or its default action changed. */
export async function ensureForwardListener(
  aws: Aws,
  lbArn: string,
  port: number,
  targetGroupArn: string,
  tags: Readonly<Record<string, string>> = {},
): Promise<{ arn: string; created: boolean }> {
  const listeners = await call(
    aws,
    'elasticloadbalancing:DescribeListeners',
    async (o) =>
      (await aws.clients.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }), o)).Listeners ?? [],
  );
  const forward = [{ Type: 'forward' as const, TargetGroupArn: targetGroupArn }];
  const onPort = listeners.find((l) => l.Port === port);
  if (onPort?.ListenerArn) {
    const forwards = (onPort.DefaultActions ?? []).some(
      (a) =>
        a.Type === 'forward' &&
        (a.TargetGroupArn === targetGroupArn ||
          a.ForwardConfig?.TargetGroups?.some((g) => g.TargetGroupArn === targetGroupArn)),
    );
    if (!forwards) {
      await call(aws, 'elasticloadbalancing:ModifyListener', (o) =>
        aws.clients.elbv2.send(
          new ModifyListenerCommand({ ListenerArn: onPort.ListenerArn, DefaultActions: forward }),
          o,
        ),
      );
    }
    return { arn: onPort.ListenerArn, created: false };
  }
  const out = await call(aws, 'elasticloadbalancing:CreateListener', (o) =>
    aws.clients.elbv2.send(
      notRepeatedUnanswered(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: port,
          DefaultActions: forward,
          ...(Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {}),
        }),
      ),
      o,
    ),
  );
  return { arn: out.Listeners?.[0]?.ListenerArn ?? '', created: true };
}

export async function registerTargets(
  aws: Aws,
  targetGroupArn: string,
  targets: readonly { id: string; port?: number }[],
): Promise<void> {
  if (targets.length === 0) return;
  await call(aws, 'elasticloadbalancing:RegisterTargets', (o) =>
    aws.clients.elbv2.send(
      new RegisterTargetsCommand({
        TargetGroupArn: targetGroupArn,
        Targets: targets.map((t) => ({ Id: t.id, ...(t.port ? { Port: t.port } : {}) })),
      }),
      o,
    ),
  );
}

export async function deregisterTargets(aws: Aws, targetGroupArn: string, ids: readonly string[]): Promise<void> {
  await call(aws, 'elasticloadbalancing:DeregisterTargets', (o) =>
    aws.clients.elbv2.send(
      new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: ids.map((Id) => ({ Id })) }),
      o,
    ),
  );
}

export async function setHealthCheckPath(aws: Aws, targetGroupArn: string, path: string): Promise<void> {
  await call(aws, 'elasticloadbalancing:ModifyTargetGroup', (o) =>
    aws.clients.elbv2.send(new ModifyTargetGroupCommand({ TargetGroupArn: targetGroupArn, HealthCheckPath: path }), o),
  );
}

export async function addTags(aws: Aws, arn: string, tags: Readonly<Record<string, string>>): Promise<void> {
  await call(aws, 'elasticloadbalancing:AddTags', (o) =>
    aws.clients.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: tagList(tags) }), o),
  );
}
