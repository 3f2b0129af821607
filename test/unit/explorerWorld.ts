// The explorer tests' world: a hand-built inventory of the lab's account (plain data, as aws/inventory.ts makes
// them), English and Japanese translators, and a way to click down the tree by labels. Shared by the
// test/unit/views.explorer*.test.ts files, one per part of the tree.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Inventory } from '../../src/aws/types';
import type { Translate } from '../../src/platform/translate';
import type { ExplorerNode } from '../../src/views/explorer/nodes';
import { buildExplorerTree } from '../../src/views/explorer/tree';

export const en: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const jaBundle = JSON.parse(readFileSync(join(__dirname, '../../l10n/bundle.l10n.ja.json'), 'utf8')) as Record<
  string,
  string
>;
export const ja: Translate = (message, ...args) => en(jaBundle[message] ?? message, ...args);

export const REGION = 'ap-northeast-1';
const LB_ARN =
  'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/LoadBalancer/50dc6c495c0c9188';
export const TG_ARN =
  'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/WebServers/73e2d6bc24d8a067';
const SPARE_ARN = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/Spare/0123456789abcdef';

export function inventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    context: {
      kind: 'practice',
      region: REGION,
      endpoint: 'http://127.0.0.1:4510',
      accountId: '123456789012',
      callerArn: 'arn:aws:iam::123456789012:user/student',
    },
    fetchedAt: '2025-01-15T03:04:05.000Z',
    azs: [
      { name: 'ap-northeast-1a', zoneId: 'apne1-az4', state: 'available' },
      { name: 'ap-northeast-1c', zoneId: 'apne1-az1', state: 'available' },
      { name: 'ap-northeast-1d', zoneId: 'apne1-az2', state: 'available' },
    ],
    vpcs: [{ id: 'vpc-0a1b2c3d', cidr: '172.31.0.0/16', isDefault: true, state: 'available', tags: {} }],
    subnets: [
      subnet('subnet-0aaa', 'ap-northeast-1a', '172.31.32.0/20'),
      subnet('subnet-0ccc', 'ap-northeast-1c', '172.31.0.0/20'),
      subnet('subnet-0ddd', 'ap-northeast-1d', '172.31.16.0/20'),
    ],
    instances: [
      {
        id: 'i-0web1',
        name: 'WebServer',
        state: 'running',
        type: 't2.micro',
        az: 'ap-northeast-1a',
        vpcId: 'vpc-0a1b2c3d',
        subnetId: 'subnet-0aaa',
        privateIp: '172.31.40.10',
        publicIp: '13.112.0.10',
        elasticIp: '13.112.0.10',
        securityGroups: [{ id: 'sg-web', name: 'launch-wizard-1' }],
        keyName: 'ec2-key',
        imageId: 'ami-0amazon',
        launchTime: '2025-01-15T01:00:00.000Z',
        rootVolume: { volumeId: 'vol-0root1', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2' },
        tags: { Name: 'WebServer' },
      },
      {
        id: 'i-0web2',
        name: 'WebServer2',
        state: 'pending',
        type: 't2.micro',
        az: 'ap-northeast-1d',
        vpcId: 'vpc-0a1b2c3d',
        subnetId: 'subnet-0ddd',
        privateIp: '172.31.20.5',
        securityGroups: [{ id: 'sg-web', name: 'launch-wizard-1' }],
        keyName: 'ec2-key',
        imageId: 'ami-0clone',
        tags: { Name: 'WebServer2' },
      },
    ],
    volumes: [{ id: 'vol-0root1', sizeGiB: 8, volumeType: 'gp2', state: 'in-use', az: 'ap-northeast-1a', tags: {} }],
    snapshots: [{ id: 'snap-0s1', volumeId: 'vol-0root1', sizeGiB: 8, state: 'pending', progress: '45%', tags: {} }],
    images: [
      { id: 'ami-0clone', name: 'AMI of CPS Research Center', state: 'available', snapshotIds: ['snap-0s1'], tags: {} },
    ],
    elasticIps: [
      {
        allocationId: 'eipalloc-01',
        publicIp: '13.112.0.10',
        instanceId: 'i-0web1',
        associationId: 'eipassoc-01',
        tags: {},
      },
      { allocationId: 'eipalloc-02', publicIp: '54.250.0.2', tags: {} },
    ],
    securityGroups: [
      {
        id: 'sg-web',
        name: 'launch-wizard-1',
        description: 'launch-wizard-1 created 2025-01-15',
        vpcId: 'vpc-0a1b2c3d',
        inbound: [
          { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } },
          { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr6', cidr: '::/0' } },
          {
            protocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            source: { kind: 'cidr', cidr: '203.0.113.4/32' },
            description: 'my laptop',
          },
          { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'group', groupId: 'sg-alb' } },
          { protocol: 'tcp', fromPort: 1024, toPort: 65535, source: { kind: 'cidr', cidr: '10.0.0.0/16' } },
        ],
        outbound: [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
        tags: {},
      },
      {
        id: 'sg-alb',
        name: 'alb-sg',
        description: 'for the load balancer',
        vpcId: 'vpc-0a1b2c3d',
        inbound: [{ protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
        outbound: [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
        tags: {},
      },
      {
        id: 'sg-def',
        name: 'default',
        description: 'default VPC security group',
        vpcId: 'vpc-0a1b2c3d',
        inbound: [{ protocol: '-1', source: { kind: 'group', groupId: 'sg-def' } }],
        outbound: [],
        tags: {},
      },
    ],
    loadBalancers: [
      {
        arn: LB_ARN,
        name: 'LoadBalancer',
        dnsName: 'LoadBalancer-1234567890.ap-northeast-1.elb.amazonaws.com',
        scheme: 'internet-facing',
        type: 'application',
        state: 'active',
        vpcId: 'vpc-0a1b2c3d',
        zones: [
          { az: 'ap-northeast-1d', subnetId: 'subnet-0ddd' },
          { az: 'ap-northeast-1a', subnetId: 'subnet-0aaa' },
        ],
        securityGroupIds: ['sg-alb'],
        listeners: [
          {
            arn: `${LB_ARN.replace(':loadbalancer/', ':listener/')}/0f1e2d3c`,
            protocol: 'HTTP',
            port: 80,
            forwardTo: [TG_ARN],
            defaultActionTypes: ['forward'],
          },
        ],
        tags: {},
      },
    ],
    targetGroups: [
      {
        arn: TG_ARN,
        name: 'WebServers',
        protocol: 'HTTP',
        port: 80,
        vpcId: 'vpc-0a1b2c3d',
        targetType: 'instance',
        loadBalancerArns: [LB_ARN],
        healthCheck: {
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/index.html',
          intervalSeconds: 30,
          healthyThreshold: 5,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        targets: [
          {
            id: 'i-0web2',
            port: 80,
            az: 'ap-northeast-1d',
            state: 'unhealthy',
            reason: 'Target.Timeout',
            description: 'Request timed out',
          },
          { id: 'i-0web1', port: 80, az: 'ap-northeast-1a', state: 'healthy' },
        ],
        tags: {},
      },
      {
        arn: SPARE_ARN,
        name: 'Spare',
        protocol: 'HTTP',
        port: 8080,
        targetType: 'instance',
        loadBalancerArns: [],
        healthCheck: { path: '/' },
        targets: [],
        tags: {},
      },
    ],
    dbInstances: [
      db('test-rds-1', { multiAz: true, az: 'ap-northeast-1a', secondaryAz: 'ap-northeast-1c' }),
      db('aurora-1-instance', { clusterId: 'aurora-1', az: 'ap-northeast-1a', engine: 'aurora-mysql' }),
      db('aurora-1-slave', { clusterId: 'aurora-1', az: 'ap-northeast-1c', engine: 'aurora-mysql' }),
    ],
    dbClusters: [
      {
        id: 'aurora-1',
        arn: 'arn:aws:rds:ap-northeast-1:123456789012:cluster:aurora-1',
        engine: 'aurora-mysql',
        status: 'available',
        multiAz: true,
        endpoint: 'aurora-1.cluster-abc.ap-northeast-1.rds.amazonaws.com',
        readerEndpoint: 'aurora-1.cluster-ro-abc.ap-northeast-1.rds.amazonaws.com',
        port: 3306,
        // Listed reader first on purpose: the tree puts the writer first.
        members: [
          { instanceId: 'aurora-1-slave', isWriter: false, az: 'ap-northeast-1c' },
          { instanceId: 'aurora-1-instance', isWriter: true, az: 'ap-northeast-1a' },
        ],
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        tags: {},
      },
    ],
    autoScalingGroups: [],
    problems: [],
    apiCalls: 19,
    ...overrides,
  };
}

function subnet(id: string, az: string, cidr: string) {
  return {
    id,
    vpcId: 'vpc-0a1b2c3d',
    az,
    cidr,
    isPublic: true,
    mapPublicIpOnLaunch: true,
    availableIpCount: 4091,
    isDefaultForAz: true,
    tags: {},
  };
}

function db(
  id: string,
  extra: { multiAz?: boolean; az?: string; secondaryAz?: string; clusterId?: string; engine?: string },
) {
  return {
    id,
    arn: `arn:aws:rds:ap-northeast-1:123456789012:db:${id}`,
    engine: extra.engine ?? 'mysql',
    instanceClass: 'db.t3.micro',
    status: 'available',
    multiAz: extra.multiAz ?? false,
    ...(extra.az ? { az: extra.az } : {}),
    ...(extra.secondaryAz ? { secondaryAz: extra.secondaryAz } : {}),
    ...(extra.clusterId ? { clusterId: extra.clusterId } : {}),
    endpoint: { address: `${id}.abc.ap-northeast-1.rds.amazonaws.com`, port: 3306 },
    publiclyAccessible: false,
    securityGroupIds: [],
    tags: {},
  };
}

export const loaded = (inv: Inventory, t: Translate = en) => buildExplorerTree({ status: 'loaded', inventory: inv }, t);

/** Follows labels from the root: the path a student clicks through. */
export function at(roots: readonly ExplorerNode[], ...labels: string[]): ExplorerNode {
  let nodes = roots;
  let found: ExplorerNode | undefined;
  for (const label of labels) {
    found = nodes.find((n) => n.label === label);
    assert.ok(found, `no "${label}" among ${nodes.map((n) => JSON.stringify(n.label)).join(', ')}`);
    nodes = found.children;
  }
  assert.ok(found);
  return found;
}
