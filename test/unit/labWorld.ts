// Hand-built inventories for the lab's unit tests: the account at the end of track 1 (every check passes), and
// small edits of it that break one thing the way a student would.
import type {
  Instance,
  Inventory,
  LoadBalancer,
  SecurityGroup,
  SecurityGroupRule,
  TargetGroup,
} from '../../src/aws/types';
import { EXERCISE_TAG, LAB_ID, LAB_TAG, STEP_TAG, type Observations, type PageObservation } from '../../src/lab/types';
import { CPS_RESEARCH_CENTER_PAGE } from '../../src/practice/webServerPage';

export const PAGE = CPS_RESEARCH_CENTER_PAGE;
export const PAGE2 = CPS_RESEARCH_CENTER_PAGE.replace('私たちのビジョン', '私たちのビジョン2');
export const DNS = 'LoadBalancer-1234567890.ap-northeast-1.elb.amazonaws.com';
export const WEB_IP = '52.194.196.10';
export const CLONE_IP = '52.199.220.20';
const T0 = '2026-11-23T08:00:00.000Z';

const tcp = (port: number, source: SecurityGroupRule['source']): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  source,
});

export const webSg: SecurityGroup = {
  id: 'sg-web',
  name: 'launch-wizard-1',
  description: 'launch-wizard-1',
  vpcId: 'vpc-1',
  inbound: [tcp(80, { kind: 'group', groupId: 'sg-alb' }), tcp(22, { kind: 'cidr', cidr: '203.0.113.25/32' })],
  outbound: [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
  tags: {},
};
export const albSg: SecurityGroup = {
  id: 'sg-alb',
  name: 'alb-sg',
  description: 'alb-sg',
  vpcId: 'vpc-1',
  inbound: [tcp(80, { kind: 'cidr', cidr: '0.0.0.0/0' }), tcp(80, { kind: 'cidr6', cidr: '::/0' })],
  outbound: [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
  tags: { [LAB_TAG]: LAB_ID, [STEP_TAG]: '1.6', Name: 'alb-sg' },
};

export const webServer: Instance = {
  id: 'i-0web',
  name: 'WebServer',
  state: 'running',
  type: 't2.micro',
  az: 'ap-northeast-1a',
  vpcId: 'vpc-1',
  subnetId: 'subnet-a',
  privateIp: '172.31.40.10',
  publicIp: WEB_IP,
  elasticIp: WEB_IP,
  securityGroups: [{ id: 'sg-web', name: 'launch-wizard-1' }],
  keyName: 'ec2-key',
  imageId: 'ami-al2023',
  launchTime: T0,
  rootVolume: { volumeId: 'vol-web', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2', attachTime: T0 },
  tags: { Name: 'WebServer' },
};
export const clone: Instance = {
  ...webServer,
  id: 'i-0clone',
  name: 'WebServer2',
  az: 'ap-northeast-1d',
  subnetId: 'subnet-d',
  privateIp: '172.31.20.20',
  publicIp: CLONE_IP,
  elasticIp: CLONE_IP,
  imageId: 'ami-0lab',
  launchTime: '2026-11-23T09:00:00.000Z',
  rootVolume: {
    volumeId: 'vol-clone',
    deviceName: '/dev/xvda',
    sizeGiB: 8,
    volumeType: 'gp2',
    attachTime: '2026-11-23T09:00:00.000Z',
  },
  statusChecks: { system: 'ok', instance: 'ok' },
  tags: { Name: 'WebServer2', [LAB_TAG]: LAB_ID, [STEP_TAG]: '1.3' },
};

export const loadBalancer: LoadBalancer = {
  arn: 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/LoadBalancer/abc',
  name: 'LoadBalancer',
  dnsName: DNS,
  scheme: 'internet-facing',
  type: 'application',
  state: 'active',
  vpcId: 'vpc-1',
  zones: [
    { az: 'ap-northeast-1a', subnetId: 'subnet-a' },
    { az: 'ap-northeast-1d', subnetId: 'subnet-d' },
  ],
  securityGroupIds: ['sg-alb'],
  createdTime: '2026-11-23T09:10:00.000Z',
  listeners: [
    {
      arn: 'arn:listener/80',
      protocol: 'HTTP',
      port: 80,
      forwardTo: ['arn:tg/WebServers'],
      defaultActionTypes: ['forward'],
    },
  ],
  tags: { Name: 'LoadBalancer', [EXERCISE_TAG]: 'passed 2026-11-23T09:30:00Z' },
};
export const targetGroup: TargetGroup = {
  arn: 'arn:tg/WebServers',
  name: 'WebServers',
  protocol: 'HTTP',
  port: 80,
  vpcId: 'vpc-1',
  targetType: 'instance',
  loadBalancerArns: [loadBalancer.arn],
  healthCheck: {
    protocol: 'HTTP',
    port: 'traffic-port',
    path: '/index.html',
    intervalSeconds: 30,
    healthyThreshold: 5,
    matcher: '200',
  },
  targets: [
    { id: 'i-0web', port: 80, az: 'ap-northeast-1a', state: 'healthy' },
    { id: 'i-0clone', port: 80, az: 'ap-northeast-1d', state: 'healthy' },
  ],
  tags: {},
};

/** The account after track 1, every step done (web servers reachable only through the ALB). */
export function finishedLab(): Inventory {
  return {
    context: {
      kind: 'practice',
      region: 'ap-northeast-1',
      accountId: '123456789012',
      callerArn: 'arn:aws:iam::123456789012:user/student',
    },
    fetchedAt: '2026-11-23T10:00:00.000Z',
    azs: ['a', 'c', 'd'].map((l) => ({ name: `ap-northeast-1${l}`, zoneId: `apne1-az${l}`, state: 'available' })),
    vpcs: [{ id: 'vpc-1', cidr: '172.31.0.0/16', isDefault: true, state: 'available', tags: {} }],
    subnets: [
      ['subnet-a', 'ap-northeast-1a', '172.31.32.0/20'],
      ['subnet-c', 'ap-northeast-1c', '172.31.0.0/20'],
      ['subnet-d', 'ap-northeast-1d', '172.31.16.0/20'],
    ].map(([id, az, cidr]) => ({
      id: id as string,
      vpcId: 'vpc-1',
      az: az as string,
      cidr: cidr as string,
      isPublic: true,
      mapPublicIpOnLaunch: true,
      availableIpCount: 4000,
      isDefaultForAz: true,
      tags: {},
    })),
    instances: [webServer, clone],
    volumes: [],
    snapshots: [
      {
        id: 'snap-0lab',
        volumeId: 'vol-web',
        sizeGiB: 8,
        state: 'completed',
        progress: '100%',
        description: 'WebServer',
        tags: { State: 'web', Date: '2026-11-23' },
      },
    ],
    images: [
      { id: 'ami-0lab', name: 'AMI of CPS Research Center', state: 'available', snapshotIds: ['snap-0lab'], tags: {} },
    ],
    elasticIps: [
      { allocationId: 'eipalloc-web', publicIp: WEB_IP, instanceId: 'i-0web', associationId: 'eipassoc-1', tags: {} },
      {
        allocationId: 'eipalloc-clone',
        publicIp: CLONE_IP,
        instanceId: 'i-0clone',
        associationId: 'eipassoc-2',
        tags: {},
      },
    ],
    securityGroups: [webSg, albSg],
    loadBalancers: [loadBalancer],
    targetGroups: [targetGroup],
    dbInstances: [],
    dbClusters: [],
    autoScalingGroups: [],
    problems: [],
    apiCalls: 0,
  };
}

export function observation(host: string, path: string, o: Partial<PageObservation>): [string, PageObservation] {
  return [`${host}${path}`, { host, path, ...o }];
}

/** What the student sees at the end: instances time out directly, the ALB answers from both. */
export function finishedObservations(): Map<string, PageObservation> {
  const samples = [0, 1, 2, 3].map((i) =>
    i % 2 === 0
      ? { status: 200, servedBy: 'i-0web', variant: 'vision' as const }
      : { status: 200, servedBy: 'i-0clone', variant: 'vision2' as const },
  );
  return new Map([
    observation(WEB_IP, '/', { error: 'timeout' }),
    observation(CLONE_IP, '/', { error: 'timeout' }),
    observation(WEB_IP, '/index.html', { error: 'timeout' }),
    observation(CLONE_IP, '/index.html', { error: 'timeout' }),
    observation(DNS, '/', { status: 200, body: PAGE, servedBy: 'i-0web', samples }),
  ]);
}

/** Both pages answered directly (before 1.9). */
export function openObservations(): Map<string, PageObservation> {
  const obs = finishedObservations();
  for (const [key, value] of [
    observation(WEB_IP, '/', { status: 200, body: PAGE, servedBy: 'i-0web' }),
    observation(CLONE_IP, '/', { status: 200, body: PAGE2, servedBy: 'i-0clone' }),
    observation(WEB_IP, '/index.html', { status: 200, body: PAGE, servedBy: 'i-0web' }),
    observation(CLONE_IP, '/index.html', { status: 200, body: PAGE2, servedBy: 'i-0clone' }),
  ])
    obs.set(key, value);
  return obs;
}

/** Replace some fields of the inventory (a shallow edit; arrays are replaced whole). */
export function edit(inv: Inventory, changes: Partial<Inventory>): Inventory {
  return { ...inv, ...changes };
}

export function withInstance(inv: Inventory, id: string, changes: Partial<Instance>): Inventory {
  return edit(inv, { instances: inv.instances.map((i) => (i.id === id ? { ...i, ...changes } : i)) });
}

export function withGroup(inv: Inventory, id: string, changes: Partial<SecurityGroup>): Inventory {
  return edit(inv, { securityGroups: inv.securityGroups.map((g) => (g.id === id ? { ...g, ...changes } : g)) });
}

export function withTargets(
  inv: Inventory,
  targets: TargetGroup['targets'],
  changes: Partial<TargetGroup> = {},
): Inventory {
  return edit(inv, { targetGroups: inv.targetGroups.map((tg) => ({ ...tg, ...changes, targets })) });
}

export function withLoadBalancer(inv: Inventory, changes: Partial<LoadBalancer>): Inventory {
  return edit(inv, { loadBalancers: inv.loadBalancers.map((lb) => ({ ...lb, ...changes })) });
}

export type { Observations };
