// Labs done by hand in the console, every step's result asserted: a false pass or a false failure on resources
// made the console's way (other names, AZs, order, groups) cannot come back unnoticed.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../src/aws/types';
import { checkAll } from '../../../src/lab/checks/checks';
import { mapImage } from '../../../src/aws/inventory/compute';
import { cloneMissing } from '../../../src/lab/run/plan';
import { findRoles } from '../../../src/lab/roles';
import { reasonText } from '../../../src/present/lab/reasons';
import { LAB_ID, LAB_TAG, STEP_TAG, type CheckInput, type CheckResult, type StepId } from '../../../src/lab/types';
import { bundleTranslator, loadBundle } from '../../../src/present/l10n';
import {
  ALB_CREATED,
  ALB_DNS,
  ELB_SG,
  LW1,
  LW2,
  STUDENT_IP,
  WS2_IP,
  WS_IP,
  albAnswers,
  anywhere,
  at,
  closedPages,
  consoleLab,
  directPage,
  fromGroup,
  fromMe,
  myAlb,
  openPages,
  securedConsoleLab,
  tgWeb,
  webServer,
  webServer2,
  withInstance,
  withProblem,
  withRules,
  withTargets,
} from '../../fixtures/labConsoleWorld';
import { PAGE } from '../../fixtures/labWorld';

/** What a step must say: passed, waiting on a step, failed with a reason code (first), or unknown on a section. */
type Expected = 'passed' | `waiting ${StepId}` | `failed ${string}` | `unknown ${string}`;

function summary(r: CheckResult): string {
  switch (r.status) {
    case 'passed':
      return 'passed';
    case 'waiting':
      return `waiting ${r.on}`;
    case 'failed':
      return `failed ${r.reason.code}`;
    case 'unknown':
      return `unknown ${String(r.reason.args.section)}`;
  }
}

/** Every step of tracks 0 and 1, in order, against the table. */
function expectSteps(input: CheckInput, table: Record<StepId, Expected>): CheckResult[] {
  const results = checkAll(input);
  const got = Object.fromEntries(results.map((r) => [r.step, summary(r)]));
  assert.deepEqual(got, table, JSON.stringify(results, null, 1));
  return results;
}

const step = (results: CheckResult[], id: StepId) => results.find((r) => r.step === id)!;
const failedOf = (r: CheckResult) => {
  assert.equal(r.status, 'failed', JSON.stringify(r));
  return r as Extract<CheckResult, { status: 'failed' }>;
};
const codesOf = (r: CheckResult) => {
  const f = failedOf(r);
  return (f.details ?? [f.reason]).map((d) => d.code);
};
const en = bundleTranslator(undefined);

describe('a console-built lab (seed 000 in 1c, AMI from the instance, my-alb/elb-sg/tg-web)', () => {
  it('before 1.9: every step up to 1.8 passes; 1.9 names the rules to add and to remove; 1.10 not run yet', () => {
    const results = expectSteps(at(consoleLab(), openPages()), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'passed',
      '1.7': 'passed',
      '1.8': 'passed',
      '1.9': 'failed secure.albNotAdmitted',
      '1.10': 'failed exercise.notRun',
    });
    // First admit elb-sg in both web groups (so the ALB keeps its way in), then remove HTTP from anywhere.
    assert.deepEqual(
      codesOf(step(results, '1.9')).filter((c) => c.startsWith('secure.')),
      [
        'secure.albNotAdmitted',
        'secure.albNotAdmitted',
        'secure.openRule',
        'secure.openRule',
        'secure.directAnswered',
        'secure.directAnswered',
      ],
    );
    // launch-wizard-2 is judged by what it admits, and its own key pair is worth a note, not a failure.
    const clone = step(results, '1.3');
    assert.equal(clone.status === 'passed' && clone.notes?.[0]?.code, 'note.otherKeyPair');
    assert.equal(clone.status === 'passed' && clone.notes?.[0]?.args.keyName, 'webserver2-key');
  });

  it('finished by hand: 1.9 closed both groups to elb-sg, 1.10 stopped and started WebServer2: all pass', () => {
    // Stop and start after the ALB existed: AWS moves LaunchTime, the root volume keeps its attach time.
    const inv = withInstance(securedConsoleLab(), webServer2.id, { launchTime: '2026-11-24T04:00:00.000Z' });
    const results = expectSteps(at(inv, closedPages()), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'passed',
      '1.7': 'passed',
      '1.8': 'passed',
      '1.9': 'passed',
      '1.10': 'passed',
    });
    // Pages judged through the ALB once direct access is closed.
    assert.equal(
      step(results, '0.1').status === 'passed' &&
        (step(results, '0.1') as { facts?: Record<string, string> }).facts?.via,
      'loadBalancer',
    );
  });

  it('1.10 by hand is not taken from a restart before the load balancer existed, nor from a fresh launch', () => {
    const early = withInstance(securedConsoleLab(), webServer2.id, { launchTime: '2026-11-24T02:30:00.000Z' });
    assert.equal(summary(checkAll(at(early, closedPages()))[11]!), 'failed exercise.notRun');
    // Relaunched after the ALB (its volume attached then too): not a stop and start.
    const fresh = withInstance(securedConsoleLab(), webServer2.id, {
      launchTime: '2026-11-24T04:00:00.000Z',
      rootVolume: { ...webServer2.rootVolume!, attachTime: '2026-11-24T04:00:00.000Z' },
    });
    assert.equal(summary(checkAll(at(fresh, closedPages()))[11]!), 'failed exercise.notRun');
    // The attach time not listed: the root volume's creation says how old the instance is.
    const noAttach = withInstance(securedConsoleLab(), webServer.id, {
      launchTime: '2026-11-24T04:00:00.000Z',
      rootVolume: { volumeId: 'vol-0ws', deviceName: '/dev/xvda' },
    });
    assert.equal(summary(checkAll(at(noAttach, closedPages()))[11]!), 'passed');
    assert.ok(Date.parse(ALB_CREATED) < Date.parse('2026-11-24T04:00:00.000Z'));
  });
});

describe('defect 1: WebServer2 from the stock AMI, without a key pair', () => {
  it('fails 1.3 (it cannot have the page), says why 1.5 gets no answer, and stops there', () => {
    let inv = withInstance(consoleLab(), webServer2.id, {
      imageId: webServer.imageId,
      keyName: undefined,
      securityGroups: [{ id: LW1, name: 'launch-wizard-1' }],
    });
    inv = { ...inv, volumes: inv.volumes.map((v) => (v.id === 'vol-0ws2' ? { ...v, snapshotId: 'snap-amzn' } : v)) };
    inv = { ...inv, loadBalancers: [], targetGroups: [] };
    const obs = new Map([directPage(WS_IP, { status: 200, body: PAGE }), directPage(WS2_IP, { error: 'reset' })]);
    const results = expectSteps(at(inv, obs), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'failed clone.stockImage',
      '1.4': 'passed',
      '1.5': 'waiting 1.3',
      '1.6': 'failed alb.missing',
      '1.7': 'waiting 1.6',
      '1.8': 'waiting 1.6',
      '1.9': 'waiting 1.6',
      '1.10': 'waiting 1.6',
    });
    assert.deepEqual(codesOf(step(results, '1.3')), ['clone.stockImage', 'clone.noKeyPair']);
    assert.equal(failedOf(step(results, '1.3')).reason.args.imageId, 'ami-0al2023');
    const five = step(results, '1.5');
    assert.equal(five.status === 'waiting' && five.reason.code, 'clone.stockImage');
  });

  it("counts an AMI made with Create image even when its snapshot does not show WebServer's volume", () => {
    const inv = consoleLab();
    const copied = { ...inv, snapshots: inv.snapshots.map((s) => ({ ...s, volumeId: 'vol-ffffffff' })) };
    assert.deepEqual(
      findRoles(copied).images.map((i) => i.id),
      ['ami-0fromws'],
    );
    // And a clone of a deregistered AMI still counts by its root volume's snapshot.
    const deregistered = { ...inv, images: [] };
    const r = checkAll(at(deregistered, openPages()));
    assert.equal(summary(r[3]!), 'failed image.missing');
    assert.equal(summary(r[4]!), 'passed');
  });
});

describe("1.7 with WebServer2 from Amazon's AMI registered and unhealthy", () => {
  /** The console lab with WebServer2 launched from another AMI: no httpd, its target failing the health checks. */
  const fromAmi = (imageId: string) => {
    let inv = withInstance(consoleLab(), webServer2.id, { imageId });
    inv = { ...inv, volumes: inv.volumes.map((v) => (v.id === 'vol-0ws2' ? { ...v, snapshotId: 'snap-amzn' } : v)) };
    return withTargets(inv, tgWeb.arn, [
      { id: webServer.id, port: 80, az: 'ap-northeast-1a', state: 'healthy' },
      {
        id: webServer2.id,
        port: 80,
        az: 'ap-northeast-1c',
        state: 'unhealthy',
        reason: 'Target.FailedHealthChecks',
        description: 'Health checks failed',
      },
    ]);
  };
  const obs = () =>
    new Map([
      directPage(WS_IP, { status: 200, body: PAGE }),
      directPage(WS2_IP, { error: 'refused' }),
      albAnswers([{ status: 200, variant: 'vision' }]),
    ]);

  it('names the stock AMI as the cause and says to launch again from the lab’s AMI (not "check httpd")', () => {
    const seven = failedOf(checkAll(at(fromAmi(webServer.imageId), obs())).find((r) => r.step === '1.7')!);
    assert.equal(seven.reason.code, 'diagnosis.stockImage', JSON.stringify(seven));
    assert.ok(!codesOf(seven).includes('diagnosis.unknown'), JSON.stringify(seven));
    assert.deepEqual(seven.reason.args, {
      id: webServer2.id,
      instance: 'WebServer2',
      imageId: 'ami-0al2023',
      webServer: 'WebServer',
      image: 'webserver-image',
    });
    const text = reasonText(seven.reason, en);
    assert.match(text, /launched from ami-0al2023, the Amazon Linux AMI WebServer itself started from/);
    assert.match(text, /launch it again from webserver-image \(step 1\.3\)/);
    assert.match(reasonText(seven.reason, bundleTranslator(loadBundle('ja'))), /webserver-image からもう一度起動/);
  });

  it('another AMI not made from WebServer: named too; with the AMIs unreadable, no AMI is blamed', () => {
    const other = failedOf(checkAll(at(fromAmi('ami-0other'), obs())).find((r) => r.step === '1.7')!);
    assert.equal(other.reason.code, 'diagnosis.notFromImage');
    assert.match(reasonText(other.reason, en), /ami-0other, which is not the lab's AMI made from WebServer/);
    const unread = withProblem(
      fromAmi(webServer.imageId),
      { section: 'storage', action: 'ec2:DescribeImages', error: { kind: 'throttled', action: 'ec2:DescribeImages' } },
      { images: [], snapshots: [], volumes: [] },
    );
    const seven = failedOf(checkAll(at(unread, obs())).find((r) => r.step === '1.7')!);
    assert.deepEqual(codesOf(seven), ['diagnosis.unknown']);
  });

  it('a WebServer2 from the lab’s AMI that is unhealthy is not blamed on its AMI', () => {
    const inv = withTargets(consoleLab(), tgWeb.arn, [
      { id: webServer.id, port: 80, az: 'ap-northeast-1a', state: 'healthy' },
      { id: webServer2.id, port: 80, az: 'ap-northeast-1c', state: 'unhealthy', reason: 'Target.Timeout' },
    ]);
    const seven = failedOf(checkAll(at(inv, openPages())).find((r) => r.step === '1.7')!);
    assert.deepEqual(codesOf(seven), ['diagnosis.unknown']);
  });
});

describe("the lab's AMI and WebServer2's absence, one way", () => {
  it("an AMI whose SourceInstanceId is WebServer counts as made from it (DescribeImages' field, mapped)", () => {
    const inv = consoleLab();
    const image = mapImage({
      ImageId: 'ami-0src',
      Name: 'by-source',
      State: 'available',
      SourceInstanceId: webServer.id,
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-unseen' } }],
    });
    assert.equal(image.sourceInstanceId, webServer.id);
    const withSource = { ...inv, snapshots: [], images: [image] };
    assert.deepEqual(
      findRoles(withSource).images.map((i) => i.id),
      ['ami-0src'],
    );
    const otherSource = { ...withSource, images: [{ ...image, sourceInstanceId: 'i-0someoneelse' }] };
    assert.deepEqual(findRoles(otherSource).images, []);
  });

  it('1.3, 1.4, 1.5 and 1.6 say there is no WebServer2 as cloneMissing words it (an unnamed AMI by its ID)', () => {
    const inv = {
      ...consoleLab(),
      instances: [webServer],
      images: consoleLab().images.map(({ name: _name, ...i }) => i),
    };
    const results = checkAll(at(inv, openPages()));
    const expected = cloneMissing(findRoles(inv));
    assert.deepEqual(expected, { code: 'clone.missing', args: { image: 'ami-0fromws' } });
    for (const id of ['1.3', '1.4', '1.5', '1.6'] as StepId[]) {
      const r = step(results, id);
      assert.ok(r.status === 'failed' || r.status === 'waiting', JSON.stringify(r));
      if (r.status === 'failed' || r.status === 'waiting') assert.deepEqual(r.reason, expected, id);
    }
  });
});

describe("defect 2: the ALB's own group admits no HTTP (the console's default for a new group)", () => {
  const closedFront = (inv: Inventory) => withRules(inv, ELB_SG, []);
  const silent = () => closedPages([{ error: 'timeout' }]);

  it('before 1.9: 1.6, 1.7 and 1.8 name the closed group with the fix on elb-sg', () => {
    const results = expectSteps(
      at(closedFront(consoleLab()), new Map([...openPages(), albAnswers([{ error: 'timeout' }])])),
      {
        '0.1': 'passed',
        '0.2': 'passed',
        '1.1': 'passed',
        '1.2': 'passed',
        '1.3': 'passed',
        '1.4': 'passed',
        '1.5': 'passed',
        '1.6': 'failed alb.groupClosed',
        '1.7': 'failed alb.groupClosed',
        '1.8': 'failed alb.groupClosed',
        '1.9': 'failed secure.albNotAdmitted',
        '1.10': 'failed exercise.notRun',
      },
    );
    const open = {
      code: 'authorizeIngress',
      args: { groupId: ELB_SG, groupName: 'elb-sg', protocol: 'tcp', port: 80, cidr: '0.0.0.0/0' },
    };
    for (const id of ['1.6', '1.7', '1.8'] as StepId[]) assert.deepEqual(failedOf(step(results, id)).fixes, [open], id);
    assert.ok(codesOf(step(results, '1.9')).includes('alb.groupClosed'));
  });

  it('after 1.9: 1.9 names the closed group, and 0.1/0.2/1.5 never advise opening HTTP on the instances', () => {
    const results = expectSteps(at(closedFront(securedConsoleLab()), silent()), {
      '0.1': 'failed page.unreachable',
      '0.2': 'failed page.unreachable',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'failed page.unreachable',
      '1.6': 'failed alb.groupClosed',
      '1.7': 'failed alb.groupClosed',
      '1.8': 'failed alb.groupClosed',
      '1.9': 'failed alb.groupClosed',
      '1.10': 'failed exercise.notRun',
    });
    for (const id of ['0.1', '0.2', '1.5'] as StepId[]) {
      const r = failedOf(step(results, id));
      assert.equal(r.reason.args.via, ALB_DNS, id);
      assert.doesNotMatch(reasonText(r.reason, en), /admits HTTP 80 from you/, id);
    }
    assert.ok(!codesOf(step(results, '1.9')).includes('secure.albNotAnswering'));
  });

  it('an internet-facing ALB in a private subnet is named, with the public subnet of that AZ', () => {
    let inv = consoleLab();
    inv = {
      ...inv,
      subnets: [
        ...inv.subnets.map((s) => (s.id === 'subnet-2b55e100' ? { ...s, isPublic: false, name: 'private-1c' } : s)),
        { ...inv.subnets[1]!, id: 'subnet-pub1c', name: 'public-1c', cidr: '172.31.48.0/20', isDefaultForAz: false },
      ],
    };
    const r = failedOf(checkAll(at(inv, openPages()))[7]!);
    assert.equal(r.reason.code, 'alb.privateSubnet');
    assert.equal(r.reason.args.publicSubnet, 'public-1c');
  });
});

describe("seed 001's misconfiguration: the web group admits HTTP only from the student's IP", () => {
  it('targets time out; 1.7 names the rule to add from elb-sg; 1.8 names the unhealthy targets; 1.9 the /32 rule', () => {
    let inv = withRules(consoleLab(), LW1, [fromMe(80), fromMe(22)]);
    inv = withRules(inv, LW2, [fromMe(80), fromMe(22)]);
    inv = withTargets(
      inv,
      tgWeb.arn,
      tgWeb.targets.map((t) => ({ ...t, state: 'unhealthy' as const, reason: 'Target.Timeout' })),
    );
    // The ALB routes to every target when none is healthy: they time out, it answers 504.
    const obs = new Map([...openPages(), albAnswers([{ status: 504 }, { status: 504 }])]);
    const results = expectSteps(at(inv, obs), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'passed',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'failed target.notHealthy',
      '1.7': 'failed diagnosis.securityGroup',
      '1.8': 'failed target.notHealthy',
      '1.9': 'failed secure.albNotAdmitted',
      '1.10': 'failed target.notHealthy',
    });
    assert.deepEqual(
      failedOf(step(results, '1.7')).fixes.map((f) => `${f.args.groupName} ${f.args.port} ${f.args.sourceGroupName}`),
      ['launch-wizard-1 80 elb-sg', 'launch-wizard-2 80 elb-sg'],
    );
    const open = failedOf(step(results, '1.9')).details!.find((d) => d.code === 'secure.openRule')!;
    assert.equal(open.args.source, `${STUDENT_IP}/32`);
    assert.doesNotMatch(reasonText(open, en), /anyone/);
    assert.match(reasonText(open, en), /lets 203\.0\.113\.25\/32 reach TCP 80/);
  });
});

describe("defect 9: WebServer2's group judged by what it admits", () => {
  it('launch-wizard-2 without HTTP or SSH fails 1.3 with the rules to add', () => {
    const inv = withRules(consoleLab(), LW2, []);
    const r = failedOf(checkAll(at(inv, openPages()))[4]!);
    assert.deepEqual(codesOf(r), ['clone.noHttp', 'clone.noSsh']);
    assert.deepEqual(
      r.fixes.map((f) => `${f.args.groupName} ${f.args.port} ${f.args.sourceGroupName ?? f.args.cidr}`),
      ['launch-wizard-2 80 elb-sg', `launch-wizard-2 22 ${STUDENT_IP}/32`],
    );
    // HTTP from the ALB's group only (after 1.9) is enough.
    const secured = withRules(consoleLab(), LW2, [fromGroup(80, ELB_SG), anywhere(22)]);
    assert.equal(summary(checkAll(at(secured, openPages()))[4]!), 'passed');
  });
});

describe('defect 4: a hand-made ALB and one our runner made', () => {
  it('1.6 judges the hand-made one and notes the other, saying cleanup removes it', () => {
    const tagged = { [LAB_TAG]: LAB_ID, [STEP_TAG]: '1.6' };
    const inv = consoleLab();
    const runnerAlb = {
      ...myAlb,
      arn: 'arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/LoadBalancer/1',
      name: 'LoadBalancer',
      dnsName: 'LoadBalancer-1.ap-northeast-1.elb.amazonaws.com',
      createdTime: '2026-11-24T04:00:00.000Z',
      listeners: [{ ...myAlb.listeners[0]!, arn: 'arn:listener/lb/80', forwardTo: ['arn:tg/WebServers'] }],
      tags: { ...tagged, Name: 'LoadBalancer' },
    };
    const runnerTg = {
      ...tgWeb,
      arn: 'arn:tg/WebServers',
      name: 'WebServers',
      loadBalancerArns: [runnerAlb.arn],
      tags: tagged,
    };
    const both = { ...inv, loadBalancers: [runnerAlb, myAlb], targetGroups: [runnerTg, tgWeb] };
    const roles = findRoles(both);
    assert.equal(roles.loadBalancer?.name, 'my-alb');
    assert.deepEqual(
      roles.otherLoadBalancers.map((l) => l.name),
      ['LoadBalancer'],
    );
    assert.deepEqual(
      roles.otherTargetGroups.map((t) => t.name),
      ['WebServers'],
    );
    const r = checkAll(at(both, openPages()))[7]!;
    assert.equal(r.status, 'passed');
    assert.deepEqual(r.status === 'passed' && r.notes?.map((n) => `${n.code} ${n.args.name}`), [
      'note.otherLoadBalancer LoadBalancer',
      'note.otherTargetGroup WebServers',
    ]);
    const note = r.status === 'passed' ? r.notes?.[0] : undefined;
    assert.ok(note);
    assert.match(reasonText(note, en), /cleanup removes it/);
  });
});

describe('defect 12: a section that could not be read is not "missing"', () => {
  const throttled = { kind: 'throttled' as const, action: 'ec2:DescribeSnapshots' };

  it('storage throttled past the retries: 1.1-1.3 cannot be judged, the rest is', () => {
    const inv = withProblem(
      consoleLab(),
      { section: 'storage', action: 'ec2:DescribeSnapshots', error: throttled },
      {
        volumes: [],
        snapshots: [],
        images: [],
      },
    );
    const results = expectSteps(at(inv, openPages()), {
      '0.1': 'passed',
      '0.2': 'passed',
      '1.1': 'unknown storage',
      '1.2': 'unknown storage',
      '1.3': 'unknown storage',
      '1.4': 'passed',
      '1.5': 'passed',
      '1.6': 'passed',
      '1.7': 'passed',
      '1.8': 'passed',
      '1.9': 'failed secure.albNotAdmitted',
      '1.10': 'failed exercise.notRun',
    });
    const r = step(results, '1.1');
    assert.ok(r.status === 'unknown');
    assert.deepEqual(
      r.problems.map((p) => p.error),
      [throttled],
    );
    assert.match(reasonText(r.reason, en), /volumes, snapshots and AMIs could not be read.*throttled/);
  });

  it('Elastic IPs denied: 0.2 and 1.4 cannot be judged; security groups failing: 1.3, 1.6, 1.7, 1.9', () => {
    const denied = { kind: 'accessDenied' as const, action: 'ec2:DescribeAddresses' };
    let inv = withProblem(
      consoleLab(),
      { section: 'addresses', action: 'ec2:DescribeAddresses', error: denied },
      { elasticIps: [] },
    );
    inv = withProblem(
      inv,
      {
        section: 'securityGroups',
        action: 'ec2:DescribeSecurityGroups',
        error: { kind: 'throttled', action: 'ec2:DescribeSecurityGroups' },
      },
      { securityGroups: [] },
    );
    expectSteps(at(inv, openPages()), {
      '0.1': 'passed',
      '0.2': 'unknown addresses',
      '1.1': 'passed',
      '1.2': 'passed',
      '1.3': 'unknown securityGroups',
      '1.4': 'unknown addresses',
      '1.5': 'passed',
      '1.6': 'unknown securityGroups',
      '1.7': 'unknown securityGroups',
      '1.8': 'passed',
      '1.9': 'unknown securityGroups',
      '1.10': 'failed exercise.notRun',
    });
  });

  it('load balancers unreadable after 1.9: the pages cannot be judged (no "open HTTP" advice); a page seen still passes', () => {
    const lbThrottled = {
      section: 'loadBalancing' as const,
      action: 'elasticloadbalancing:DescribeLoadBalancers',
      error: { kind: 'throttled' as const, action: 'elasticloadbalancing:DescribeLoadBalancers' },
    };
    const after19 = withProblem(securedConsoleLab(), lbThrottled, { loadBalancers: [], targetGroups: [] });
    const results = checkAll(at(after19, closedPages()));
    for (const id of ['0.1', '0.2', '1.5'] as StepId[])
      assert.equal(summary(step(results, id)), 'unknown loadBalancing', id);
    const before19 = withProblem(consoleLab(), lbThrottled, { loadBalancers: [], targetGroups: [] });
    assert.equal(summary(checkAll(at(before19, openPages()))[0]!), 'passed');
  });

  it('instances unreadable: nothing is judged missing', () => {
    const inv = withProblem(
      consoleLab(),
      { section: 'instances', action: 'ec2:DescribeInstances', error: { kind: 'network', code: 'ECONNRESET' } },
      { instances: [] },
    );
    for (const r of checkAll(at(inv, openPages())).filter((x) => x.step !== '1.8'))
      assert.equal(summary(r), 'unknown instances', r.step);
  });
});

describe('defect 7: words that match the situation', () => {
  it('1.8: neither page seen is not "only one server"; WebServer2 not registered says register it, with the fix', () => {
    const other = checkAll(
      at(consoleLab(), new Map([...openPages(), albAnswers([{ status: 200, variant: 'other' }])])),
    )[9]!;
    assert.equal(summary(other), 'failed tally.noVision');
    const inv = withTargets(consoleLab(), tgWeb.arn, [tgWeb.targets[0]!]);
    const one = failedOf(
      checkAll(at(inv, new Map([...openPages(), albAnswers([{ status: 200, variant: 'vision' }])])))[9]!,
    );
    assert.equal(one.reason.code, 'targetGroup.targetMissing');
    assert.deepEqual(codesOf(one), ['targetGroup.targetMissing', 'tally.onlyOneVariant']);
    assert.deepEqual(
      one.fixes.map((f) => `${f.code} ${f.args.instanceId}`),
      [`registerTarget ${webServer2.id}`],
    );
  });

  it('1.9: the shared group named once, with the fix that gives the ALB its own group', () => {
    let inv = securedConsoleLab();
    inv = withInstance(inv, webServer2.id, { securityGroups: [{ id: LW1, name: 'launch-wizard-1' }] });
    inv = { ...inv, loadBalancers: inv.loadBalancers.map((l) => ({ ...l, securityGroupIds: [LW1] })) };
    inv = withRules(inv, LW1, [anywhere(80), fromMe(22)]);
    const r = failedOf(checkAll(at(inv, openPages()))[10]!);
    assert.equal(r.reason.code, 'secure.sharedGroup');
    assert.equal(codesOf(r).filter((c) => c === 'secure.sharedGroup').length, 1);
    assert.deepEqual(r.fixes[0], {
      code: 'ownLoadBalancerGroup',
      args: {
        loadBalancerArn: myAlb.arn,
        name: 'my-alb',
        vpcId: 'vpc-def',
        groupName: 'alb-sg',
        webGroupId: LW1,
        webGroupName: 'launch-wizard-1',
        port: 80,
      },
    });
  });

  it('1.4: a freed Elastic IP is named as the fix offers it; 1.7 waits on 1.6 while there is no WebServer2', () => {
    let inv = withInstance(consoleLab(), webServer2.id, { elasticIp: undefined, publicIp: '13.0.0.9' });
    inv = {
      ...inv,
      elasticIps: inv.elasticIps.map((e) =>
        e.instanceId === webServer2.id ? { ...e, instanceId: undefined, associationId: undefined } : e,
      ),
    };
    const r = failedOf(checkAll(at(inv, openPages()))[5]!);
    assert.equal(r.reason.code, 'eip.notAssociated');
    assert.equal(r.reason.args.publicIp, WS2_IP);
    assert.equal(r.fixes[0]?.args.allocationId, 'eipalloc-ws2');
    const alone = { ...consoleLab(), instances: [webServer] };
    assert.equal(summary(checkAll(at(alone, openPages()))[8]!), 'waiting 1.6');
  });
});
