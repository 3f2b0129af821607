// A large account for the benchmark and pagination tests: N instances spread over the AZs (each
// with its root volume, a public IP and a web server with a one-line page), load balancers with listeners, target groups with a few
// registered targets, DB instances, and optionally Aurora clusters and Auto Scaling groups.
// Built on the starting world's default VPC; linear in the counts (1,000 instances in a few ms).
import { allocatePrivateIp, allocatePublicIp, macAddress } from '../core/addressing';
import { amazonLinuxImage } from '../ec2/amazonImages';
import { PRACTICE_ACCOUNT_ID, PRACTICE_REGION } from '../core/constants';
import { installHttpd } from '../machine/httpd';
import { derivedAlphanumeric } from '../core/ids';
import { rdsArn } from '../rds/service';
import type { DbInstanceRecord, InstanceRecord, RegionState, SubnetRecord } from '../core/records';
import { WEB_ROOT } from './webServerPage';
import type { World } from '../core/world';

export interface ScaleCounts {
  instances: number;
  /** How many AZs to spread over (default: every AZ with a default subnet, 3 in ap-northeast-1). */
  azs?: number;
  loadBalancers: number;
  targetGroups: number;
  dbInstances: number;
  /** Aurora MySQL clusters, each with a writer and a reader in another AZ (default 0). */
  dbClusters?: number;
  /** Auto Scaling groups, each owning two of the fixture's instances (default 0). */
  autoScalingGroups?: number;
}

const TARGETS_PER_GROUP = 3;

/** A version-4-shaped UUID from the world's generator (deterministic, unlike crypto.randomUUID). */
function uuid(world: World): string {
  const h = world.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function defaultSubnets(records: RegionState, azs: number | undefined): SubnetRecord[] {
  const vpc = records.vpcs.find((v) => v.isDefault);
  const subnets = records.subnets
    .filter((s) => s.vpcId === vpc?.id && s.defaultForAz)
    .sort((a, b) => a.az.localeCompare(b.az));
  if (!vpc || subnets.length === 0) throw new Error('addScaleFixture needs the default VPC of the starting world');
  return subnets.slice(0, Math.max(1, Math.min(azs ?? subnets.length, subnets.length)));
}

function addInstances(
  world: World,
  records: RegionState,
  subnets: SubnetRecord[],
  count: number,
  groupId: string,
): InstanceRecord[] {
  const image = amazonLinuxImage(PRACTICE_REGION);
  const usedPrivate = new Set(records.instances.map((i) => i.privateIp));
  const usedPublic = new Set([
    ...records.addresses.map((a) => a.publicIp),
    ...records.instances.flatMap((i) => i.autoPublicIp ?? []),
  ]);
  const launchTime = new Date(Date.now() - 86_400_000).toISOString();
  const added: InstanceRecord[] = [];
  let reservationId = '';
  for (let n = 0; n < count; n++) {
    const subnet = subnets[n % subnets.length] as SubnetRecord;
    if (n % 5 === 0) reservationId = world.newId('r'); // five instances per RunInstances call
    const id = world.newId('i');
    const volumeId = world.newId('vol');
    const privateIp = allocatePrivateIp(world, subnet.cidr, usedPrivate);
    usedPrivate.add(privateIp);
    const publicIp = allocatePublicIp(world, usedPublic);
    usedPublic.add(publicIp);
    records.volumes.push({
      id: volumeId,
      sizeGiB: 8,
      type: 'gp3',
      iops: 3000,
      throughput: 125,
      state: 'in-use',
      az: subnet.az,
      snapshotId: image.blockDevices[0]?.snapshotId,
      encrypted: false,
      createTime: launchTime,
      attachment: { instanceId: id, device: '/dev/xvda', attachTime: launchTime, deleteOnTermination: true },
      tags: {},
    });
    const instance: InstanceRecord = {
      id,
      reservationId,
      imageId: image.id,
      type: 't3.micro',
      state: 'running',
      az: subnet.az,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      privateIp,
      autoPublicIp: publicIp,
      keyName: 'ec2-key',
      securityGroupIds: [groupId],
      launchTime,
      architecture: 'x86_64',
      platformDetails: 'Linux/UNIX',
      rootDeviceName: '/dev/xvda',
      blockDevices: [{ device: '/dev/xvda', volumeId, attachTime: launchTime, deleteOnTermination: true }],
      eni: { id: world.newId('eni'), attachmentId: world.newId('eni-attach'), macAddress: macAddress(world) },
      tags: { Name: `scale-web-${pad(n + 1, 4)}` },
      files: {
        [`${WEB_ROOT}/index.html`]: { content: `<h1>scale-web-${pad(n + 1, 4)}</h1>\n`, owner: 'root', mode: 0o644 },
      },
    };
    installHttpd(instance.files, { enable: true, start: true });
    records.instances.push(instance);
    added.push(instance);
  }
  return added;
}

function addLoadBalancing(
  world: World,
  records: RegionState,
  subnets: SubnetRecord[],
  counts: ScaleCounts,
  instances: InstanceRecord[],
  groupId: string,
): void {
  const region = PRACTICE_REGION;
  const created = new Date(Date.now() - 3_600_000).toISOString();
  const balancers = Array.from({ length: counts.loadBalancers }, (_, n) => {
    const name = `scale-alb-${pad(n + 1, 2)}`;
    const hex = world.hex(16);
    const lb = {
      arn: `arn:aws:elasticloadbalancing:${region}:${PRACTICE_ACCOUNT_ID}:loadbalancer/app/${name}/${hex}`,
      name,
      dnsName: `${name}-${1_000_000_000 + (world.nextRandom() % 900_000_000)}.${region}.elb.amazonaws.com`,
      scheme: 'internet-facing' as const,
      type: 'application' as const,
      state: 'active' as const,
      vpcId: subnets[0]?.vpcId ?? '',
      zones: subnets.map((s) => ({ az: s.az, subnetId: s.id })),
      securityGroupIds: [groupId],
      createdTime: created,
      tags: { Name: name },
    };
    records.loadBalancers.push(lb);
    return { lb, hex };
  });
  for (let n = 0; n < counts.targetGroups; n++) {
    const name = `scale-tg-${pad(n + 1, 2)}`;
    const arn = `arn:aws:elasticloadbalancing:${region}:${PRACTICE_ACCOUNT_ID}:targetgroup/${name}/${world.hex(16)}`;
    const targets = instances.length
      ? Array.from({ length: Math.min(TARGETS_PER_GROUP, instances.length) }, (_, k) => ({
          id: (instances[(n * TARGETS_PER_GROUP + k) % instances.length] as InstanceRecord).id,
          port: 80,
          health: { state: 'healthy' as const },
          registeredAt: created,
        }))
      : [];
    records.targetGroups.push({
      arn,
      name,
      protocol: 'HTTP',
      port: 80,
      vpcId: subnets[0]?.vpcId ?? '',
      targetType: 'instance',
      healthCheck: {
        protocol: 'HTTP',
        port: 'traffic-port',
        path: '/',
        intervalSeconds: 30,
        timeoutSeconds: 5,
        healthyThreshold: 5,
        unhealthyThreshold: 2,
        matcher: '200',
      },
      targets,
      tags: { Name: name },
    });
    // Group n is forwarded to by load balancer n mod L: port 80 first, then 8080, 8081...
    const owner = balancers[n % Math.max(1, balancers.length)];
    if (owner) {
      const round = Math.floor(n / balancers.length);
      records.listeners.push({
        arn: `arn:aws:elasticloadbalancing:${region}:${PRACTICE_ACCOUNT_ID}:listener/app/${owner.lb.name}/${owner.hex}/${world.hex(16)}`,
        loadBalancerArn: owner.lb.arn,
        port: round === 0 ? 80 : 8079 + round,
        protocol: 'HTTP',
        defaultActions: [{ type: 'forward', targetGroupArn: arn }],
        tags: {},
      });
    }
  }
}

function addDatabases(
  world: World,
  records: RegionState,
  subnets: SubnetRecord[],
  counts: ScaleCounts,
  groupId: string,
): void {
  const region = PRACTICE_REGION;
  const created = new Date(Date.now() - 7_200_000).toISOString();
  const groupName = 'scale-db-subnets';
  if (
    (counts.dbInstances > 0 || (counts.dbClusters ?? 0) > 0) &&
    !records.dbSubnetGroups.some((g) => g.name === groupName)
  ) {
    records.dbSubnetGroups.push({
      name: groupName,
      arn: rdsArn(region, 'subgrp', groupName),
      description: 'Scale fixture DB subnet group',
      vpcId: subnets[0]?.vpcId ?? '',
      subnetIds: subnets.map((s) => s.id),
      tags: {},
    });
  }
  const azAt = (n: number) => (subnets[n % subnets.length] as SubnetRecord).az;
  const dbInstance = (id: string, n: number, extra: Partial<DbInstanceRecord>): DbInstanceRecord => ({
    id,
    arn: rdsArn(region, 'db', id),
    resourceId: `db-${derivedAlphanumeric(26, region, id, world.hex(8))}`,
    engine: 'mysql',
    engineVersion: '8.0.39',
    instanceClass: 'db.t3.micro',
    status: 'available',
    masterUsername: 'admin',
    dbName: 'wordpress',
    port: 3306,
    allocatedStorageGiB: 20,
    storageType: 'gp2',
    multiAz: false,
    az: azAt(n),
    publiclyAccessible: false,
    subnetGroupName: groupName,
    securityGroupIds: [groupId],
    backupRetentionPeriod: 0,
    createTime: created,
    tags: {},
    ...extra,
  });
  for (let n = 0; n < counts.dbInstances; n++) {
    const multiAz = n % 2 === 1;
    records.dbInstances.push(
      dbInstance(`scale-db-${pad(n + 1, 2)}`, n, multiAz ? { multiAz, secondaryAz: azAt(n + 1) } : {}),
    );
  }
  for (let n = 0; n < (counts.dbClusters ?? 0); n++) {
    const id = `scale-aurora-${pad(n + 1, 2)}`;
    const members = [`${id}-instance-1`, `${id}-instance-1-reader`];
    members.forEach((member, k) =>
      records.dbInstances.push(
        dbInstance(member, n + k, {
          engine: 'aurora-mysql',
          engineVersion: '8.0.mysql_aurora.3.05.2',
          instanceClass: 'db.t3.medium',
          clusterId: id,
          allocatedStorageGiB: 1,
          storageType: 'aurora',
        }),
      ),
    );
    records.dbClusters.push({
      id,
      arn: rdsArn(region, 'cluster', id),
      resourceId: `cluster-${derivedAlphanumeric(26, region, id, world.hex(8))}`,
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      status: 'available',
      masterUsername: 'admin',
      databaseName: 'wordpress',
      port: 3306,
      subnetGroupName: groupName,
      securityGroupIds: [groupId],
      azs: subnets.map((s) => s.az),
      memberIds: members,
      writerId: members[0],
      createTime: created,
      tags: {},
    });
  }
}

function addAutoScalingGroups(
  world: World,
  records: RegionState,
  subnets: SubnetRecord[],
  count: number,
  instances: InstanceRecord[],
): void {
  for (let n = 0; n < count; n++) {
    const name = `scale-asg-${pad(n + 1, 2)}`;
    const members = instances.slice(n * 2, n * 2 + 2);
    for (const instance of members) instance.tags['aws:autoscaling:groupName'] = name;
    records.autoScalingGroups.push({
      name,
      arn: `arn:aws:autoscaling:${PRACTICE_REGION}:${PRACTICE_ACCOUNT_ID}:autoScalingGroup:${uuid(world)}:autoScalingGroupName/${name}`,
      launchTemplate: { id: world.newId('lt'), name: `${name}-template`, version: '$Default' },
      min: 2,
      max: 4,
      desired: 2,
      subnetIds: subnets.slice(0, 2).map((s) => s.id),
      targetGroupArns: records.targetGroups.slice(n, n + 1).map((g) => g.arn),
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
      instances: members.map((i) => ({
        id: i.id,
        az: i.az,
        type: i.type,
        lifecycleState: 'InService',
        healthStatus: 'Healthy',
      })),
      createdTime: new Date(Date.now() - 1_800_000).toISOString(),
      tags: [{ key: 'Name', value: name, propagateAtLaunch: true }],
    });
  }
}

/** Adds the benchmark's resources to a world (normally the starting world) in ap-northeast-1. */
export function addScaleFixture(world: World, counts: ScaleCounts): void {
  const records = world.writableRegion(PRACTICE_REGION);
  const subnets = defaultSubnets(records, counts.azs);
  const webGroup = records.securityGroups.find((g) => g.name === 'launch-wizard-1') ?? records.securityGroups[0];
  if (!webGroup) throw new Error('addScaleFixture needs a security group in the default VPC');
  const instances = addInstances(world, records, subnets, counts.instances, webGroup.id);
  addLoadBalancing(world, records, subnets, counts, instances, webGroup.id);
  addDatabases(world, records, subnets, counts, webGroup.id);
  addAutoScalingGroups(world, records, subnets, counts.autoScalingGroups ?? 0, instances);
  world.changed();
}
