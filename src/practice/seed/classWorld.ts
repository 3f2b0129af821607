// The practice world of a class (seed 003; `practice serve --class N`): one account whose default VPC holds the
// teacher's bastion, and each student of classRoster(N)'s lab at its stage, named as seed 003 names it. Records are
// seeded directly (no API calls): 40 students in a few tens of milliseconds. Deterministic: the same N and the same
// `now`, the same state (IDs from a fixed seed, times before `now`).
import { PRACTICE_REGION } from '../core/constants';
import { emptyRegion, type PermissionRecord, type RegionState, type SubnetRecord } from '../core/records';
import { World, WORLD_FORMAT, systemClock, type Clock, type WorldState } from '../core/world';
import {
  addGroup,
  addStudentNetwork,
  MINUTE,
  tagsOf,
  type ClassSeeding,
  type Maker,
  type StudentNetwork,
} from './classNetwork';
import { addImageOf, addInstance, addKeyPair, addLooseAddress, sampleAppPage } from './classMachines';
import { classRoster, TEACHER, stageHasAlb, type ClassStudent } from './classRoster';
import { addAurora, addBalancer } from './classServices';
import { addDefaultVpc, tcp } from './startingState';

const CLASS_SEED = 0x003c1a55;
/** Where wrongPath's target group checks: the sample app has no such page (404). */
export const WRONG_HEALTH_PATH = '/health.html';

const ANYWHERE = { ipv4: [{ cidr: '0.0.0.0/0' }] };
const open = (port: number): PermissionRecord => tcp(port, ANYWHERE);
const fromGroup = (port: number, groupId: string): PermissionRecord => tcp(port, { groups: [{ groupId }] });

/** A group's tags: the console gives a group its name only (no Name tag); the runners tag it. */
function groupTags(maker: Maker, step: string, name: string) {
  return tagsOf(maker, step, maker.madeBy === 'runner' ? name : undefined);
}

/**
 * The web group's HTTP rule at each stage: open to the internet until 1.9, then only from the ALB's group; or, the
 * mistake, from the VPC's `default` group picked in the console's source list instead of alb-userNN.
 */
function webHttpRule(student: ClassStudent, net: StudentNetwork, albGroup: string | undefined) {
  if (student.stage === 'wrongGroup') return [fromGroup(80, net.defaultGroupId)];
  if (albGroup) return [fromGroup(80, albGroup)];
  return [tcp(80, { ...ANYWHERE, ipv6: [{ cidr: '::/0' }] })];
}

/** One student's lab at their stage. */
function seedStudent(seeding: ClassSeeding, student: ClassStudent): void {
  const maker: Maker = { student: student.student, madeBy: student.madeBy };
  const names = student.names;
  const net: StudentNetwork = addStudentNetwork(seeding, maker, names.vpc);
  const vpcId = net.vpc.id;
  const withAlb = stageHasAlb(student.stage);
  const albGroup = withAlb
    ? addGroup(seeding, {
        name: names.albGroup,
        vpcId,
        inbound: [open(80)],
        tags: groupTags(maker, '1.6', names.albGroup),
      })
    : undefined;
  const webGroup = addGroup(seeding, {
    name: names.webGroup,
    vpcId,
    inbound: [...webHttpRule(student, net, albGroup?.id), open(22)],
    tags: groupTags(maker, '4.3', names.webGroup),
  });
  const leftovers = student.stage === 'leftovers';
  // A student who cleaned up deleted their key pair too; the stopped server still names it.
  const key = leftovers ? undefined : addKeyPair(seeding, names.keyPair, tagsOf(maker, '4.3'));
  const instanceTags = (step: string, name: string) => tagsOf(maker, step, name);
  const volumeTags = (step: string) => (maker.madeBy === 'runner' ? tagsOf(maker, step) : {});
  const [public1a, public1c] = net.publicSubnets;
  const webServer = addInstance(seeding, {
    subnet: public1a,
    groupIds: [webGroup.id],
    ...(key ? { key } : {}),
    page: sampleAppPage(student.student),
    tags: instanceTags('4.3', names.webServer),
    volumeTags: volumeTags('4.3'),
    launchedAgo: 150 * MINUTE,
    stopped: leftovers,
  });
  if (leftovers) {
    webServer.keyName = names.keyPair;
    addLooseAddress(seeding, tagsOf(maker, '0.2', names.elasticIp));
    return;
  }
  if (student.stage === 'webServerOnly') return;

  const image = addImageOf(
    seeding,
    webServer,
    names.image,
    { image: tagsOf(maker, '1.2'), snapshot: tagsOf(maker, '1.2') },
    120 * MINUTE,
  );
  const clone = addInstance(seeding, {
    subnet: public1c,
    groupIds: [webGroup.id],
    ...(key ? { key } : {}),
    image,
    tags: instanceTags('1.3', names.clone),
    volumeTags: volumeTags('1.3'),
    launchedAgo: 100 * MINUTE,
  });
  if (student.aurora) {
    const dbGroup = addGroup(seeding, {
      name: names.dbGroup,
      vpcId,
      inbound: [fromGroup(3306, webGroup.id)],
      tags: groupTags(maker, '2.1', names.dbGroup),
    });
    addAurora(seeding, {
      cluster: names.cluster,
      writer: names.writer,
      reader: names.reader,
      subnetGroup: names.dbSubnetGroup,
      subnets: net.privateSubnets,
      groupId: dbGroup.id,
      tags: maker.madeBy === 'runner' ? tagsOf(maker, '2.6') : {},
      madeAgo: 130 * MINUTE,
    });
  }
  if (!albGroup) return;
  addBalancer(seeding, {
    name: names.loadBalancer,
    targetGroup: names.targetGroup,
    groupId: albGroup.id,
    subnets: [public1a, public1c] as SubnetRecord[],
    targets: [webServer, clone],
    healthCheckPath: student.stage === 'wrongPath' ? WRONG_HEALTH_PATH : '/',
    tags: tagsOf(maker, '1.6', names.loadBalancer),
    madeAgo: 80 * MINUTE,
  });
}

/** The teacher's bastion in the default VPC: no student's name, no student's tag. */
function seedTeacher(seeding: ClassSeeding, subnet: SubnetRecord): void {
  const group = addGroup(seeding, { name: TEACHER.group, vpcId: subnet.vpcId, inbound: [open(22)], tags: {} });
  const key = addKeyPair(seeding, TEACHER.keyPair, {});
  addInstance(seeding, {
    subnet,
    groupIds: [group.id],
    key,
    type: 't3.micro',
    tags: { Name: TEACHER.instance },
    volumeTags: {},
    launchedAgo: 240 * MINUTE,
  });
}

/** The state of a class of `size` students (1-60), as classRoster(size) describes it. */
export function createClassState(size: number, now = Date.now()): WorldState {
  const roster = classRoster(size);
  const state: WorldState = { format: WORLD_FORMAT, rng: CLASS_SEED, regions: {} };
  const world = new World(state);
  const records: RegionState = emptyRegion();
  state.regions[PRACTICE_REGION] = records;
  const { subnets } = addDefaultVpc(world, PRACTICE_REGION, records, [
    ['a', '172.31.32.0/20'],
    ['c', '172.31.0.0/20'],
    ['d', '172.31.16.0/20'],
  ]);
  const seeding: ClassSeeding = { world, records, now, usedPrivate: new Set(), usedPublic: new Set() };
  seedTeacher(seeding, subnets[0] as SubnetRecord);
  for (const student of roster.students) seedStudent(seeding, student);
  return state;
}

/** A world holding a class of `size` students. */
export function createClassWorld(size: number, clock: Clock = systemClock()): World {
  return new World(createClassState(size, clock.now().getTime()), clock);
}
