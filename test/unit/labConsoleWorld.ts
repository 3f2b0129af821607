// By-hand labs, built the way the AWS console builds them (seeds 000, 001, 003, 004): console names
// (launch-wizard-2, my-alb, elb-sg, tg-web), WebServer2 in 1c with its own key pair, an AMI made with
// "Create image" from the instance (its snapshot described "Created by CreateImage(...)"), no lab tags, and
// AWS's web answers (no X-Served-By: the page says which server answered). Small builders over one account.
import type {
  Instance,
  Inventory,
  InventoryProblem,
  LoadBalancer,
  SecurityGroup,
  SecurityGroupRule,
  Target,
  TargetGroup,
} from '../../src/aws/types';
import type { CheckInput, PageObservation, PageSample } from '../../src/lab/types';
import { PAGE, PAGE2 } from './labWorld';

export const STUDENT_IP = '203.0.113.25';
export const WS_IP = '54.95.10.1';
export const WS2_IP = '18.182.20.2';
export const ALB_DNS = 'my-alb-1122334455.ap-northeast-1.elb.amazonaws.com';
const LAUNCH = '2026-11-24T01:00:00.000Z';
const LAUNCH2 = '2026-11-24T02:00:00.000Z';
export const ALB_CREATED = '2026-11-24T03:00:00.000Z';

export const tcp = (port: number, source: SecurityGroupRule['source']): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  source,
});
export const anywhere = (port: number) => tcp(port, { kind: 'cidr', cidr: '0.0.0.0/0' });
export const fromMe = (port: number) => tcp(port, { kind: 'cidr', cidr: `${STUDENT_IP}/32` });
export const fromGroup = (port: number, groupId: string) => tcp(port, { kind: 'group', groupId });

const group = (id: string, name: string, inbound: SecurityGroupRule[]): SecurityGroup => ({
  id,
  name,
  description: `${name} created 2026-11-24T10:00:00.000+09:00`,
  vpcId: 'vpc-def',
  inbound,
  outbound: [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
  tags: {},
});

/** launch-wizard-1 (WebServer's), launch-wizard-2 (WebServer2's, seed 000), elb-sg (the ALB's, seed 004). */
export const LW1 = 'sg-0lw1';
export const LW2 = 'sg-0lw2';
export const ELB_SG = 'sg-0elb';

export const webServer: Instance = {
  id: 'i-031b712bf14379293',
  name: 'WebServer',
  state: 'running',
  type: 't2.micro',
  az: 'ap-northeast-1a',
  vpcId: 'vpc-def',
  subnetId: 'subnet-b674d9fe',
  privateIp: '172.31.40.10',
  publicIp: WS_IP,
  elasticIp: WS_IP,
  securityGroups: [{ id: LW1, name: 'launch-wizard-1' }],
  keyName: 'ec2-key',
  imageId: 'ami-0al2023',
  launchTime: LAUNCH,
  rootVolume: { volumeId: 'vol-0ws', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2', attachTime: LAUNCH },
  tags: { Name: 'WebServer' },
};

/** WebServer2 as seed 000 launches it: from the AMI, in 1c (not the handout's 1d), launch-wizard-2, its own key. */
export const webServer2: Instance = {
  ...webServer,
  id: 'i-0ad5523878c385ae2',
  name: 'WebServer2',
  az: 'ap-northeast-1c',
  subnetId: 'subnet-2b55e100',
  privateIp: '172.31.5.20',
  publicIp: WS2_IP,
  elasticIp: WS2_IP,
  securityGroups: [{ id: LW2, name: 'launch-wizard-2' }],
  keyName: 'webserver2-key',
  imageId: 'ami-0fromws',
  launchTime: LAUNCH2,
  rootVolume: { volumeId: 'vol-0ws2', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2', attachTime: LAUNCH2 },
  statusChecks: { system: 'ok', instance: 'ok' },
  tags: { Name: 'WebServer2' },
};

export const myAlb: LoadBalancer = {
  arn: 'arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/my-alb/50dc6c495c0c9188',
  name: 'my-alb',
  dnsName: ALB_DNS,
  scheme: 'internet-facing',
  type: 'application',
  state: 'active',
  vpcId: 'vpc-def',
  zones: [
    { az: 'ap-northeast-1a', subnetId: 'subnet-b674d9fe' },
    { az: 'ap-northeast-1c', subnetId: 'subnet-2b55e100' },
  ],
  securityGroupIds: [ELB_SG],
  createdTime: ALB_CREATED,
  listeners: [
    {
      arn: 'arn:listener/my-alb/80',
      protocol: 'HTTP',
      port: 80,
      forwardTo: ['arn:tg/tg-web'],
      defaultActionTypes: ['forward'],
    },
  ],
  tags: {},
};

const healthy = (id: string, az: string): Target => ({ id, port: 80, az, state: 'healthy' });

export const tgWeb: TargetGroup = {
  arn: 'arn:tg/tg-web',
  name: 'tg-web',
  protocol: 'HTTP',
  port: 80,
  vpcId: 'vpc-def',
  targetType: 'instance',
  loadBalancerArns: [myAlb.arn],
  // The console's defaults: path /, interval 30 s, healthy threshold 5.
  healthCheck: {
    protocol: 'HTTP',
    port: 'traffic-port',
    path: '/',
    intervalSeconds: 30,
    healthyThreshold: 5,
    matcher: '200',
  },
  targets: [healthy(webServer.id, 'ap-northeast-1a'), healthy(webServer2.id, 'ap-northeast-1c')],
  tags: {},
};

/** The by-hand lab up to 1.8: both servers open to HTTP from anywhere (before 1.9), the ALB answering from both. */
export function consoleLab(): Inventory {
  return {
    context: {
      kind: 'aws',
      region: 'ap-northeast-1',
      accountId: '111122223333',
      callerArn: 'arn:aws:iam::111122223333:user/s',
    },
    fetchedAt: '2026-11-24T05:00:00.000Z',
    azs: ['a', 'c', 'd'].map((l) => ({ name: `ap-northeast-1${l}`, zoneId: `apne1-az${l}`, state: 'available' })),
    vpcs: [{ id: 'vpc-def', cidr: '172.31.0.0/16', isDefault: true, state: 'available', tags: {} }],
    subnets: [
      ['subnet-b674d9fe', 'ap-northeast-1a', '172.31.32.0/20'],
      ['subnet-2b55e100', 'ap-northeast-1c', '172.31.0.0/20'],
      ['subnet-d', 'ap-northeast-1d', '172.31.16.0/20'],
    ].map(([id, az, cidr]) => ({
      id: id as string,
      vpcId: 'vpc-def',
      az: az as string,
      cidr: cidr as string,
      isPublic: true,
      mapPublicIpOnLaunch: true,
      availableIpCount: 4000,
      isDefaultForAz: true,
      tags: {},
    })),
    instances: [webServer, webServer2],
    volumes: [
      {
        id: 'vol-0ws',
        sizeGiB: 8,
        volumeType: 'gp2',
        state: 'in-use',
        az: 'ap-northeast-1a',
        snapshotId: 'snap-amzn',
        attachedTo: { instanceId: webServer.id, device: '/dev/xvda' },
        createTime: LAUNCH,
        tags: {},
      },
      {
        id: 'vol-0ws2',
        sizeGiB: 8,
        volumeType: 'gp2',
        state: 'in-use',
        az: 'ap-northeast-1c',
        snapshotId: 'snap-0ci',
        attachedTo: { instanceId: webServer2.id, device: '/dev/xvda' },
        createTime: LAUNCH2,
        tags: {},
      },
    ],
    // "Create image" from the instance (NoReboot off): AWS snapshots the root volume and says so.
    snapshots: [
      {
        id: 'snap-0ci',
        volumeId: 'vol-0ws',
        sizeGiB: 8,
        state: 'completed',
        progress: '100%',
        description: 'Created by CreateImage(i-031b712bf14379293) for ami-0fromws',
        startTime: '2026-11-24T01:30:00.000Z',
        tags: {},
      },
    ],
    images: [
      {
        id: 'ami-0fromws',
        name: 'webserver-image',
        description: 'WebServer image',
        state: 'available',
        creationDate: '2026-11-24T01:30:00.000Z',
        rootDeviceName: '/dev/xvda',
        snapshotIds: ['snap-0ci'],
        tags: {},
      },
    ],
    elasticIps: [
      {
        allocationId: 'eipalloc-ws',
        publicIp: WS_IP,
        instanceId: webServer.id,
        associationId: 'eipassoc-ws',
        tags: {},
      },
      {
        allocationId: 'eipalloc-ws2',
        publicIp: WS2_IP,
        instanceId: webServer2.id,
        associationId: 'eipassoc-ws2',
        tags: {},
      },
    ],
    securityGroups: [
      // The launch wizard's SSH from anywhere, plus HTTP as the handouts add it.
      group(LW1, 'launch-wizard-1', [anywhere(80), fromMe(22)]),
      group(LW2, 'launch-wizard-2', [anywhere(22), anywhere(80)]),
      group(ELB_SG, 'elb-sg', [anywhere(80)]),
    ],
    loadBalancers: [myAlb],
    targetGroups: [tgWeb],
    dbInstances: [],
    dbClusters: [],
    autoScalingGroups: [],
    problems: [],
    apiCalls: 0,
  };
}

/** The same lab after 1.9 by hand: both web groups admit HTTP only from elb-sg (SSH stays). */
export function securedConsoleLab(): Inventory {
  const inv = consoleLab();
  return withRules(withRules(inv, LW1, [fromGroup(80, ELB_SG), fromMe(22)]), LW2, [
    fromGroup(80, ELB_SG),
    anywhere(22),
  ]);
}

export function withRules(inv: Inventory, groupId: string, inbound: SecurityGroupRule[]): Inventory {
  return { ...inv, securityGroups: inv.securityGroups.map((g) => (g.id === groupId ? { ...g, inbound } : g)) };
}

export function withInstance(inv: Inventory, id: string, changes: Partial<Instance>): Inventory {
  return { ...inv, instances: inv.instances.map((i) => (i.id === id ? { ...i, ...changes } : i)) };
}

export function withTargets(inv: Inventory, tgArn: string, targets: Target[]): Inventory {
  return { ...inv, targetGroups: inv.targetGroups.map((tg) => (tg.arn === tgArn ? { ...tg, targets } : tg)) };
}

export function withProblem(inv: Inventory, problem: InventoryProblem, emptied: Partial<Inventory>): Inventory {
  return { ...inv, ...emptied, problems: [...inv.problems, problem] };
}

const page = (host: string, o: Partial<PageObservation>): [string, PageObservation] => [
  `${host}/`,
  { host, path: '/', ...o },
];

/** The ALB's answers as AWS gives them (no X-Served-By): alternating pages, or one answer repeated. */
export function albAnswers(samples: PageSample[]): [string, PageObservation] {
  const first = samples[0] ?? { error: 'timeout' };
  return page(ALB_DNS, {
    ...(first.status !== undefined ? { status: first.status, body: first.variant === 'vision2' ? PAGE2 : PAGE } : {}),
    ...(first.error ? { error: first.error } : {}),
    samples,
  });
}

export const bothPages: PageSample[] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
  status: 200,
  variant: i % 2 === 0 ? ('vision' as const) : ('vision2' as const),
}));

/** Before 1.9: both pages answer directly; the ALB answers from both. */
export function openPages(): Map<string, PageObservation> {
  return new Map([
    page(WS_IP, { status: 200, body: PAGE }),
    page(WS2_IP, { status: 200, body: PAGE2 }),
    albAnswers(bothPages),
  ]);
}

/** After 1.9: direct requests time out; the ALB answers from both. */
export function closedPages(samples: PageSample[] = bothPages): Map<string, PageObservation> {
  return new Map([page(WS_IP, { error: 'timeout' }), page(WS2_IP, { error: 'timeout' }), albAnswers(samples)]);
}

export function directPage(host: string, o: Partial<PageObservation>): [string, PageObservation] {
  return page(host, o);
}

export const at = (inventory: Inventory, observations: Map<string, PageObservation>): CheckInput => ({
  inventory,
  observations,
});
