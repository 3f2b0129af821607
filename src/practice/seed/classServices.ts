// A class's load balancers and databases, seeded as the console (or the runners) leave them: the ALB elb-userNN
// over the two public subnets with its group, listener HTTP:80 and target group tg-elb-userNN holding both web
// servers (health evaluated by the practice account from the records: the groups, the path), and Aurora
// wp-userNN-cluster with its writer in private 1a and the reader wp-userNN-slave in private 1c (seed 003 §2.6).
import { allocatePrivateIp } from '../core/addressing';
import { PRACTICE_REGION } from '../core/constants';
import { derivedAlphanumeric } from '../core/ids';
import type { DbInstanceRecord, InstanceRecord, SubnetRecord, Tags } from '../core/records';
import { elbArn } from '../elbv2/model';
import { rdsArn } from '../rds/names';
import { isoAgo, MINUTE, type ClassSeeding } from './classNetwork';

export interface Balancer {
  readonly name: string;
  readonly targetGroup: string;
  readonly groupId: string;
  readonly subnets: readonly SubnetRecord[];
  readonly targets: readonly InstanceRecord[];
  readonly healthCheckPath: string;
  readonly tags: Tags;
  readonly madeAgo: number;
}

/** An active internet-facing ALB with its listener on HTTP:80 forwarding to its target group. */
export function addBalancer(seeding: ClassSeeding, b: Balancer): void {
  const { world, records } = seeding;
  const region = PRACTICE_REGION;
  const created = isoAgo(seeding, b.madeAgo);
  const hex = world.hex(16);
  const lbArn = elbArn(region, `loadbalancer/app/${b.name}/${hex}`);
  const vpcId = b.subnets[0]?.vpcId ?? '';
  records.loadBalancers.push({
    arn: lbArn,
    name: b.name,
    dnsName: `${b.name}-${1_000_000_000 + (world.nextRandom() % 900_000_000)}.${region}.elb.amazonaws.com`,
    scheme: 'internet-facing',
    type: 'application',
    state: 'active',
    vpcId,
    zones: b.subnets.map((s) => ({ az: s.az, subnetId: s.id })),
    securityGroupIds: [b.groupId],
    createdTime: created,
    tags: b.tags,
  });
  const tgArn = elbArn(region, `targetgroup/${b.targetGroup}/${world.hex(16)}`);
  records.targetGroups.push({
    arn: tgArn,
    name: b.targetGroup,
    protocol: 'HTTP',
    port: 80,
    vpcId,
    targetType: 'instance',
    healthCheck: {
      protocol: 'HTTP',
      port: 'traffic-port',
      path: b.healthCheckPath,
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      matcher: '200',
    },
    // Registered long enough ago for the checks to have decided: the practice account evaluates them.
    targets: b.targets.map((t) => ({ id: t.id, port: 80, health: { state: 'initial' }, registeredAt: created })),
    tags: b.tags,
  });
  records.listeners.push({
    arn: elbArn(region, `listener/app/${b.name}/${hex}/${world.hex(16)}`),
    loadBalancerArn: lbArn,
    port: 80,
    protocol: 'HTTP',
    defaultActions: [{ type: 'forward', targetGroupArn: tgArn }],
    tags: {},
  });
}

export interface Aurora {
  readonly cluster: string;
  readonly writer: string;
  readonly reader: string;
  readonly subnetGroup: string;
  /** Private 1a (the writer's) and 1c (the reader's). */
  readonly subnets: readonly [SubnetRecord, SubnetRecord];
  readonly groupId: string;
  readonly tags: Tags;
  readonly madeAgo: number;
}

/** Aurora MySQL, available: the cluster, its subnet group over the private subnets, writer and reader. */
export function addAurora(seeding: ClassSeeding, a: Aurora): void {
  const { world, records } = seeding;
  const region = PRACTICE_REGION;
  const created = isoAgo(seeding, a.madeAgo);
  records.dbSubnetGroups.push({
    name: a.subnetGroup,
    arn: rdsArn(region, 'subgrp', a.subnetGroup),
    description: a.subnetGroup,
    vpcId: a.subnets[0].vpcId,
    subnetIds: a.subnets.map((s) => s.id),
    tags: a.tags,
  });
  const member = (id: string, subnet: SubnetRecord, ago: number): DbInstanceRecord => {
    const privateIp = allocatePrivateIp(world, subnet.cidr, seeding.usedPrivate);
    seeding.usedPrivate.add(privateIp);
    return {
      id,
      arn: rdsArn(region, 'db', id),
      resourceId: `db-${derivedAlphanumeric(26, region, id, world.hex(8))}`,
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      instanceClass: 'db.t3.medium',
      status: 'available',
      masterUsername: 'admin',
      port: 3306,
      allocatedStorageGiB: 1,
      storageType: 'aurora',
      multiAz: false,
      az: subnet.az,
      publiclyAccessible: false,
      subnetGroupName: a.subnetGroup,
      securityGroupIds: [a.groupId],
      backupRetentionPeriod: 1,
      clusterId: a.cluster,
      createTime: isoAgo(seeding, ago),
      createdAt: isoAgo(seeding, ago - 5 * MINUTE),
      subnetId: subnet.id,
      privateIp,
      // Seed 003's password for the handout's mysql commands.
      masterPassword: 'vg1daypassword',
      tags: a.tags,
    };
  };
  const writer = member(a.writer, a.subnets[0], a.madeAgo);
  const reader = member(a.reader, a.subnets[1], a.madeAgo - 15 * MINUTE);
  records.dbInstances.push(writer, reader);
  records.dbClusters.push({
    id: a.cluster,
    arn: rdsArn(region, 'cluster', a.cluster),
    resourceId: `cluster-${derivedAlphanumeric(26, region, a.cluster, world.hex(8))}`,
    engine: 'aurora-mysql',
    engineVersion: '8.0.mysql_aurora.3.05.2',
    status: 'available',
    masterUsername: 'admin',
    masterPassword: 'vg1daypassword',
    port: 3306,
    subnetGroupName: a.subnetGroup,
    securityGroupIds: [a.groupId],
    azs: a.subnets.map((s) => s.az),
    memberIds: [writer.id, reader.id],
    writerId: writer.id,
    createTime: created,
    backupRetentionPeriod: 1,
    tags: a.tags,
  });
}
