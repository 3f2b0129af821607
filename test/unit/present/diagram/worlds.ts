// Inventories for the diagram's tests: seed 004's Test-VPC world (track 4: the web tier and the ALB in a VPC of
// the student's own, a Multi-AZ database in its private subnets) and the track-1 world grown to 1,000 instances.
import type { Instance, Inventory, Subnet } from '../../../../src/aws/types';
import { clone, edit, finishedLab, loadBalancer, targetGroup, webServer } from '../../../fixtures/labWorld';

const TEST_VPC = 'vpc-0test';
const subnet = (id: string, name: string, az: string, cidr: string, isPublic: boolean): Subnet => ({
  id,
  name,
  vpcId: TEST_VPC,
  az,
  cidr,
  isPublic,
  mapPublicIpOnLaunch: isPublic,
  availableIpCount: 251,
  isDefaultForAz: false,
  routeTableId: isPublic ? 'rtb-0public' : 'rtb-0main',
  usesMainRouteTable: !isPublic,
  tags: { Name: name },
});

/** Seed 004 after step 4.x: Test-VPC with two public and two private subnets, WebServer(2) and the ALB in it. */
export function testVpcWorld(): Inventory {
  const base = finishedLab();
  const inTestVpc = (i: Instance, subnetId: string, az: string, privateIp: string): Instance => ({
    ...i,
    vpcId: TEST_VPC,
    subnetId,
    az,
    privateIp,
  });
  return edit(base, {
    vpcs: [
      ...base.vpcs,
      { id: TEST_VPC, name: 'Test-VPC', cidr: '10.0.0.0/16', isDefault: false, state: 'available', tags: {} },
    ],
    subnets: [
      ...base.subnets,
      subnet('subnet-0pub1a', 'パブリックサブネット-1a', 'ap-northeast-1a', '10.0.0.0/24', true),
      subnet('subnet-0pub1c', 'パブリックサブネット-1c', 'ap-northeast-1c', '10.0.1.0/24', true),
      subnet('subnet-0pri1a', 'プライベートサブネット-1a', 'ap-northeast-1a', '10.0.2.0/24', false),
      subnet('subnet-0pri1c', 'プライベートサブネット-1c', 'ap-northeast-1c', '10.0.3.0/24', false),
    ],
    routeTables: [
      ...base.routeTables,
      {
        id: 'rtb-0main',
        vpcId: TEST_VPC,
        isMain: true,
        subnetIds: [],
        routes: [{ destination: '10.0.0.0/16', target: { kind: 'local' }, state: 'active' }],
        tags: {},
      },
      {
        id: 'rtb-0public',
        name: 'パブリックルートテーブル',
        vpcId: TEST_VPC,
        isMain: false,
        subnetIds: ['subnet-0pub1a', 'subnet-0pub1c'],
        routes: [
          { destination: '10.0.0.0/16', target: { kind: 'local' }, state: 'active' },
          { destination: '0.0.0.0/0', target: { kind: 'internetGateway', id: 'igw-0test' }, state: 'active' },
        ],
        tags: {},
      },
    ],
    internetGateways: [
      ...base.internetGateways,
      { id: 'igw-0test', name: 'Test-VPC-igw', vpcId: TEST_VPC, tags: { Name: 'Test-VPC-igw' } },
    ],
    instances: [
      inTestVpc(webServer, 'subnet-0pub1a', 'ap-northeast-1a', '10.0.0.10'),
      inTestVpc(clone, 'subnet-0pub1c', 'ap-northeast-1c', '10.0.1.20'),
    ],
    securityGroups: [
      ...base.securityGroups,
      {
        id: 'sg-0db',
        name: 'db-sg',
        description: 'db-sg',
        vpcId: TEST_VPC,
        inbound: [],
        outbound: [],
        tags: {},
      },
    ],
    loadBalancers: [
      {
        ...loadBalancer,
        vpcId: TEST_VPC,
        zones: [
          { az: 'ap-northeast-1a', subnetId: 'subnet-0pub1a' },
          { az: 'ap-northeast-1c', subnetId: 'subnet-0pub1c' },
        ],
      },
    ],
    targetGroups: [
      {
        ...targetGroup,
        vpcId: TEST_VPC,
        targets: [
          { id: webServer.id, port: 80, az: 'ap-northeast-1a', state: 'healthy' },
          { id: clone.id, port: 80, az: 'ap-northeast-1c', state: 'unhealthy', reason: 'Target.Timeout' },
        ],
      },
    ],
    dbInstances: [
      {
        id: 'wordpress',
        arn: 'arn:aws:rds:ap-northeast-1:123456789012:db:wordpress',
        engine: 'mysql',
        instanceClass: 'db.t3.micro',
        status: 'available',
        multiAz: true,
        az: 'ap-northeast-1a',
        secondaryAz: 'ap-northeast-1c',
        publiclyAccessible: false,
        subnetGroupName: 'db-subnetgroup',
        securityGroupIds: ['sg-0db'],
        tags: {},
      },
    ],
    // Step 2.1's subnet group over the private subnets (seed 004).
    dbSubnetGroups: [
      {
        name: 'db-subnetgroup',
        vpcId: TEST_VPC,
        subnetIds: ['subnet-0pri1a', 'subnet-0pri1c'],
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        status: 'Complete',
      },
    ],
  });
}

/** Seed 003's Aurora cluster in Test-VPC's private subnets: `writer` is the member that writes (it swaps on a failover). */
export function auroraWorld(writer: 'wp-user01' | 'wp-user01-slave' = 'wp-user01'): Inventory {
  const base = testVpcWorld();
  const member = (id: string, az: string) => ({
    ...base.dbInstances[0]!,
    id,
    arn: `arn:aws:rds:ap-northeast-1:123456789012:db:${id}`,
    engine: 'aurora-mysql',
    instanceClass: 'db.t3.medium',
    multiAz: false,
    az,
    secondaryAz: undefined,
    clusterId: 'wp-user01-cluster',
  });
  return edit(base, {
    dbInstances: [member('wp-user01', 'ap-northeast-1a'), member('wp-user01-slave', 'ap-northeast-1c')],
    dbClusters: [
      {
        id: 'wp-user01-cluster',
        arn: 'arn:aws:rds:ap-northeast-1:123456789012:cluster:wp-user01-cluster',
        engine: 'aurora-mysql',
        status: 'available',
        multiAz: true,
        endpoint: 'wp-user01-cluster.cluster-abc.ap-northeast-1.rds.amazonaws.com',
        readerEndpoint: 'wp-user01-cluster.cluster-ro-abc.ap-northeast-1.rds.amazonaws.com',
        port: 3306,
        members: [
          { instanceId: 'wp-user01', isWriter: writer === 'wp-user01', az: 'ap-northeast-1a' },
          { instanceId: 'wp-user01-slave', isWriter: writer === 'wp-user01-slave', az: 'ap-northeast-1c' },
        ],
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        subnetGroupName: 'db-subnetgroup',
        securityGroupIds: ['sg-0db'],
        tags: {},
      },
    ],
  });
}

/** The track-1 world with `count` more running instances spread over the default VPC's three subnets. */
export function largeWorld(count: number): Inventory {
  const base = finishedLab();
  const subnets = base.subnets;
  const more: Instance[] = Array.from({ length: count }, (_, k) => {
    const s = subnets[k % subnets.length]!;
    return {
      ...webServer,
      id: `i-${(k + 1).toString(16).padStart(17, '0')}`,
      name: `load-${k + 1}`,
      state: k % 10 === 9 ? 'stopped' : 'running',
      az: s.az,
      subnetId: s.id,
      privateIp: `172.31.${Math.floor(k / 250)}.${k % 250}`,
      tags: { Name: `load-${k + 1}` },
    };
  });
  return edit(base, { instances: [...base.instances, ...more] });
}
