// The starting state: the end of hands-on 1 (seed 000). A default VPC in ap-northeast-1 with its
// three default subnets, internet gateway and main route table; security groups `default` and
// `launch-wizard-1`; key pair `ec2-key`; and `WebServer` (t2.micro in 1a, 8 GiB gp2, Elastic IP)
// serving the CPS Research Center page. IDs come from a fixed seed, so every reset looks the same.
import { allocatePrivateIp, allocatePublicIp, macAddress } from '../core/addressing';
import { amazonLinuxImage } from '../ec2/amazonImages';
import { AUTHORIZED_KEYS, amazonLinuxFiles } from '../machine/imageFiles';
import { installHttpd } from '../machine/httpd';
import { PRACTICE_REGION } from '../core/constants';
import { seededKeyMaterial } from '../ec2/keyMaterial';
import {
  emptyRegion,
  type PermissionRecord,
  type RegionState,
  type SecurityGroupRecord,
  type SubnetRecord,
} from '../core/records';
import { CPS_RESEARCH_CENTER_PAGE, WEB_ROOT } from './webServerPage';
import { World, WORLD_FORMAT, systemClock, type Clock, type WorldState } from '../core/world';

const STARTING_SEED = 0x000c9500;
const HOUR = 3_600_000;

export function allTraffic(source: Partial<Pick<PermissionRecord, 'ipv4' | 'groups'>>): PermissionRecord {
  return { protocol: '-1', ipv4: [], ipv6: [], groups: [], prefixLists: [], ...source };
}

/** The group AWS makes with every VPC: all traffic from its own members in, everything out. */
export function defaultGroup(world: World, vpcId: string): SecurityGroupRecord {
  const id = world.newId('sg');
  return {
    id,
    name: 'default',
    description: 'default VPC security group',
    vpcId,
    inbound: [allTraffic({ groups: [{ groupId: id }] })],
    outbound: [allTraffic({ ipv4: [{ cidr: '0.0.0.0/0' }] })],
    tags: {},
  };
}

export function tcp(
  port: number,
  source: Partial<Pick<PermissionRecord, 'ipv4' | 'ipv6' | 'groups'>>,
): PermissionRecord {
  return { protocol: 'tcp', fromPort: port, toPort: port, ipv4: [], ipv6: [], groups: [], prefixLists: [], ...source };
}

/**
 * A region's default VPC as AWS makes it for every account: 172.31.0.0/16 with a default /20 subnet per
 * AZ (public addresses on launch), an internet gateway, the main route table to it and the `default`
 * security group. `cidrs` gives each AZ letter its subnet, in the order the subnets are made.
 */
export function addDefaultVpc(world: World, regionName: string, region: RegionState, cidrs: [string, string][]) {
  const vpc = {
    id: world.newId('vpc'),
    cidr: '172.31.0.0/16',
    isDefault: true,
    state: 'available' as const,
    dhcpOptionsId: world.newId('dopt'),
    tags: {},
  };
  region.vpcs.push(vpc);
  const subnets = cidrs.map(([letter, cidr]): SubnetRecord => ({
    id: world.newId('subnet'),
    vpcId: vpc.id,
    az: `${regionName}${letter}`,
    cidr,
    defaultForAz: true,
    mapPublicIpOnLaunch: true,
    state: 'available',
    tags: {},
  }));
  region.subnets.push(...subnets);

  const igw = { id: world.newId('igw'), vpcId: vpc.id, tags: {} };
  region.internetGateways.push(igw);
  region.routeTables.push({
    id: world.newId('rtb'),
    vpcId: vpc.id,
    main: true,
    subnetIds: [],
    routes: [
      { destination: vpc.cidr, gatewayId: 'local' },
      { destination: '0.0.0.0/0', gatewayId: igw.id },
    ],
    tags: {},
  });

  region.securityGroups.push(defaultGroup(world, vpc.id));
  return { vpc, subnets };
}

/** Builds the starting records into a fresh world (times relative to `now`). */
function seedStartingRegion(world: World, now: number): RegionState {
  const region = emptyRegion();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  const { vpc, subnets } = addDefaultVpc(world, PRACTICE_REGION, region, [
    ['a', '172.31.32.0/20'],
    ['c', '172.31.0.0/20'],
    ['d', '172.31.16.0/20'],
  ]);
  const subnetA = subnets[0] as SubnetRecord;

  const launchedAt = iso(2 * HOUR);
  const webGroup = {
    id: world.newId('sg'),
    name: 'launch-wizard-1',
    description: `launch-wizard-1 created ${iso(2 * HOUR + 60_000)}`,
    vpcId: vpc.id,
    inbound: [
      tcp(80, { ipv4: [{ cidr: '0.0.0.0/0' }], ipv6: [{ cidr: '::/0' }] }),
      tcp(22, { ipv4: [{ cidr: '0.0.0.0/0' }] }),
    ],
    outbound: [allTraffic({ ipv4: [{ cidr: '0.0.0.0/0' }] })],
    tags: {},
  };
  region.securityGroups.push(webGroup);

  const key = seededKeyMaterial('practice-account/seed-000/ec2-key', 'ec2-key');
  region.keyPairs.push({
    id: world.newId('key'),
    name: 'ec2-key',
    type: 'ed25519',
    fingerprint: key.fingerprint,
    createTime: iso(2 * HOUR + 120_000),
    publicKey: key.publicKey,
    privateKeyPem: key.privateKeyPem,
    tags: {},
  });

  const image = amazonLinuxImage(PRACTICE_REGION);
  const instanceId = world.newId('i');
  const volumeId = world.newId('vol');
  const privateIp = allocatePrivateIp(world, subnetA.cidr, new Set());
  const eniId = world.newId('eni');
  region.volumes.push({
    id: volumeId,
    sizeGiB: 8,
    type: 'gp2',
    iops: 100,
    state: 'in-use',
    az: subnetA.az,
    snapshotId: image.blockDevices[0]?.snapshotId,
    encrypted: false,
    createTime: launchedAt,
    attachment: { instanceId, device: '/dev/xvda', attachTime: launchedAt, deleteOnTermination: true },
    tags: {},
  });
  region.instances.push({
    id: instanceId,
    reservationId: world.newId('r'),
    imageId: image.id,
    type: 't2.micro',
    state: 'running',
    az: subnetA.az,
    subnetId: subnetA.id,
    vpcId: vpc.id,
    privateIp,
    keyName: 'ec2-key',
    securityGroupIds: [webGroup.id],
    launchTime: launchedAt,
    architecture: 'x86_64',
    platformDetails: 'Linux/UNIX',
    rootDeviceName: '/dev/xvda',
    blockDevices: [{ device: '/dev/xvda', volumeId, attachTime: launchedAt, deleteOnTermination: true }],
    eni: { id: eniId, attachmentId: world.newId('eni-attach'), macAddress: macAddress(world) },
    tags: { Name: 'WebServer' },
    files: {
      ...amazonLinuxFiles(image),
      [AUTHORIZED_KEYS]: { content: `${key.publicKey}\n`, owner: 'ec2-user', mode: 0o600 },
      // Hands-on 1 wrote the page with sudo: root's, as /var/www/html is.
      [`${WEB_ROOT}/index.html`]: { content: CPS_RESEARCH_CENTER_PAGE, owner: 'root', mode: 0o644 },
    },
    autoAssignPublicIp: true,
  });
  // Hands-on 1 ran `dnf install -y httpd`, `systemctl start httpd` and `systemctl enable httpd`.
  installHttpd(region.instances[0]?.files ?? {}, { enable: true, start: true });
  region.addresses.push({
    allocationId: world.newId('eipalloc'),
    publicIp: allocatePublicIp(world, new Set()),
    association: { id: world.newId('eipassoc'), instanceId, networkInterfaceId: eniId, privateIp },
    tags: {},
  });
  return region;
}

/** The starting state's JSON (what reset restores). */
export function createStartingState(now = Date.now()): WorldState {
  const state: WorldState = { format: WORLD_FORMAT, rng: STARTING_SEED, regions: {} };
  const world = new World(state);
  state.regions[PRACTICE_REGION] = seedStartingRegion(world, now);
  return state;
}

/** A world at the end of hands-on 1. */
export function createStartingWorld(clock: Clock = systemClock()): World {
  return new World(createStartingState(), clock);
}
