// A class's shared seeding state, the tags a student's resources carry, and each student's VPC as track 4 builds
// it (LAB.md 4.1: the console's "VPC and more" with 2 AZs, a and c): 10.0.0.0/16, public 10.0.0.0/24 (a) and
// 10.0.1.0/24 (c) routed to an attached internet gateway, private 10.0.2.0/24 (a) and 10.0.3.0/24 (c) with the local
// route only, the VPC's default group. Named as the wizard names them with the VPC's name as its prefix
// (`vpc-user05-subnet-public1-ap-northeast-1a`), so every name carries the student's number.
import { PRACTICE_REGION } from '../core/constants';
import type { RegionState, SecurityGroupRecord, SubnetRecord, Tags, VpcRecord } from '../core/records';
import type { World } from '../core/world';
import { allTraffic, defaultGroup } from './startingState';

/** The lab's tags (src/lab/types.ts LAB_TAG, LAB_ID, STEP_TAG) and src/aws/student.ts STUDENT_TAG, as the runners write them. */
export const CLASS_TAGS = {
  lab: 'scale-out-lab:lab',
  labId: 'scale-out',
  step: 'scale-out-lab:step',
  student: 'scale-out-lab:student',
} as const;

/** What every builder of a class's records shares: the world, its region, the time, the addresses in use. */
export interface ClassSeeding {
  readonly world: World;
  readonly records: RegionState;
  /** The seeding's "now" (ms): every time is before it. */
  readonly now: number;
  readonly usedPrivate: Set<string>;
  readonly usedPublic: Set<string>;
}

/** One student's making of things: by hand (a Name tag at most) or by the runners (the lab's tags). */
export interface Maker {
  readonly student: string;
  readonly madeBy: 'console' | 'runner';
}

export const MINUTE = 60_000;

export function isoAgo(seeding: ClassSeeding, ms: number): string {
  return new Date(seeding.now - ms).toISOString();
}

/** The tags a resource gets: `Name` (when it has one) and, made by a runner, the lab's, the step's and the student's. */
export function tagsOf(maker: Maker, step: string, name?: string): Tags {
  return {
    ...(name !== undefined ? { Name: name } : {}),
    ...(maker.madeBy === 'runner'
      ? { [CLASS_TAGS.lab]: CLASS_TAGS.labId, [CLASS_TAGS.step]: step, [CLASS_TAGS.student]: maker.student }
      : {}),
  };
}

export interface StudentNetwork {
  readonly vpc: VpcRecord;
  /** a, c */
  readonly publicSubnets: readonly [SubnetRecord, SubnetRecord];
  readonly privateSubnets: readonly [SubnetRecord, SubnetRecord];
  /** The VPC's `default` group. */
  readonly defaultGroupId: string;
}

const ZONES = ['a', 'c'] as const;

/** Track 4's VPC for a student, named `vpc-<student>`. */
export function addStudentNetwork(seeding: ClassSeeding, maker: Maker, vpcName: string): StudentNetwork {
  const { world, records } = seeding;
  const vpc: VpcRecord = {
    id: world.newId('vpc'),
    cidr: '10.0.0.0/16',
    isDefault: false,
    state: 'available',
    dhcpOptionsId: world.newId('dopt'),
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags: tagsOf(maker, '4.1', vpcName),
  };
  records.vpcs.push(vpc);
  const subnet = (tier: 'public' | 'private', k: 0 | 1): SubnetRecord => {
    const az = `${PRACTICE_REGION}${ZONES[k]}`;
    const record: SubnetRecord = {
      id: world.newId('subnet'),
      vpcId: vpc.id,
      az,
      cidr: `10.0.${(tier === 'public' ? 0 : 2) + k}.0/24`,
      defaultForAz: false,
      // The seed turns on auto-assign public IPv4 for the public subnets.
      mapPublicIpOnLaunch: tier === 'public',
      state: 'available',
      tags: tagsOf(maker, '4.1', `${vpcName}-subnet-${tier}${k + 1}-${az}`),
    };
    records.subnets.push(record);
    return record;
  };
  const publicSubnets = [subnet('public', 0), subnet('public', 1)] as const;
  const privateSubnets = [subnet('private', 0), subnet('private', 1)] as const;

  const igw = { id: world.newId('igw'), vpcId: vpc.id, tags: tagsOf(maker, '4.1', `${vpcName}-igw`) };
  records.internetGateways.push(igw);
  const local = { destination: vpc.cidr, gatewayId: 'local' };
  records.routeTables.push(
    { id: world.newId('rtb'), vpcId: vpc.id, main: true, subnetIds: [], routes: [local], tags: {} },
    {
      id: world.newId('rtb'),
      vpcId: vpc.id,
      main: false,
      subnetIds: publicSubnets.map((s) => s.id),
      routes: [local, { destination: '0.0.0.0/0', gatewayId: igw.id }],
      tags: tagsOf(maker, '4.1', `${vpcName}-rtb-public`),
    },
    ...privateSubnets.map((s, k) => ({
      id: world.newId('rtb'),
      vpcId: vpc.id,
      main: false,
      subnetIds: [s.id],
      routes: [local],
      tags: tagsOf(maker, '4.1', `${vpcName}-rtb-private${k + 1}-${s.az}`),
    })),
  );
  const group = defaultGroup(world, vpc.id);
  records.securityGroups.push(group);
  return { vpc, publicSubnets, privateSubnets, defaultGroupId: group.id };
}

/** A security group as the console makes one: its name as its description, all traffic out. */
export function addGroup(
  seeding: ClassSeeding,
  group: Pick<SecurityGroupRecord, 'name' | 'vpcId' | 'inbound' | 'tags'>,
): SecurityGroupRecord {
  const record: SecurityGroupRecord = {
    id: seeding.world.newId('sg'),
    description: group.name,
    outbound: [allTraffic({ ipv4: [{ cidr: '0.0.0.0/0' }] })],
    ...group,
  };
  seeding.records.securityGroups.push(record);
  return record;
}
