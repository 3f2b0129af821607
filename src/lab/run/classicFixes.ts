// The fixes a check names for seed 001's Classic Load Balancer (their args carry its name and the `classic`
// marker instead of an ARN) as ELB v1 calls, and the outbound rule its group may lack. Each is safe to repeat.
import { AuthorizeSecurityGroupEgressCommand } from '@aws-sdk/client-ec2';
import {
  attachClassicSubnets,
  deregisterClassicInstances,
  registerClassicInstances,
  setClassicHealthCheckTarget,
  setClassicSecurityGroups,
} from '../../aws/actions/classicElb';
import { call } from '../../aws/actions/call';
import { authorizeIngress, ensureSecurityGroup, ipPermission } from '../../aws/actions/ec2';
import { CLASSIC_ARG } from '../classicCodes';
import type { FixCode } from '../codes';
import type { Fix } from '../types';
import { labTags, type Run } from './kit';

const str = (fix: Fix, key: string): string => (fix.args[key] === undefined ? '' : String(fix.args[key]));

/** Applies the fix when it is the CLB's (or the egress rule); false for every other fix. */
export async function applyClassicFix(run: Run, fix: Fix): Promise<boolean> {
  const aws = run.aws;
  const port = Number(fix.args.port ?? 80);
  if ((fix.code as FixCode) === 'authorizeEgress') {
    await call(
      aws,
      'ec2:AuthorizeSecurityGroupEgress',
      (o) =>
        aws.clients.ec2.send(
          new AuthorizeSecurityGroupEgressCommand({
            GroupId: str(fix, 'groupId'),
            IpPermissions: [ipPermission('tcp', port, port, { groupId: str(fix, 'sourceGroupId') })],
          }),
          o,
        ),
      { 'InvalidPermission.Duplicate': () => undefined as never },
    );
    return true;
  }
  if (fix.args[CLASSIC_ARG] === undefined) return false;
  const name = str(fix, 'loadBalancerName');
  switch (fix.code as FixCode) {
    case 'enableAz':
    case 'moveToSubnet':
      await attachClassicSubnets(
        aws,
        name,
        [str(fix, 'subnetId') || str(fix, 'toSubnetId')].filter((s) => s),
      );
      return true;
    case 'registerTarget':
      await registerClassicInstances(aws, name, [str(fix, 'instanceId')]);
      return true;
    case 'deregisterTarget':
      await deregisterClassicInstances(aws, name, [str(fix, 'instanceId')]);
      return true;
    case 'setHealthCheckPath':
      await setClassicHealthCheckTarget(aws, name, str(fix, 'target') || `HTTP:80${str(fix, 'path') || '/index.html'}`);
      return true;
    case 'ownLoadBalancerGroup': {
      // As for the ALB: a group of its own open to the internet, admitted by the web group before the switch.
      const groupName = str(fix, 'groupName') || 'elb-sg';
      const group = await ensureSecurityGroup(aws, {
        name: groupName,
        description: 'HTTP from anywhere to the Classic Load Balancer',
        vpcId: str(fix, 'vpcId'),
        tags: labTags({ step: '1.9', ctx: run.ctx }, groupName),
      });
      if (group.created) run.created.push(group.id);
      await authorizeIngress(aws, group.id, ipPermission('tcp', 80, 80, { cidr: '0.0.0.0/0' }));
      await authorizeIngress(aws, str(fix, 'webGroupId'), ipPermission('tcp', port, port, { groupId: group.id }));
      await setClassicSecurityGroups(aws, name, [group.id]);
      return true;
    }
  }
  return false;
}
