// The deletes cleanup needs (key pairs: ec2.ts's deleteKeyPair), one resource each, through call() (abort signal, AwsError naming the IAM action).
// "Already gone" is left to the caller (a notFound problem counts as deleted); waits use the SDK's waiters.
import {
  DeleteInternetGatewayCommand,
  DeleteLaunchTemplateCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  DeleteVpcCommand,
  DeregisterImageCommand,
  DescribeKeyPairsCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DisassociateAddressCommand,
  DisassociateRouteTableCommand,
  ReleaseAddressCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
  waitUntilInstanceTerminated,
  waitUntilNatGatewayDeleted,
} from '@aws-sdk/client-ec2';
import {
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  waitUntilLoadBalancersDeleted,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  waitUntilDBClusterDeleted,
  waitUntilDBInstanceDeleted,
} from '@aws-sdk/client-rds';
import {
  DeleteAutoScalingGroupCommand,
  DeletePolicyCommand,
  waitUntilGroupNotExists,
} from '@aws-sdk/client-auto-scaling';
import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { SecurityGroup, Tags } from '../types';
import { call, type Aws } from './call';
import { ipPermission } from './ec2';

/** A key pair as DescribeKeyPairs lists it. */
export interface KeyPairInfo {
  readonly name: string;
  readonly id?: string;
  readonly tags: Tags;
}

/** Waiter settings: poll delays in seconds and the longest wait. */
export interface WaitSettings {
  readonly minDelay: number;
  readonly maxDelay: number;
  readonly maxWaitTime: number;
}

function waiter<C>(aws: Aws, client: C, w: WaitSettings) {
  return { client, abortSignal: aws.signal, minDelay: w.minDelay, maxDelay: w.maxDelay, maxWaitTime: w.maxWaitTime };
}

/** Runs an SDK waiter; its timeout or failure acceptor becomes an AwsError for `action`. */
async function wait(aws: Aws, action: string, run: () => Promise<unknown>): Promise<void> {
  await call(aws, action, run);
}

export const deleteListener = (aws: Aws, arn: string) =>
  call(aws, 'elasticloadbalancing:DeleteListener', (o) =>
    aws.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: arn }), o),
  );

export const deleteLoadBalancer = (aws: Aws, arn: string) =>
  call(aws, 'elasticloadbalancing:DeleteLoadBalancer', (o) =>
    aws.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }), o),
  );

export const waitLoadBalancerDeleted = (aws: Aws, arn: string, w: WaitSettings) =>
  wait(aws, 'elasticloadbalancing:DescribeLoadBalancers', () =>
    waitUntilLoadBalancersDeleted(waiter(aws, aws.clients.elbv2, w), { LoadBalancerArns: [arn] }),
  );

export const deleteTargetGroup = (aws: Aws, arn: string) =>
  call(aws, 'elasticloadbalancing:DeleteTargetGroup', (o) =>
    aws.clients.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }), o),
  );

/** ForceDelete terminates the group's instances with it. */
export const deleteAutoScalingGroup = (aws: Aws, name: string) =>
  call(aws, 'autoscaling:DeleteAutoScalingGroup', (o) =>
    aws.clients.autoScaling.send(
      new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: name, ForceDelete: true }),
      o,
    ),
  );

export const waitAutoScalingGroupGone = (aws: Aws, name: string, w: WaitSettings) =>
  wait(aws, 'autoscaling:DescribeAutoScalingGroups', () =>
    waitUntilGroupNotExists(waiter(aws, aws.clients.autoScaling, w), { AutoScalingGroupNames: [name] }),
  );

/** A scaling policy by its ARN (a target-tracking policy's alarms go with it: AWS deletes them). */
export const deletePolicy = (aws: Aws, arn: string, groupName?: string) =>
  call(aws, 'autoscaling:DeletePolicy', (o) =>
    aws.clients.autoScaling.send(
      new DeletePolicyCommand({ PolicyName: arn, ...(groupName ? { AutoScalingGroupName: groupName } : {}) }),
      o,
    ),
  );

export const deleteAlarm = (aws: Aws, name: string) =>
  call(aws, 'cloudwatch:DeleteAlarms', (o) =>
    aws.clients.cloudWatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] }), o),
  );

export const deleteLaunchTemplate = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteLaunchTemplate', (o) =>
    aws.clients.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: id }), o),
  );

export const terminateInstance = (aws: Aws, id: string) =>
  call(aws, 'ec2:TerminateInstances', (o) =>
    aws.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }), o),
  );

export const waitInstanceTerminated = (aws: Aws, id: string, w: WaitSettings) =>
  wait(aws, 'ec2:DescribeInstances', () =>
    waitUntilInstanceTerminated(waiter(aws, aws.clients.ec2, w), { InstanceIds: [id] }),
  );

/** Disassociates the address where it is still associated (terminating its instance may already have), then releases it. */
export async function releaseAddress(aws: Aws, allocationId: string): Promise<void> {
  const found = await call(
    aws,
    'ec2:DescribeAddresses',
    async (o) =>
      (await aws.clients.ec2.send(new DescribeAddressesCommand({ AllocationIds: [allocationId] }), o)).Addresses ?? [],
  );
  const associationId = found[0]?.AssociationId;
  if (associationId) {
    await call(
      aws,
      'ec2:DisassociateAddress',
      (o) => aws.clients.ec2.send(new DisassociateAddressCommand({ AssociationId: associationId }), o),
      {
        'InvalidAssociationID.NotFound': () => undefined,
      },
    );
  }
  await call(aws, 'ec2:ReleaseAddress', (o) =>
    aws.clients.ec2.send(new ReleaseAddressCommand({ AllocationId: allocationId }), o),
  );
}

export const deregisterImage = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeregisterImage', (o) => aws.clients.ec2.send(new DeregisterImageCommand({ ImageId: id }), o), {
    // A deregistered AMI answers Unavailable for a while before it is NotFound.
    'InvalidAMIID.Unavailable': () => ({ $metadata: {} }),
  });

export const deleteSnapshot = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteSnapshot', (o) => aws.clients.ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }), o));

export const deleteVolume = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteVolume', (o) => aws.clients.ec2.send(new DeleteVolumeCommand({ VolumeId: id }), o));

/** No final snapshot: the lab's database holds nothing worth keeping, and a snapshot would bill on. */
export const deleteDbInstance = (aws: Aws, id: string) =>
  call(aws, 'rds:DeleteDBInstance', (o) =>
    aws.clients.rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: id, SkipFinalSnapshot: true, DeleteAutomatedBackups: true }),
      o,
    ),
  );

export const waitDbInstanceDeleted = (aws: Aws, id: string, w: WaitSettings) =>
  wait(aws, 'rds:DescribeDBInstances', () =>
    waitUntilDBInstanceDeleted(waiter(aws, aws.clients.rds, w), { DBInstanceIdentifier: id }),
  );

export const deleteDbCluster = (aws: Aws, id: string) =>
  call(aws, 'rds:DeleteDBCluster', (o) =>
    aws.clients.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: id, SkipFinalSnapshot: true }), o),
  );

export const waitDbClusterDeleted = (aws: Aws, id: string, w: WaitSettings) =>
  wait(aws, 'rds:DescribeDBClusters', () =>
    waitUntilDBClusterDeleted(waiter(aws, aws.clients.rds, w), { DBClusterIdentifier: id }),
  );

/**
 * Deletion protection off, applied at once: RDS refuses to delete a protected database. Only ever called for the
 * lab's own database (tagged, or picked by the student); the caller says that it did.
 */
export const unprotectDbInstance = (aws: Aws, id: string) =>
  call(aws, 'rds:ModifyDBInstance', (o) =>
    aws.clients.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, DeletionProtection: false, ApplyImmediately: true }),
      o,
    ),
  );

/** The same for an Aurora cluster (its members are protected through it). */
export const unprotectDbCluster = (aws: Aws, id: string) =>
  call(aws, 'rds:ModifyDBCluster', (o) =>
    aws.clients.rds.send(
      new ModifyDBClusterCommand({ DBClusterIdentifier: id, DeletionProtection: false, ApplyImmediately: true }),
      o,
    ),
  );

export const deleteDbSubnetGroup = (aws: Aws, name: string) =>
  call(aws, 'rds:DeleteDBSubnetGroup', (o) =>
    aws.clients.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: name }), o),
  );

/**
 * Revokes the rules of other groups that name `groupId` as their source (1.9 points launch-wizard-1 at alb-sg):
 * AWS refuses to delete a group another group's rule refers to.
 */
export async function revokeReferences(aws: Aws, groups: readonly SecurityGroup[], groupId: string): Promise<void> {
  const gone = { 'InvalidPermission.NotFound': () => undefined, 'InvalidGroup.NotFound': () => undefined };
  await Promise.all(
    groups
      .filter((g) => g.id !== groupId)
      .flatMap((g) =>
        (['inbound', 'outbound'] as const).flatMap((direction) =>
          g[direction]
            .filter((r) => r.source.kind === 'group' && r.source.groupId === groupId)
            .map((r) => {
              const IpPermissions = [ipPermission(r.protocol, r.fromPort, r.toPort, { groupId })];
              return direction === 'inbound'
                ? call(
                    aws,
                    'ec2:RevokeSecurityGroupIngress',
                    (o) =>
                      aws.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: g.id, IpPermissions }), o),
                    gone,
                  )
                : call(
                    aws,
                    'ec2:RevokeSecurityGroupEgress',
                    (o) =>
                      aws.clients.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: g.id, IpPermissions }), o),
                    gone,
                  );
            }),
        ),
      ),
  );
}

export const deleteSecurityGroup = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteSecurityGroup', (o) => aws.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }), o));

/** The account's key pairs with their tags (the inventory does not read them). */
export async function listKeyPairs(aws: Aws): Promise<KeyPairInfo[]> {
  const out = await call(aws, 'ec2:DescribeKeyPairs', (o) => aws.clients.ec2.send(new DescribeKeyPairsCommand({}), o));
  return (out.KeyPairs ?? []).flatMap((k) =>
    k.KeyName
      ? [
          {
            name: k.KeyName,
            ...(k.KeyPairId ? { id: k.KeyPairId } : {}),
            tags: Object.fromEntries((k.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
          },
        ]
      : [],
  );
}

export const deleteVpc = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteVpc', (o) => aws.clients.ec2.send(new DeleteVpcCommand({ VpcId: id }), o));

/** Deleting a NAT gateway releases its Elastic IP's association, not the address (released as an Elastic IP). */
export const deleteNatGateway = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteNatGateway', (o) => aws.clients.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: id }), o));

export const waitNatGatewayDeleted = (aws: Aws, id: string, w: WaitSettings) =>
  wait(aws, 'ec2:DescribeNatGateways', () =>
    waitUntilNatGatewayDeleted(waiter(aws, aws.clients.ec2, w), { NatGatewayIds: [id] }),
  );

/** Detaches the internet gateway from the VPCs it is attached to (read now: a rerun finds it detached), then deletes it. */
export async function deleteInternetGateway(aws: Aws, id: string): Promise<void> {
  const out = await call(aws, 'ec2:DescribeInternetGateways', (o) =>
    aws.clients.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] }), o),
  );
  const vpcIds = (out.InternetGateways?.[0]?.Attachments ?? []).flatMap((a) => (a.VpcId ? [a.VpcId] : []));
  for (const vpcId of vpcIds) {
    await call(
      aws,
      'ec2:DetachInternetGateway',
      (o) => aws.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId }), o),
      { 'Gateway.NotAttached': () => undefined },
    );
  }
  await call(aws, 'ec2:DeleteInternetGateway', (o) =>
    aws.clients.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: id }), o),
  );
}

/** Disassociates the route table's subnets (read now), then deletes it; a main table is never planned. */
export async function deleteRouteTable(aws: Aws, id: string): Promise<void> {
  const out = await call(aws, 'ec2:DescribeRouteTables', (o) =>
    aws.clients.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }), o),
  );
  const associations = (out.RouteTables?.[0]?.Associations ?? []).filter((a) => !a.Main && a.RouteTableAssociationId);
  for (const a of associations) {
    await call(
      aws,
      'ec2:DisassociateRouteTable',
      (o) => aws.clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: a.RouteTableAssociationId }), o),
      { 'InvalidAssociationID.NotFound': () => undefined },
    );
  }
  await call(aws, 'ec2:DeleteRouteTable', (o) =>
    aws.clients.ec2.send(new DeleteRouteTableCommand({ RouteTableId: id }), o),
  );
}

export const deleteSubnet = (aws: Aws, id: string) =>
  call(aws, 'ec2:DeleteSubnet', (o) => aws.clients.ec2.send(new DeleteSubnetCommand({ SubnetId: id }), o));
