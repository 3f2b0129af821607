// Inventory mapping from SDK-shaped answers (the objects the @aws-sdk clients return), joins included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as ELB from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as RDS from '@aws-sdk/client-rds';
import type * as AS from '@aws-sdk/client-auto-scaling';
import { assembleInventory, type RawInventory } from '../../../src/aws/inventory';
import { CallFailure, SectionFailure, chunks, mapLimit, settleAll } from '../../../src/aws/inventory/calls';
import type { AccountContext } from '../../../src/aws/types';

const context: AccountContext = {
  kind: 'practice',
  region: 'ap-northeast-1',
  endpoint: 'http://127.0.0.1:1',
  accountId: '123456789012',
  callerArn: 'arn:aws:iam::123456789012:user/student',
};

const vpc = 'vpc-0a1b2c3d';
const routeTables: EC2.RouteTable[] = [
  {
    RouteTableId: 'rtb-main',
    VpcId: vpc,
    Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-1' }],
    Routes: [
      { DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123abcd', State: 'active' },
    ],
  },
  {
    RouteTableId: 'rtb-private',
    VpcId: vpc,
    Associations: [{ Main: false, SubnetId: 'subnet-private', RouteTableAssociationId: 'rtbassoc-2' }],
    Routes: [{ DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', State: 'active' }],
  },
  {
    RouteTableId: 'rtb-dead',
    VpcId: vpc,
    Associations: [{ Main: false, SubnetId: 'subnet-blackhole' }],
    Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-deleted1', State: 'blackhole' }],
  },
];
const subnet = (id: string, az: string, cidr: string): EC2.Subnet => ({
  SubnetId: id,
  VpcId: vpc,
  AvailabilityZone: az,
  CidrBlock: cidr,
  MapPublicIpOnLaunch: true,
  AvailableIpAddressCount: 4091,
  DefaultForAz: true,
  Tags: [],
});

const webServer: EC2.Instance = {
  InstanceId: 'i-0web',
  InstanceType: 't2.micro',
  State: { Code: 16, Name: 'running' },
  Placement: { AvailabilityZone: 'ap-northeast-1a' },
  VpcId: vpc,
  SubnetId: 'subnet-1a',
  PrivateIpAddress: '172.31.40.10',
  PublicIpAddress: '13.112.1.2',
  PublicDnsName: 'ec2-13-112-1-2.ap-northeast-1.compute.amazonaws.com',
  SecurityGroups: [{ GroupId: 'sg-web', GroupName: 'launch-wizard-1' }],
  KeyName: 'ec2-key',
  ImageId: 'ami-0al2023',
  PlatformDetails: 'Linux/UNIX',
  LaunchTime: new Date('2025-04-01T01:02:03Z'),
  RootDeviceName: '/dev/xvda',
  BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-root', Status: 'attached' } }],
  Tags: [{ Key: 'Name', Value: 'WebServer' }],
};
const stopped: EC2.Instance = {
  InstanceId: 'i-0stopped',
  InstanceType: 't2.micro',
  State: { Code: 80, Name: 'stopped' },
  StateReason: {
    Code: 'Client.UserInitiatedShutdown',
    Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
  },
  Placement: { AvailabilityZone: 'ap-northeast-1c' },
  PublicDnsName: '',
  // Security group id only: the name comes from DescribeSecurityGroups.
  SecurityGroups: [{ GroupId: 'sg-default' }],
  ImageId: 'ami-0al2023',
  NetworkInterfaces: [],
  Tags: [],
};
const terminated: EC2.Instance = {
  InstanceId: 'i-0gone',
  State: { Code: 48, Name: 'terminated' },
  Placement: { AvailabilityZone: 'ap-northeast-1d' },
  Tags: [{ Key: 'Name', Value: 'Old' }],
};

const raw: RawInventory = {
  network: {
    azs: [
      { ZoneName: 'ap-northeast-1a', ZoneId: 'apne1-az4', State: 'available' },
      { ZoneName: 'ap-northeast-1c', ZoneId: 'apne1-az1', State: 'available' },
    ],
    vpcs: [{ VpcId: vpc, CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', Tags: [] }],
    subnets: [
      subnet('subnet-1a', 'ap-northeast-1a', '172.31.32.0/20'),
      subnet('subnet-private', 'ap-northeast-1c', '172.31.0.0/20'),
      subnet('subnet-blackhole', 'ap-northeast-1d', '172.31.16.0/20'),
    ],
    routeTables,
    internetGateways: [
      { InternetGatewayId: 'igw-0123abcd', Attachments: [{ VpcId: vpc, State: 'available' as EC2.AttachmentStatus }] },
      { InternetGatewayId: 'igw-spare', Attachments: [], Tags: [{ Key: 'Name', Value: 'spare' }] },
    ],
    natGateways: [
      {
        NatGatewayId: 'nat-1',
        VpcId: vpc,
        SubnetId: 'subnet-1a',
        State: 'available',
        ConnectivityType: 'public',
        NatGatewayAddresses: [{ AllocationId: 'eipalloc-nat', PublicIp: '3.112.0.9' }],
      },
      { NatGatewayId: 'nat-gone', VpcId: vpc, SubnetId: 'subnet-1a', State: 'deleted', ConnectivityType: 'public' },
    ],
  },
  instances: [webServer, stopped, terminated],
  storage: {
    volumes: [
      {
        VolumeId: 'vol-root',
        Size: 8,
        VolumeType: 'gp2',
        State: 'in-use',
        AvailabilityZone: 'ap-northeast-1a',
        SnapshotId: 'snap-base',
        Attachments: [{ InstanceId: 'i-0web', Device: '/dev/xvda', State: 'attached' }],
        CreateTime: new Date('2025-04-01T01:02:03Z'),
        Tags: [],
      },
    ],
    snapshots: [
      {
        SnapshotId: 'snap-1',
        VolumeId: 'vol-root',
        VolumeSize: 8,
        State: 'pending',
        Progress: '40%',
        Description: 'WebServer backup',
        Tags: [{ Key: 'Name', Value: 'web-snap' }],
      },
    ],
    images: [
      {
        ImageId: 'ami-own',
        Name: 'WebServer-AMI',
        State: 'available',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1' } },
          { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
        ],
        Tags: [],
      },
    ],
  },
  addresses: [
    {
      AllocationId: 'eipalloc-1',
      PublicIp: '13.112.1.2',
      InstanceId: 'i-0web',
      AssociationId: 'eipassoc-1',
      NetworkInterfaceId: 'eni-1',
      PrivateIpAddress: '172.31.40.10',
      Domain: 'vpc',
    },
    { AllocationId: 'eipalloc-2', PublicIp: '13.112.9.9', Domain: 'vpc' },
  ],
  securityGroups: [
    {
      GroupId: 'sg-web',
      GroupName: 'launch-wizard-1',
      Description: 'launch-wizard-1 created',
      VpcId: vpc,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'SSH' }] },
        {
          IpProtocol: 'tcp',
          FromPort: 80,
          ToPort: 80,
          UserIdGroupPairs: [{ GroupId: 'sg-alb', UserId: '123456789012' }],
        },
      ],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    },
    { GroupId: 'sg-default', GroupName: 'default', Description: 'default VPC security group', VpcId: vpc },
  ],
  loadBalancing: {
    loadBalancers: [
      {
        LoadBalancerArn: 'arn:lb/web-alb',
        LoadBalancerName: 'web-alb',
        DNSName: 'web-alb-1.ap-northeast-1.elb.amazonaws.com',
        Scheme: 'internet-facing',
        Type: 'application',
        State: { Code: 'active' },
        VpcId: vpc,
        AvailabilityZones: [
          { ZoneName: 'ap-northeast-1a', SubnetId: 'subnet-1a' },
          { ZoneName: 'ap-northeast-1c', SubnetId: 'subnet-private' },
        ],
        SecurityGroups: ['sg-alb'],
        CreatedTime: new Date('2025-04-02T00:00:00Z'),
      } satisfies ELB.LoadBalancer,
    ],
    targetGroups: [
      {
        TargetGroupArn: 'arn:tg/web-tg',
        TargetGroupName: 'web-tg',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: vpc,
        TargetType: 'instance',
        LoadBalancerArns: ['arn:lb/web-alb'],
        HealthCheckProtocol: 'HTTP',
        HealthCheckPort: 'traffic-port',
        HealthCheckPath: '/',
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 5,
        UnhealthyThresholdCount: 2,
        Matcher: { HttpCode: '200' },
      } satisfies ELB.TargetGroup,
    ],
    listeners: {
      'arn:lb/web-alb': [
        {
          ListenerArn: 'arn:listener/443',
          Port: 443,
          Protocol: 'HTTPS',
          DefaultActions: [{ Type: 'fixed-response', Order: 1 }],
        },
        {
          ListenerArn: 'arn:listener/80',
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [
            {
              Type: 'forward',
              TargetGroupArn: 'arn:tg/web-tg',
              ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'arn:tg/web-tg', Weight: 1 }] },
            },
          ],
        },
      ],
    },
    targetHealth: {
      'arn:tg/web-tg': [
        { Target: { Id: 'i-0web', Port: 80 }, HealthCheckPort: '80', TargetHealth: { State: 'healthy' } },
        {
          Target: { Id: 'i-0stopped', Port: 80 },
          TargetHealth: {
            State: 'unused',
            Reason: 'Target.InvalidState',
            Description: 'Target is in the stopped state',
          },
        },
        {
          Target: { Id: '10.0.0.5', Port: 80, AvailabilityZone: 'all' },
          TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' },
        },
      ],
    },
    tags: { 'arn:tg/web-tg': [{ Key: 'lab', Value: 'scale-out' }] },
  },
  databases: {
    instances: [
      {
        DBInstanceIdentifier: 'lab-mysql',
        DBInstanceArn: 'arn:aws:rds:ap-northeast-1:123456789012:db:lab-mysql',
        Engine: 'mysql',
        EngineVersion: '8.0.40',
        DBInstanceClass: 'db.t3.micro',
        DBInstanceStatus: 'available',
        MultiAZ: true,
        AvailabilityZone: 'ap-northeast-1a',
        SecondaryAvailabilityZone: 'ap-northeast-1c',
        Endpoint: { Address: 'lab-mysql.abc.ap-northeast-1.rds.amazonaws.com', Port: 3306 },
        AllocatedStorage: 20,
        StorageType: 'gp2',
        PubliclyAccessible: false,
        DBSubnetGroup: { DBSubnetGroupName: 'default' },
        VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db', Status: 'active' }],
        TagList: [],
      } satisfies RDS.DBInstance,
      {
        DBInstanceIdentifier: 'aurora-1',
        DBClusterIdentifier: 'lab-aurora',
        AvailabilityZone: 'ap-northeast-1c',
        Engine: 'aurora-mysql',
      },
      {
        DBInstanceIdentifier: 'aurora-2',
        DBClusterIdentifier: 'lab-aurora',
        AvailabilityZone: 'ap-northeast-1a',
        Engine: 'aurora-mysql',
      },
    ],
    clusters: [
      {
        DBClusterIdentifier: 'lab-aurora',
        DBClusterArn: 'arn:aws:rds:ap-northeast-1:123456789012:cluster:lab-aurora',
        Engine: 'aurora-mysql',
        Status: 'available',
        MultiAZ: true,
        Endpoint: 'lab-aurora.cluster-abc.ap-northeast-1.rds.amazonaws.com',
        ReaderEndpoint: 'lab-aurora.cluster-ro-abc.ap-northeast-1.rds.amazonaws.com',
        Port: 3306,
        AvailabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
        DBClusterMembers: [
          { DBInstanceIdentifier: 'aurora-2', IsClusterWriter: false },
          { DBInstanceIdentifier: 'aurora-1', IsClusterWriter: true },
        ],
        DBSubnetGroup: 'db-subnetgroup',
        VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db', Status: 'active' }],
        DatabaseName: 'wordpress',
        DeletionProtection: true,
      } satisfies RDS.DBCluster,
    ],
    subnetGroups: [
      {
        DBSubnetGroupName: 'db-subnetgroup',
        VpcId: 'vpc-0a1b2c3d',
        SubnetGroupStatus: 'Complete',
        Subnets: [
          { SubnetIdentifier: 'subnet-c', SubnetAvailabilityZone: { Name: 'ap-northeast-1c' } },
          { SubnetIdentifier: 'subnet-a', SubnetAvailabilityZone: { Name: 'ap-northeast-1a' } },
        ],
      } satisfies RDS.DBSubnetGroup,
    ],
    events: [
      {
        SourceIdentifier: 'lab-mysql',
        SourceType: 'db-instance',
        Message: 'Multi-AZ instance failover completed.',
        EventCategories: ['failover'],
        Date: new Date('2026-11-23T10:00:40Z'),
      },
      {
        SourceIdentifier: 'lab-mysql',
        SourceType: 'db-instance',
        Message: 'Multi-AZ instance failover started.',
        EventCategories: ['failover'],
        Date: new Date('2026-11-23T10:00:00Z'),
      },
      { SourceIdentifier: 'default.mysql8.0', SourceType: 'db-parameter-group', Message: 'Updated', Date: new Date() },
    ],
  },
  autoScaling: [
    {
      AutoScalingGroupName: 'web-asg',
      AutoScalingGroupARN: 'arn:asg/web-asg',
      MinSize: 2,
      MaxSize: 4,
      DesiredCapacity: 2,
      DefaultCooldown: 300,
      AvailabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
      VPCZoneIdentifier: 'subnet-1a,subnet-private',
      TargetGroupARNs: ['arn:tg/web-tg'],
      HealthCheckType: 'ELB',
      CreatedTime: new Date(),
      MixedInstancesPolicy: {
        LaunchTemplate: {
          LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', Version: '$Latest' },
        },
      },
      Instances: [
        {
          InstanceId: 'i-0web',
          AvailabilityZone: 'ap-northeast-1a',
          LifecycleState: 'InService',
          HealthStatus: 'Healthy',
          ProtectedFromScaleIn: false,
        },
      ],
      Tags: [{ Key: 'lab', Value: 'scale-out', ResourceId: 'web-asg', PropagateAtLaunch: true }],
    } satisfies AS.AutoScalingGroup,
  ],
};

const inv = assembleInventory({ context, raw, apiCalls: 16, fetchedAt: new Date('2025-04-03T00:00:00Z') });

test('subnets are public or private from their route tables, the main table included', () => {
  const byId = Object.fromEntries(inv.subnets.map((s) => [s.id, s]));
  assert.equal(byId['subnet-1a']?.isPublic, true, 'no explicit association: the main table routes to the igw');
  assert.equal(byId['subnet-private']?.isPublic, false, 'its own table has no 0.0.0.0/0 route');
  assert.equal(byId['subnet-blackhole']?.isPublic, false, 'a blackholed igw route does not reach the internet');
  assert.deepEqual(byId['subnet-1a'], {
    id: 'subnet-1a',
    vpcId: vpc,
    az: 'ap-northeast-1a',
    cidr: '172.31.32.0/20',
    isPublic: true,
    mapPublicIpOnLaunch: true,
    availableIpCount: 4091,
    isDefaultForAz: true,
    routeTableId: 'rtb-main',
    usesMainRouteTable: true,
    tags: {},
  });
  assert.equal(byId['subnet-private']?.routeTableId, 'rtb-private');
  assert.equal(byId['subnet-private']?.usesMainRouteTable, false);
});

test('route tables keep what each route sends to; gateways say where they are attached; deleted NATs are gone', () => {
  const main = inv.routeTables.find((t) => t.id === 'rtb-main');
  assert.deepEqual(main, {
    id: 'rtb-main',
    vpcId: vpc,
    isMain: true,
    subnetIds: [],
    routes: [
      { destination: '172.31.0.0/16', target: { kind: 'local' }, state: 'active' },
      { destination: '0.0.0.0/0', target: { kind: 'internetGateway', id: 'igw-0123abcd' }, state: 'active' },
    ],
    tags: {},
  });
  assert.deepEqual(inv.routeTables.find((t) => t.id === 'rtb-dead')?.routes[0]?.state, 'blackhole');
  assert.deepEqual(inv.routeTables.find((t) => t.id === 'rtb-private')?.subnetIds, ['subnet-private']);
  assert.deepEqual(inv.internetGateways, [
    { id: 'igw-0123abcd', vpcId: vpc, tags: {} },
    { id: 'igw-spare', name: 'spare', tags: { Name: 'spare' } },
  ]);
  assert.deepEqual(inv.natGateways, [
    {
      id: 'nat-1',
      vpcId: vpc,
      subnetId: 'subnet-1a',
      state: 'available',
      connectivity: 'public',
      publicIp: '3.112.0.9',
      tags: {},
    },
  ]);
});

test('instances: Name tag, EIP join, root volume, SG names; terminated excluded', () => {
  assert.deepEqual(
    inv.instances.map((i) => i.id),
    ['i-0web', 'i-0stopped'],
  );
  assert.deepEqual(inv.instances[0], {
    id: 'i-0web',
    name: 'WebServer',
    state: 'running',
    type: 't2.micro',
    az: 'ap-northeast-1a',
    vpcId: vpc,
    subnetId: 'subnet-1a',
    privateIp: '172.31.40.10',
    publicIp: '13.112.1.2',
    publicDnsName: 'ec2-13-112-1-2.ap-northeast-1.compute.amazonaws.com',
    elasticIp: '13.112.1.2',
    securityGroups: [{ id: 'sg-web', name: 'launch-wizard-1' }],
    keyName: 'ec2-key',
    imageId: 'ami-0al2023',
    platform: 'Linux/UNIX',
    launchTime: '2025-04-01T01:02:03.000Z',
    rootVolume: { volumeId: 'vol-root', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp2' },
    tags: { Name: 'WebServer' },
  });
  const s = inv.instances[1];
  assert.equal(s?.name, undefined);
  assert.equal(s?.publicDnsName, undefined, "AWS's empty string means none");
  assert.equal(s?.stateReason, 'Client.UserInitiatedShutdown: User initiated shutdown');
  assert.deepEqual(s?.securityGroups, [{ id: 'sg-default', name: 'default' }]);
  assert.equal(s?.elasticIp, undefined);
});

test('an EIP is still found from the interface when DescribeAddresses was not readable', () => {
  const withEni: EC2.Instance = {
    ...webServer,
    NetworkInterfaces: [{ Association: { PublicIp: '13.112.1.2', IpOwnerId: '123456789012' } }],
  };
  const autoAssigned: EC2.Instance = {
    ...stopped,
    State: { Name: 'running' },
    NetworkInterfaces: [{ Association: { PublicIp: '3.3.3.3', IpOwnerId: 'amazon' } }],
  };
  const partial = assembleInventory({ context, raw: { instances: [withEni, autoAssigned] } });
  assert.equal(partial.instances[0]?.elasticIp, '13.112.1.2');
  assert.equal(partial.instances[1]?.elasticIp, undefined);
  // Volumes not listed: the root volume is known by id only.
  assert.deepEqual(partial.instances[0]?.rootVolume, { volumeId: 'vol-root', deviceName: '/dev/xvda' });
});

test('storage, addresses and security group rules', () => {
  assert.deepEqual(inv.volumes[0]?.attachedTo, { instanceId: 'i-0web', device: '/dev/xvda' });
  assert.equal(inv.volumes[0]?.createTime, '2025-04-01T01:02:03.000Z');
  assert.deepEqual(inv.snapshots[0], {
    id: 'snap-1',
    name: 'web-snap',
    volumeId: 'vol-root',
    sizeGiB: 8,
    state: 'pending',
    progress: '40%',
    description: 'WebServer backup',
    tags: { Name: 'web-snap' },
  });
  assert.deepEqual(inv.images[0]?.snapshotIds, ['snap-1']);
  assert.equal(inv.images[0]?.name, 'WebServer-AMI');
  assert.deepEqual(inv.elasticIps[1], { allocationId: 'eipalloc-2', publicIp: '13.112.9.9', tags: {} });
  const web = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
  assert.deepEqual(web?.inbound, [
    { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr', cidr: '0.0.0.0/0' } },
    { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'cidr6', cidr: '::/0' } },
    { protocol: 'tcp', fromPort: 22, toPort: 22, source: { kind: 'cidr', cidr: '0.0.0.0/0' }, description: 'SSH' },
    { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'group', groupId: 'sg-alb' } },
  ]);
  assert.deepEqual(web?.outbound, [{ protocol: '-1', source: { kind: 'cidr', cidr: '0.0.0.0/0' } }]);
});

test('load balancers, listeners, target groups and targets with their AZ', () => {
  const lb = inv.loadBalancers[0];
  assert.equal(lb?.state, 'active');
  assert.deepEqual(lb?.zones, [
    { az: 'ap-northeast-1a', subnetId: 'subnet-1a' },
    { az: 'ap-northeast-1c', subnetId: 'subnet-private' },
  ]);
  assert.deepEqual(
    lb?.listeners.map((l) => [l.port, l.protocol, l.forwardTo, l.defaultActionTypes]),
    [
      [80, 'HTTP', ['arn:tg/web-tg'], ['forward']],
      [443, 'HTTPS', [], ['fixed-response']],
    ],
  );
  const tg = inv.targetGroups[0];
  assert.deepEqual(tg?.healthCheck, {
    protocol: 'HTTP',
    port: 'traffic-port',
    path: '/',
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    matcher: '200',
  });
  assert.deepEqual(tg?.tags, { lab: 'scale-out' });
  assert.deepEqual(tg?.targets, [
    { id: 'i-0web', port: 80, az: 'ap-northeast-1a', state: 'healthy' },
    {
      id: 'i-0stopped',
      port: 80,
      az: 'ap-northeast-1c',
      state: 'unused',
      reason: 'Target.InvalidState',
      description: 'Target is in the stopped state',
    },
    {
      id: '10.0.0.5',
      port: 80,
      az: 'all',
      state: 'unhealthy',
      reason: 'Target.Timeout',
      description: 'Request timed out',
    },
  ]);
});

test('RDS Multi-AZ, Aurora members with their AZs (writer first), Auto Scaling', () => {
  const db = inv.dbInstances[0];
  assert.equal(db?.multiAz, true);
  assert.equal(db?.secondaryAz, 'ap-northeast-1c');
  assert.deepEqual(db?.endpoint, { address: 'lab-mysql.abc.ap-northeast-1.rds.amazonaws.com', port: 3306 });
  assert.deepEqual(db?.securityGroupIds, ['sg-db']);
  assert.equal(inv.dbInstances[1]?.clusterId, 'lab-aurora');
  assert.deepEqual(inv.dbClusters[0]?.members, [
    { instanceId: 'aurora-1', isWriter: true, az: 'ap-northeast-1c' },
    { instanceId: 'aurora-2', isWriter: false, az: 'ap-northeast-1a' },
  ]);
  assert.deepEqual(
    [inv.dbClusters[0]?.subnetGroupName, inv.dbClusters[0]?.securityGroupIds, inv.dbClusters[0]?.databaseName],
    ['db-subnetgroup', ['sg-db'], 'wordpress'],
  );
  assert.equal(inv.dbClusters[0]?.deletionProtection, true);
  // Events of databases only, oldest first.
  assert.deepEqual(
    inv.dbEvents.map((e) => [e.sourceId, e.message, e.date]),
    [
      ['lab-mysql', 'Multi-AZ instance failover started.', '2026-11-23T10:00:00.000Z'],
      ['lab-mysql', 'Multi-AZ instance failover completed.', '2026-11-23T10:00:40.000Z'],
    ],
  );
  assert.deepEqual(inv.dbSubnetGroups, [
    {
      name: 'db-subnetgroup',
      vpcId: 'vpc-0a1b2c3d',
      subnetIds: ['subnet-c', 'subnet-a'],
      azs: ['ap-northeast-1a', 'ap-northeast-1c'],
      status: 'Complete',
    },
  ]);
  const asg = inv.autoScalingGroups[0];
  assert.deepEqual(asg?.subnetIds, ['subnet-1a', 'subnet-private']);
  assert.deepEqual(asg?.launchTemplate, { id: 'lt-1', name: 'web', version: '$Latest' });
  assert.deepEqual(asg?.tags, { lab: 'scale-out' });
  assert.equal(asg?.instances[0]?.lifecycleState, 'InService');
});

test('the snapshot is frozen, JSON-clean, and a missing section is just empty', () => {
  assert.ok(Object.isFrozen(inv) && Object.isFrozen(inv.instances[0]) && Object.isFrozen(inv.instances[0]?.tags));
  assert.throws(() => (inv.instances as unknown[]).push({}));
  assert.deepEqual(JSON.parse(JSON.stringify(inv)), inv);
  assert.equal(inv.fetchedAt, '2025-04-03T00:00:00.000Z');
  assert.equal(inv.apiCalls, 16);
  assert.equal(inv.azs.length, 2);
  assert.equal(inv.vpcs[0]?.isDefault, true);
  const empty = assembleInventory({ context, raw: {} });
  assert.deepEqual(
    [empty.subnets, empty.instances, empty.loadBalancers, empty.dbClusters, empty.problems],
    [[], [], [], [], []],
  );
});

test('settleAll reports every failed call of a section; mapLimit bounds concurrency', async () => {
  const denied = new CallFailure('rds:DescribeDBInstances', new Error('denied'));
  const throttled = new CallFailure('rds:DescribeDBClusters', new Error('slow down'));
  await assert.rejects(
    settleAll([Promise.reject(denied), Promise.resolve(1), Promise.reject(throttled)]),
    (e: unknown) => {
      assert.ok(e instanceof SectionFailure);
      assert.deepEqual(
        e.failures.map((f) => f.action),
        ['rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
      );
      return true;
    },
  );
  assert.deepEqual(await settleAll<[number, string]>([Promise.resolve(1), Promise.resolve('a')]), [1, 'a']);

  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return n * 2;
  });
  assert.deepEqual(out, [2, 4, 6, 8, 10, 12, 14]);
  assert.equal(peak, 3);
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
});
