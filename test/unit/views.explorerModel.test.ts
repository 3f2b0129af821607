// The explorer as a student reads it, from hand-built inventories (plain data, as aws/inventory.ts makes them).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Inventory } from '../../src/aws/types';
import type { Translate } from '../../src/platform/translate';
import { fix, reason } from '../../src/lab/codes';
import { reasonText } from '../../src/lab/text';
import {
  buildExplorerTree,
  diagnosisKey,
  ROOT_ID,
  walk,
  type ExplorerNode,
  type ExplorerState,
} from '../../src/views/explorerModel';

const en: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const jaBundle = JSON.parse(readFileSync(join(__dirname, '../../l10n/bundle.l10n.ja.json'), 'utf8')) as Record<
  string,
  string
>;
const ja: Translate = (message, ...args) => en(jaBundle[message] ?? message, ...args);

const REGION = 'ap-northeast-1';
const LB_ARN =
  'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/LoadBalancer/50dc6c495c0c9188';
const TG_ARN = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/WebServers/73e2d6bc24d8a067';
const SPARE_ARN = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/Spare/0123456789abcdef';

function inventory(overrides: Partial<Inventory> = {}): Inventory {
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

const loaded = (inv: Inventory, t: Translate = en) => buildExplorerTree({ status: 'loaded', inventory: inv }, t);

/** Follows labels from the root: the path a student clicks through. */
function at(roots: readonly ExplorerNode[], ...labels: string[]): ExplorerNode {
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

describe('explorer tree: account and groups', () => {
  it('has one account node with the groups a student thinks in, Auto Scaling only when there is some', () => {
    const roots = loaded(inventory());
    assert.equal(roots.length, 1);
    const [account] = roots;
    assert.ok(account);
    assert.equal(account.kind, 'account');
    assert.equal(account.id, ROOT_ID);
    assert.equal(account.label, 'Practice account · ap-northeast-1');
    assert.match(account.tooltip ?? '', /arn:aws:iam::123456789012:user\/student/);
    assert.deepEqual(
      account.children.map((c) => c.label),
      ['Network', 'Load balancing', 'Databases', 'Images and snapshots', 'Elastic IPs', 'Security groups'],
    );
  });

  it('labels an AWS account as profile · account id · region', () => {
    const inv = inventory();
    const [account] = loaded({
      ...inv,
      context: { ...inv.context, kind: 'aws', profile: 'student-sso', endpoint: undefined },
    });
    assert.equal(account?.label, 'student-sso · 123456789012 · ap-northeast-1');
    assert.match(account?.contextValue ?? '', /\baws\b/);
  });

  it('shows "None yet" in an empty group instead of hiding it', () => {
    const roots = loaded(inventory({ loadBalancers: [], targetGroups: [], elasticIps: [] }));
    assert.deepEqual(
      at(roots, 'Practice account · ap-northeast-1', 'Load balancing').children.map((c) => [c.kind, c.label]),
      [['empty', 'None yet']],
    );
    assert.deepEqual(
      at(roots, 'Practice account · ap-northeast-1', 'Elastic IPs').children.map((c) => c.label),
      ['None yet'],
    );
  });
});

describe('explorer tree: network', () => {
  it('puts WebServer under its VPC > ap-northeast-1a > its subnet, running, with type and Elastic IP', () => {
    const roots = loaded(inventory());
    const web = at(
      roots,
      'Practice account · ap-northeast-1',
      'Network',
      'vpc-0a1b2c3d',
      'ap-northeast-1a',
      'subnet-0aaa',
      'WebServer',
    );
    assert.equal(web.kind, 'instance');
    assert.equal(web.description, 'running · t2.micro · 13.112.0.10 (EIP)');
    assert.deepEqual(web.icon, { id: 'vm-running', color: 'charts.green' });
    assert.equal(web.contextValue, 'instance hasId hasArn console running');
    assert.equal(web.resource?.id, 'i-0web1');
    assert.equal(web.resource?.arn, 'arn:aws:ec2:ap-northeast-1:123456789012:instance/i-0web1');
    for (const fact of [
      'i-0web1',
      't2.micro',
      '172.31.40.10',
      'launch-wizard-1',
      'ec2-key',
      'vol-0root1',
      '8 GiB',
      '2025-01-15 01:00 UTC',
    ]) {
      assert.ok(web.tooltip?.includes(fact), `tooltip lacks ${fact}:\n${web.tooltip}`);
    }
    // getParent walks back to the root (reveal() needs it).
    const chain: string[] = [];
    for (let n: ExplorerNode | undefined = web; n; n = n.parent) chain.push(n.kind);
    assert.deepEqual(chain, ['instance', 'subnet', 'az', 'vpc', 'group', 'account']);
  });

  it('shows AZs with subnets only, a pending instance in yellow, and subnets as public or private', () => {
    const inv = inventory();
    const roots = loaded({
      ...inv,
      subnets: inv.subnets
        .filter((s) => s.az !== 'ap-northeast-1c')
        .map((s) => (s.az === 'ap-northeast-1d' ? { ...s, isPublic: false } : s)),
    });
    const vpc = at(roots, 'Practice account · ap-northeast-1', 'Network', 'vpc-0a1b2c3d');
    assert.equal(vpc.description, '172.31.0.0/16 · default VPC');
    assert.deepEqual(
      vpc.children.map((c) => c.label),
      ['ap-northeast-1a', 'ap-northeast-1d'],
    );
    const sub = at(vpc.children, 'ap-northeast-1d', 'subnet-0ddd');
    assert.equal(sub.description, '172.31.16.0/20 · private');
    const web2 = at(sub.children, 'WebServer2');
    assert.equal(web2.description, 'pending · t2.micro');
    assert.equal(web2.icon?.color, 'charts.yellow');
  });
});

describe('explorer tree: load balancing', () => {
  it('nests targets under load balancer > listener > target group, with health, reason and AZ', () => {
    const roots = loaded(inventory());
    const lb = at(roots, 'Practice account · ap-northeast-1', 'Load balancing', 'LoadBalancer');
    assert.equal(lb.description, 'active · internet-facing · ap-northeast-1a, ap-northeast-1d');
    assert.equal(lb.contextValue, 'loadBalancer hasId hasArn hasDns console');
    assert.equal(lb.resource?.dnsName, 'LoadBalancer-1234567890.ap-northeast-1.elb.amazonaws.com');
    const tg = at(lb.children, 'HTTP:80 → WebServers', 'WebServers');
    assert.equal(tg.description, 'HTTP:80 · health check /index.html');
    assert.deepEqual(
      tg.children.map((c) => [c.label, c.description, c.icon?.color]),
      [
        ['WebServer', 'healthy · ap-northeast-1a', 'charts.green'],
        ['WebServer2', 'unhealthy · Target.Timeout · ap-northeast-1d', 'charts.red'],
      ],
    );
    const sick = at(tg.children, 'WebServer2');
    assert.match(sick.tooltip ?? '', /security group admits the load balancer/);
    assert.equal(sick.resource?.id, 'i-0web2');
  });

  it('adds the lab’s diagnosis (1.7) to an unhealthy target: the causes in its tooltip and a Fix action', () => {
    const blocked = reason('diagnosis.securityGroup', {
      id: 'i-0web2',
      instance: 'WebServer2',
      port: 80,
      groupId: 'sg-0web',
      groupName: 'launch-wizard-1',
      sourceGroupId: 'sg-0alb',
      sourceGroupName: 'alb-sg',
    });
    const admit = fix('authorizeIngress', {
      groupId: 'sg-0web',
      groupName: 'launch-wizard-1',
      protocol: 'tcp',
      port: 80,
      sourceGroupId: 'sg-0alb',
      sourceGroupName: 'alb-sg',
    });
    const diagnoses = new Map([
      [diagnosisKey(TG_ARN, 'i-0web2'), { causes: [blocked], fixes: [admit] }],
      // A healthy target gets none even if one were given.
      [diagnosisKey(TG_ARN, 'i-0web1'), { causes: [blocked], fixes: [admit] }],
    ]);
    const roots = buildExplorerTree({ status: 'loaded', inventory: inventory() }, en, diagnoses);
    const tg = at(
      roots,
      'Practice account · ap-northeast-1',
      'Load balancing',
      'LoadBalancer',
      'HTTP:80 → WebServers',
      'WebServers',
    );
    const sick = at(tg.children, 'WebServer2');
    assert.ok(sick.tooltip?.includes(reasonText(blocked, en)), sick.tooltip);
    assert.ok(sick.tooltip?.includes('Allow TCP 80 from alb-sg in launch-wizard-1'), sick.tooltip);
    assert.match(sick.contextValue, /\bhasFix\b/);
    assert.deepEqual(sick.fix, admit);
    assert.equal(sick.step, '1.7');
    const well = at(tg.children, 'WebServer');
    assert.doesNotMatch(well.contextValue, /hasFix/);
    assert.equal(well.fix, undefined);
    // Without diagnoses (before the lab's first check), the tree is as before.
    assert.doesNotMatch(
      at(
        loaded(inventory()),
        'Practice account · ap-northeast-1',
        'Load balancing',
        'LoadBalancer',
        'HTTP:80 → WebServers',
        'WebServers',
        'WebServer2',
      ).contextValue,
      /hasFix/,
    );
  });

  it('lists target groups that no listener uses at the top of the group', () => {
    const roots = loaded(inventory());
    const group = at(roots, 'Practice account · ap-northeast-1', 'Load balancing');
    assert.deepEqual(
      group.children.map((c) => c.label),
      ['LoadBalancer', 'Spare'],
    );
    const spare = at(group.children, 'Spare');
    assert.equal(spare.kind, 'targetGroup');
    assert.equal(spare.description, 'HTTP:8080 · health check / · not used by a load balancer');
    assert.deepEqual(
      spare.children.map((c) => c.label),
      ['No targets registered'],
    );
  });
});

describe('explorer tree: databases, images, addresses, security groups', () => {
  it('shows RDS with Multi-AZ and both AZs, and an Aurora cluster with its writer first', () => {
    const roots = loaded(inventory());
    const dbs = at(roots, 'Practice account · ap-northeast-1', 'Databases');
    assert.deepEqual(
      dbs.children.map((c) => [c.kind, c.label]),
      [
        ['dbInstance', 'test-rds-1'],
        ['dbCluster', 'aurora-1'],
      ],
    );
    assert.equal(
      at(dbs.children, 'test-rds-1').description,
      'available · Multi-AZ · ap-northeast-1a / ap-northeast-1c',
    );
    assert.equal(at(dbs.children, 'test-rds-1').resource?.dnsName, 'test-rds-1.abc.ap-northeast-1.rds.amazonaws.com');
    assert.deepEqual(
      at(dbs.children, 'aurora-1').children.map((c) => [c.label, c.description]),
      [
        ['aurora-1-instance', 'writer · ap-northeast-1a · available'],
        ['aurora-1-slave', 'reader · ap-northeast-1c · available'],
      ],
    );
  });

  it('shows AMIs and snapshots with state, progress and size', () => {
    const roots = loaded(inventory());
    const images = at(roots, 'Practice account · ap-northeast-1', 'Images and snapshots');
    assert.deepEqual(
      images.children.map((c) => [c.kind, c.label, c.description]),
      [
        ['image', 'AMI of CPS Research Center', 'AMI · available · snap-0s1'],
        ['snapshot', 'snap-0s1', 'Snapshot · pending · 45% · 8 GiB'],
      ],
    );
  });

  it('names the instance an Elastic IP is on, and warns about one that is not', () => {
    const roots = loaded(inventory());
    const eips = at(roots, 'Practice account · ap-northeast-1', 'Elastic IPs');
    assert.deepEqual(
      eips.children.map((c) => [c.label, c.description, c.icon?.id]),
      [
        ['13.112.0.10', 'WebServer', 'location'],
        ['54.250.0.2', 'not associated — still billed', 'warning'],
      ],
    );
  });

  it('reads security-group rules as sentences', () => {
    const roots = loaded(inventory());
    const groups = at(roots, 'Practice account · ap-northeast-1', 'Security groups');
    assert.deepEqual(
      groups.children.map((c) => [c.label, c.description]),
      [
        ['alb-sg', 'sg-alb'],
        ['default', 'sg-def'],
        ['launch-wizard-1', 'sg-web'],
      ],
    );
    assert.deepEqual(
      at(groups.children, 'launch-wizard-1').children.map((c) => c.label),
      [
        'HTTP (80) from anywhere (0.0.0.0/0)',
        'HTTP (80) from anywhere (::/0)',
        'SSH (22) from 203.0.113.4/32',
        'HTTP (80) from sg-alb (alb-sg)',
        'TCP 1024–65535 from 10.0.0.0/16',
        'All traffic to anywhere (0.0.0.0/0)',
      ],
    );
    assert.equal(at(groups.children, 'launch-wizard-1', 'SSH (22) from 203.0.113.4/32').description, 'my laptop');
    assert.deepEqual(
      at(groups.children, 'default').children.map((c) => c.label),
      ['All traffic from this group'],
    );
    const noInbound = loaded(
      inventory({
        securityGroups: [{ id: 'sg-x', name: 'closed', description: '', inbound: [], outbound: [], tags: {} }],
      }),
    );
    assert.deepEqual(
      at(noInbound, 'Practice account · ap-northeast-1', 'Security groups', 'closed').children.map((c) => c.label),
      ['No inbound rules: nothing can connect in'],
    );
  });
});

describe('explorer tree: problems and states', () => {
  it('turns each inventory problem into an error node in its group; Auto Scaling appears to show its own', () => {
    const roots = loaded(
      inventory({
        dbInstances: [],
        dbClusters: [],
        problems: [
          {
            section: 'databases',
            action: 'rds:DescribeDBInstances',
            error: { kind: 'accessDenied', action: 'rds:DescribeDBInstances' },
          },
          {
            section: 'autoScaling',
            action: 'autoscaling:DescribeAutoScalingGroups',
            error: { kind: 'throttled', action: 'autoscaling:DescribeAutoScalingGroups' },
          },
        ],
      }),
    );
    const dbs = at(roots, 'Practice account · ap-northeast-1', 'Databases');
    assert.equal(dbs.children.length, 1, 'the error replaces "None yet"');
    const [error] = dbs.children;
    assert.equal(error?.kind, 'error');
    assert.equal(
      error?.label,
      'Access denied: your IAM permissions do not allow rds:DescribeDBInstances. Ask your administrator to allow it.',
    );
    assert.deepEqual(error?.icon, { id: 'error', color: 'charts.red' });
    const asg = at(roots, 'Practice account · ap-northeast-1', 'Auto Scaling groups');
    assert.equal(asg.children[0]?.kind, 'error');
    assert.match(asg.children[0]?.label ?? '', /limiting the request rate/);
  });

  it('shows a failed load as one error node under the account, with the command that fixes it', () => {
    const state: ExplorerState = {
      status: 'failed',
      problem: { kind: 'credentialsExpired', profile: 'student-sso', ssoLogin: 'aws sso login --profile student-sso' },
      account: { kind: 'aws', profile: 'student-sso', region: REGION },
    };
    const [account] = buildExplorerTree(state, en);
    assert.equal(account?.label, 'student-sso · ap-northeast-1');
    assert.equal(account?.children.length, 1);
    const error = account?.children[0];
    assert.equal(error?.id, 'account/error');
    assert.equal(
      error?.label,
      'Your AWS sign-in for profile "student-sso" has expired. Run: aws sso login --profile student-sso',
    );
    assert.deepEqual(error?.command?.id, 'scaleOutLab.ssoLogin');
    assert.deepEqual(error?.command?.args, ['student-sso']);
    assert.match(error?.contextValue ?? '', /\bssoLogin\b/);
    assert.match(error?.tooltip ?? '', /```sh\naws sso login --profile student-sso\n```/);

    const [none] = buildExplorerTree({ status: 'failed', problem: { kind: 'noCredentials' } }, en);
    assert.equal(none?.children[0]?.command?.id, 'scaleOutLab.chooseAccount');
    assert.match(none?.children[0]?.label ?? '', /^No AWS credentials found/);
  });

  it('keeps the last snapshot on screen when a refresh fails, with the error first and its time', () => {
    const previous = inventory();
    const good = loaded(previous);
    const [account] = buildExplorerTree(
      { status: 'failed', problem: { kind: 'throttled', action: 'ec2:DescribeInstances' }, previous },
      en,
    );
    const error = account?.children[0];
    assert.equal(error?.kind, 'error');
    assert.match(error?.label ?? '', /limiting the request rate/);
    assert.equal(error?.description, `showing ${previous.fetchedAt.slice(0, 16).replace('T', ' ')} UTC`);
    // Below it, the same groups (same ids, so expansion survives) as the last good tree.
    assert.deepEqual(
      account?.children.slice(1).map((c) => c.id),
      good[0]?.children.map((c) => c.id),
    );
    assert.ok([...walk([account!])].some((n) => n.kind === 'instance' && n.label === 'WebServer'));
  });

  it('shows "Loading…" under the account while loading, and nothing while idle (the welcome text shows)', () => {
    const [account] = buildExplorerTree({ status: 'loading', account: { kind: 'practice', region: REGION } }, en);
    assert.equal(account?.label, 'Practice account · ap-northeast-1');
    assert.deepEqual(
      account?.children.map((c) => [c.kind, c.label, c.icon?.id]),
      [['loading', 'Loading…', 'loading~spin']],
    );
    assert.deepEqual(buildExplorerTree({ status: 'idle' }, en), []);
  });
});

describe('explorer tree: ids', () => {
  it('gives every node a unique id below its parent', () => {
    const roots = loaded(inventory());
    const ids = new Set<string>();
    for (const node of walk(roots)) {
      assert.ok(!ids.has(node.id), `duplicate id ${node.id}`);
      ids.add(node.id);
      if (node.parent) assert.ok(node.id.startsWith(`${node.parent.id}/`), `${node.id} is not below ${node.parent.id}`);
      for (const child of node.children) assert.equal(child.parent, node);
    }
    assert.ok(ids.has('account/network/vpc:vpc-0a1b2c3d/az:ap-northeast-1a/subnet:subnet-0aaa/instance:i-0web1'));
    assert.ok(ids.has('account/loadBalancing/lb:LoadBalancer/listener:HTTP:80/tg:WebServers/target:i-0web2:80'));
  });

  it('keeps ids when the account changes state between refreshes (expansion state survives)', () => {
    const before = loaded(inventory());
    const inv = inventory();
    const after = loaded({
      ...inv,
      fetchedAt: '2025-01-15T03:05:05.000Z',
      instances: inv.instances.map((i) =>
        i.id === 'i-0web2' ? { ...i, state: 'running', publicIp: '13.112.0.20' } : i,
      ),
      snapshots: inv.snapshots.map((s) => ({ ...s, state: 'completed', progress: '100%' })),
    });
    const idsOf = (roots: ExplorerNode[]) => [...walk(roots)].map((n) => n.id);
    assert.deepEqual(idsOf(after), idsOf(before));
    const web2 = [...walk(after)].find((n) => n.id.endsWith('/instance:i-0web2'));
    assert.equal(web2?.description, 'running · t2.micro · 13.112.0.20');
  });
});

describe('explorer tree: Japanese', () => {
  it('uses the console’s Japanese terms', () => {
    const roots = loaded(inventory(), ja);
    const web = at(
      roots,
      '練習用アカウント · ap-northeast-1',
      'ネットワーク',
      'vpc-0a1b2c3d',
      'ap-northeast-1a',
      'subnet-0aaa',
      'WebServer',
    );
    assert.equal(web.description, '実行中 · t2.micro · 13.112.0.10（Elastic IP）');
    const [account] = roots;
    assert.deepEqual(
      account?.children.map((c) => c.label),
      [
        'ネットワーク',
        'ロードバランシング',
        'データベース',
        'AMI とスナップショット',
        'Elastic IP',
        'セキュリティグループ',
      ],
    );
    const rules = at(
      roots,
      '練習用アカウント · ap-northeast-1',
      'セキュリティグループ',
      'launch-wizard-1',
    ).children.map((c) => c.label);
    assert.equal(rules[0], 'すべてのアドレス（0.0.0.0/0） からの HTTP (80) を許可');
    const target = at(
      roots,
      '練習用アカウント · ap-northeast-1',
      'ロードバランシング',
      'LoadBalancer',
      'HTTP:80 → WebServers',
      'WebServers',
      'WebServer2',
    );
    assert.equal(target.description, '異常 · Target.Timeout · ap-northeast-1d');
  });
});

describe('explorer tree: size', () => {
  it('builds a 1,000-instance account quickly', () => {
    const inv = inventory();
    const azs = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];
    const subnets = ['subnet-0aaa', 'subnet-0ccc', 'subnet-0ddd'];
    const base = inv.instances[0];
    assert.ok(base);
    const instances = Array.from({ length: 1000 }, (_, k) => ({
      ...base,
      id: `i-${k.toString(16).padStart(17, '0')}`,
      name: `web-${k}`,
      az: azs[k % 3] ?? 'ap-northeast-1a',
      subnetId: subnets[k % 3],
    }));
    const started = performance.now();
    const roots = loaded({ ...inv, instances });
    const ms = performance.now() - started;
    const count = [...walk(roots)].filter((n) => n.kind === 'instance').length;
    assert.equal(count, 1000);
    assert.ok(ms < 500, `built in ${ms.toFixed(0)} ms`);
  });
});
