// The handout a student follows, and the names it gives everything: the CPS Research Center page in the default
// VPC (seeds 000, 003), seed 001's two servers from the AMI behind a Classic Load Balancer, or seed 004's web tier
// in its own Test-VPC (track 4). The layout's names are every default a runner proposes; the checks find every
// handout's names, the chosen layout's first. In a class (seed 003: one account, a suffix per student) every name
// carries the student's id: seed 003's own names in its layout, `<name>-<student>` in the others.
export const LAYOUT_IDS = ['defaultVpc', 'testVpc', 'seed001', 'seed003'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];
export const DEFAULT_LAYOUT: LayoutId = 'defaultVpc';

export interface LabNames {
  readonly webServer: string;
  readonly clone: string;
  readonly loadBalancer: string;
  readonly targetGroup: string;
  readonly albSecurityGroup: string;
  readonly webSecurityGroup: string;
  readonly keyPair: string;
  readonly image: string;
  readonly healthCheckPath: string;
  /** Where the web tier runs: the region's default VPC, or the lab's own (4.1's Test-VPC). */
  readonly network: 'default' | 'labVpc';
  /** The VPC 4.1 builds (seed 004's Test-VPC; seed 003's vpc-userXX). */
  readonly vpc: string;
  /** The load balancer 1.6 builds: an ALB, or (seed 001) a Classic Load Balancer. */
  readonly balancer: 'application' | 'classic';
  /** The instance the AMI is made from when both web servers are launched from it (seed 001: WebServer, stopped). */
  readonly origin?: string;
  /** Track 2's names (seed 004 §4, the same in both handouts). */
  readonly database: DatabaseNames;
  /** Track 3's names (seed 002 names none: decided here). */
  readonly scaling: ScalingNames;
}

/** Track 3: the launch template, the group, its alarms and policies, and the handout's sizes. */
export interface ScalingNames {
  readonly launchTemplate: string;
  readonly group: string;
  /** `<group>-CPU-High` (> 70 %) and `<group>-CPU-Low` (< 30 %), one period of 300 s, Average. */
  readonly highAlarm: string;
  readonly lowAlarm: string;
  /** Simple scaling, +1 / -1, cooldown 300 s. */
  readonly scaleOutPolicy: string;
  readonly scaleInPolicy: string;
  /** Or one target-tracking policy on ASGAverageCPUUtilization. */
  readonly targetTrackingPolicy: string;
  readonly highCpu: number;
  readonly lowCpu: number;
  readonly targetCpu: number;
  readonly alarmPeriod: number;
  readonly cooldown: number;
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  readonly gracePeriod: number;
}

function scalingNames(launchTemplate: string, group: string): ScalingNames {
  return {
    launchTemplate,
    group,
    highAlarm: `${group}-CPU-High`,
    lowAlarm: `${group}-CPU-Low`,
    scaleOutPolicy: `${group}-scale-out`,
    scaleInPolicy: `${group}-scale-in`,
    targetTrackingPolicy: `${group}-cpu70`,
    highCpu: 70,
    lowCpu: 30,
    targetCpu: 70,
    alarmPeriod: 300,
    cooldown: 300,
    min: 2,
    desired: 2,
    max: 4,
    gracePeriod: 300,
  };
}

export interface DatabaseNames {
  readonly securityGroup: string;
  readonly subnetGroup: string;
  /** RDS stores identifiers in lower case. */
  readonly instance: string;
  /** The initial database WordPress uses (the seed warns that forgetting it breaks WordPress later). */
  readonly dbName: string;
  readonly masterUser: string;
  readonly port: number;
}

const DATABASE: DatabaseNames = {
  securityGroup: 'db-sg',
  subnetGroup: 'db-subnetgroup',
  instance: 'test-rds-1',
  dbName: 'wordpress',
  masterUser: 'admin',
  port: 3306,
};

/** Until a class suffix is set (the class issue), a student is user01, as seed 003 writes userXX. */
export const DEFAULT_STUDENT = 'user01';

/** Seed 003's Aurora names for one student: the cluster, its writer and the reader ("slave") in AZ c. */
export function auroraNames(student: string = DEFAULT_STUDENT) {
  return { cluster: `wp-${student}-cluster`, writer: `wp-${student}`, reader: `wp-${student}-slave`, readerAz: 'c' };
}

export const LAYOUTS: Readonly<Record<Exclude<LayoutId, 'seed003'>, LabNames>> = {
  defaultVpc: {
    webServer: 'WebServer',
    clone: 'WebServer2',
    loadBalancer: 'LoadBalancer',
    targetGroup: 'WebServers',
    albSecurityGroup: 'alb-sg',
    webSecurityGroup: 'launch-wizard-1',
    keyPair: 'ec2-key',
    image: 'AMI of CPS Research Center',
    healthCheckPath: '/index.html',
    network: 'default',
    vpc: 'Test-VPC',
    balancer: 'application',
    database: DATABASE,
    scaling: scalingNames('WebServer-template', 'WebServer-ASG'),
  },
  // Seed 004 §2 and §5: WordPress on both servers, health-checked on a file WordPress ships (answered before its
  // setup, so the targets are healthy while the database is still to come). The handout continues without a key
  // pair; ours makes one of its own (for the SSH terminal), not ec2-key, whose .pem a student may not have here.
  testVpc: {
    webServer: 'Test-EC2#1',
    clone: 'Test-EC2#2',
    loadBalancer: 'Test-ELB',
    targetGroup: 'elb-targetgroup',
    albSecurityGroup: 'elb-sg',
    webSecurityGroup: 'web-sg',
    keyPair: 'test-vpc-key',
    image: 'Test-AMI-WordPress',
    healthCheckPath: '/wp-includes/images/blank.gif',
    network: 'labVpc',
    vpc: 'Test-VPC',
    balancer: 'application',
    database: DATABASE,
    scaling: scalingNames('Test-template', 'Test-ASG'),
  },
  // Seed 001: WebServer stopped, imaged, and both servers launched from the AMI as image1server and image2server,
  // registered on a Classic Load Balancer with its own group and the console's default health check.
  seed001: {
    webServer: 'image1server',
    clone: 'image2server',
    origin: 'WebServer',
    loadBalancer: 'LoadBalancer',
    targetGroup: 'WebServers',
    albSecurityGroup: 'elb-sg',
    webSecurityGroup: 'launch-wizard-1',
    keyPair: 'ec2-key',
    image: 'AMI of CPS Research Center',
    healthCheckPath: '/index.html',
    network: 'default',
    vpc: 'Test-VPC',
    balancer: 'classic',
    database: DATABASE,
    scaling: scalingNames('WebServer-template', 'WebServer-ASG'),
  },
};

/**
 * Seed 003, a class in one account: `vpc-userXX` built as in track 4, `webserver#1-userXX` with the sample app,
 * Aurora `wp-userXX-cluster`, the AMI "sampleapp userXX", `webserver#2-userXX` from it, and the ALB `elb-userXX`
 * with its group `alb-userXX` and target group `tg-elb-userXX`; `web-userXX` guards the servers, key pair
 * `1day-userXX`. What the handout does not name (the database's groups, track 3) carries the suffix too.
 */
function seed003(student: string): LabNames {
  return {
    webServer: `webserver#1-${student}`,
    clone: `webserver#2-${student}`,
    loadBalancer: `elb-${student}`,
    targetGroup: `tg-elb-${student}`,
    albSecurityGroup: `alb-${student}`,
    webSecurityGroup: `web-${student}`,
    keyPair: `1day-${student}`,
    image: `sampleapp ${student}`,
    healthCheckPath: '/',
    network: 'labVpc',
    vpc: `vpc-${student}`,
    balancer: 'application',
    database: suffixed(DATABASE, student),
    scaling: scalingNames(`webserver-template-${student}`, `webserver-asg-${student}`),
  };
}

/** Every name of a layout with `-<student>` after it (RDS identifiers stay lower case). */
function forStudent(names: LabNames, student: string): LabNames {
  const s = (name: string) => `${name}-${student}`;
  return {
    ...names,
    webServer: s(names.webServer),
    clone: s(names.clone),
    ...(names.origin ? { origin: s(names.origin) } : {}),
    loadBalancer: s(names.loadBalancer),
    targetGroup: s(names.targetGroup),
    albSecurityGroup: s(names.albSecurityGroup),
    webSecurityGroup: s(names.webSecurityGroup),
    keyPair: s(names.keyPair),
    image: `${names.image} ${student}`,
    vpc: s(names.vpc),
    database: suffixed(names.database, student),
    scaling: scalingNames(s(names.scaling.launchTemplate), s(names.scaling.group)),
  };
}

function suffixed(db: DatabaseNames, student: string): DatabaseNames {
  return {
    ...db,
    securityGroup: `${db.securityGroup}-${student}`,
    subnetGroup: `${db.subnetGroup}-${student}`,
    instance: `${db.instance}-${student}`,
  };
}

/** The layout of a web tier in the lab's own VPC (4.3): the handout's when it builds one (003, 004), else 004's. */
export function labVpcLayout(layout: LayoutId | undefined): LayoutId {
  return layout && namesOf(layout).network === 'labVpc' ? layout : 'testVpc';
}

export function isLayoutId(value: unknown): value is LayoutId {
  return typeof value === 'string' && (LAYOUT_IDS as readonly string[]).includes(value);
}

/** The names a layout gives everything; in a class, the student's (seed 003 without a student: user01's). */
export function namesOf(layout: LayoutId | undefined, student?: string): LabNames {
  const id = layout ?? DEFAULT_LAYOUT;
  if (id === 'seed003') return seed003(student ?? DEFAULT_STUDENT);
  return student ? forStudent(LAYOUTS[id], student) : LAYOUTS[id];
}

/** Every layout's names, the given one first: what the checks look for, in order. */
export function namesInOrder(layout: LayoutId | undefined, student?: string): readonly LabNames[] {
  const first = layout ?? DEFAULT_LAYOUT;
  return [first, ...LAYOUT_IDS.filter((id) => id !== first)].map((id: LayoutId) => namesOf(id, student));
}
