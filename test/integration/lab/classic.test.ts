// Track 1 with seed 001's Classic Load Balancer through the lab engine and the real ELB v1 client against the
// practice account: the runner's CLB end to end (1.6-1.10 pass, one CLB, one elb-sg, the console's health check,
// the lab's tags); a CLB made by hand with other names, AZ order and registration order passes and is adopted;
// seed 001's security group (HTTP only from the student's IP) diagnosed and fixed by 1.7; 1.6 interrupted by
// faults and run again with no duplicate.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
  type HealthCheck,
} from '@aws-sdk/client-elastic-load-balancing';
import { AwsError } from '../../../src/aws/errors';
import { checkAll, checkStep } from '../../../src/lab/checks/checks';
import { observe, pagesForStep } from '../../../src/lab/observe';
import { findRoles } from '../../../src/lab/roles';
import { applyFix, runStep, runTrack } from '../../../src/lab/run/runner';
import type { Instance } from '../../../src/aws/types';
import {
  EXERCISE_TAG,
  isLabTagged,
  STEP_TAG,
  type StepContext,
  type StepId,
  type StepOutcome,
} from '../../../src/lab/types';
import { PRACTICE_REGION, PRACTICE_STUDENT_IP } from '../../../src/practice/core/constants';
import type { Fault } from '../../../src/practice/core/faults';
import { editClonePage, startLab, withoutWebServer, type LabHarness } from '../../fixtures/labPractice';

const CLASSIC = { '1.6': { balancer: 'classic' } } as const;

function assertPassed(o: StepOutcome): void {
  assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
}

const world = (lab: LabHarness) => lab.server.world.region(PRACTICE_REGION);
const classics = (lab: LabHarness) => world(lab).classicLoadBalancers ?? [];
const groupsNamed = (lab: LabHarness, name: string) => world(lab).securityGroups.filter((g) => g.name === name);

/** Track 0 from zero and 1.1-1.5 (the servers), so each test builds the load balancer itself. */
async function servers(lab: LabHarness): Promise<void> {
  const ctx = lab.context();
  (await runTrack('0', ctx)).forEach(assertPassed);
  for (const id of ['1.1', '1.2', '1.3', '1.4'] as StepId[]) assertPassed(await runStep(id, {}, ctx));
  const clone = findRoles(await ctx.inventory()).clone;
  editClonePage(lab, clone?.id ?? '');
}

/** WebServer and its clone as the checks find them (`servers` built both). */
async function webServers(ctx: StepContext): Promise<{ ws: Instance; clone: Instance }> {
  const roles = findRoles(await ctx.inventory());
  const ws = roles.webServer;
  const clone = roles.clone;
  assert.ok(ws && clone);
  return { ws, clone };
}

/** A describe's practice account without WebServer; with `withServers`, track 0 and 1.1-1.5 already run. */
async function classicLab(withServers: boolean, options?: Parameters<typeof startLab>[0]): Promise<LabHarness> {
  const lab = await startLab(options);
  await withoutWebServer(lab);
  if (withServers) await servers(lab);
  return lab;
}

interface HandMadeClb {
  readonly name: string;
  /** Its subnets, one per AZ, in this order. */
  readonly azs: readonly string[];
  /** A group of its own by this name (HTTP 80 from anywhere), or an existing group's id. */
  readonly group:
    | { readonly name: string; readonly vpcId: string | undefined; readonly noEgress?: boolean }
    | { readonly id: string };
  readonly healthCheck?: HealthCheck;
  /** Registered one call each, in this order. */
  readonly register: readonly string[];
}

/** A CLB made as a student does it through ELB v1 and EC2 (the console's calls); answers its group's id. */
async function handMadeClb(lab: LabHarness, clb: HandMadeClb): Promise<string> {
  const aws = lab.clients;
  let groupId = 'id' in clb.group ? clb.group.id : '';
  if ('name' in clb.group) {
    const group = await aws.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: clb.group.name, Description: 'clb', VpcId: clb.group.vpcId }),
    );
    groupId = group.GroupId ?? '';
    await aws.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    if (clb.group.noEgress)
      await aws.ec2.send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      );
  }
  const subnets = (await aws.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  await aws.elb.send(
    new CreateLoadBalancerCommand({
      LoadBalancerName: clb.name,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
      Subnets: clb.azs.map((az) => subnets.find((s) => s.AvailabilityZone === az)?.SubnetId ?? ''),
      SecurityGroups: [groupId],
    }),
  );
  if (clb.healthCheck)
    await aws.elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: clb.name, HealthCheck: clb.healthCheck }));
  for (const id of clb.register)
    await aws.elb.send(
      new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: clb.name, Instances: [{ InstanceId: id }] }),
    );
  return groupId;
}

describe('track 1 with a Classic Load Balancer (seed 001)', () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(false)));
  after(() => lab.close());

  it('runs track 1 with the CLB: every step passes, one CLB with the console health check, tagged', async () => {
    const ctx = lab.context();
    (await runTrack('0', ctx)).forEach(assertPassed);
    const one = await runTrack('1', ctx, { options: CLASSIC, editClonePage: async (id) => editClonePage(lab, id) });
    assert.deepEqual(
      one.map((o) => o.step).sort(),
      ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10'].sort(),
    );
    one.forEach(assertPassed);
    const tally = one.find((o) => o.step === '1.8')?.tally;
    assert.ok(tally && tally.answered === 20 && tally.byBackend.length === 2, JSON.stringify(tally));
    const exercise = one.find((o) => o.step === '1.10')?.exercise;
    assert.equal(exercise?.passed, true, JSON.stringify(exercise));

    assert.equal(classics(lab).length, 1);
    assert.equal(world(lab).loadBalancers.length, 0, 'no ALB besides');
    assert.equal(world(lab).targetGroups.length, 0);
    const clb = classics(lab)[0];
    assert.ok(clb && isLabTagged(clb.tags));
    assert.equal(clb.tags[STEP_TAG], '1.6');
    assert.equal(clb.tags.Name, 'LoadBalancer');
    assert.match(clb.tags[EXERCISE_TAG] ?? '', /^passed /);
    assert.deepEqual(clb.healthCheck, {
      target: 'HTTP:80/index.html',
      interval: 30,
      timeout: 5,
      healthyThreshold: 10,
      unhealthyThreshold: 2,
    });
    assert.equal(groupsNamed(lab, 'elb-sg').length, 1);

    const inventory = await ctx.inventory();
    const observations = await observe(inventory, ctx.web);
    for (const r of checkAll({ inventory, observations }, ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
    // 1.9 made the web group admit the CLB's group, and nothing else on 80.
    const web = groupsNamed(lab, 'launch-wizard-1')[0];
    const http = web?.inbound.filter((p) => p.fromPort === 80) ?? [];
    assert.ok(http.length > 0 && http.every((p) => p.ipv4.length === 0 && p.ipv6.length === 0));
    assert.ok(http.some((p) => p.groups.some((g) => g.groupId === groupsNamed(lab, 'elb-sg')[0]?.id)));
  });

  it('runs 1.6 again: the CLB and its group are adopted, nothing created', async () => {
    const o = await runStep('1.6', {}, lab.context());
    assertPassed(o);
    assert.deepEqual(o.created, []);
    assert.equal(classics(lab).length, 1);
    assert.equal(groupsNamed(lab, 'elb-sg').length, 1);
  });
});

describe('a Classic Load Balancer made by hand', () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(true)));
  after(() => lab.close());

  it('is judged and passes 1.6-1.10 with its own names, AZ order and registration order', async () => {
    const ctx = lab.context();
    const { ws, clone } = await webServers(ctx);
    // The clone's AZ first, then WebServer's; the clone registered first.
    await handMadeClb(lab, {
      name: 'my-clb',
      azs: [clone.az, ws.az],
      group: { name: 'my-clb-sg', vpcId: ws.vpcId },
      healthCheck: { Target: 'HTTP:80/', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 2 },
      register: [clone.id, ws.id],
    });
    const after = await ctx.inventory();
    assert.equal(findRoles(after).classicLoadBalancer?.name, 'my-clb');
    // WebServer's group admits 80 from anywhere (track 0): both InService once the checks pass.
    const o6 = await runStep('1.6', {}, ctx);
    assertPassed(o6);
    assert.deepEqual(o6.created, [], 'the hand-made CLB is adopted');
    assert.equal(classics(lab).length, 1);
    assert.equal(classics(lab)[0]?.healthCheck.target, 'HTTP:80/', "the student's own ping path stays");
    for (const id of ['1.7', '1.8', '1.9', '1.10'] as StepId[]) assertPassed(await runStep(id, {}, ctx));
    assert.equal(groupsNamed(lab, 'elb-sg').length, 0, 'no group of our own beside my-clb-sg');
  });
});

describe("seed 001's mistake through the practice account", () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(true)));
  after(() => lab.close());

  it('the web group admitting only the student: 1.7 names the rule from the CLB group, and its run fixes it', async () => {
    const ctx = lab.context();
    const web = groupsNamed(lab, 'launch-wizard-1')[0];
    assert.ok(web);
    web.inbound = web.inbound.map((p) =>
      p.fromPort === 80 ? { ...p, ipv4: [{ cidr: `${PRACTICE_STUDENT_IP}/32` }], ipv6: [] } : p,
    );
    lab.server.world.changed();
    // 1.6 does not wait out the health checks it can see failing: 1.7 says why.
    const o6 = await runStep('1.6', { balancer: 'classic' }, ctx);
    assert.equal(o6.check.status, 'failed', JSON.stringify(o6.check));
    const inv = await ctx.inventory();
    const observations = await observe(inv, ctx.web, undefined, pagesForStep('1.7', inv));
    const r = checkStep('1.7', { inventory: inv, observations });
    assert.equal(r.status, 'failed', JSON.stringify(r));
    const codes = r.status === 'failed' ? [r.reason.code, ...(r.details ?? []).map((d) => d.code)] : [];
    assert.ok(codes.includes('diagnosis.securityGroup'), codes.join(', '));
    const sourceGroupName = r.status === 'failed' ? r.fixes[0]?.args.sourceGroupName : undefined;
    assert.equal(sourceGroupName, 'elb-sg');
    const row = inv.classicLoadBalancers[0]?.instances[0];
    assert.equal(row?.state, 'OutOfService', JSON.stringify(row));
    assertPassed(await runStep('1.7', {}, ctx));
    const healed = await ctx.inventory();
    assert.ok(healed.classicLoadBalancers[0]?.instances.every((i) => i.state === 'InService'));
  });
});

describe('1.6 with a CLB interrupted by faults, then run again', () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(true, { maxAttempts: 1, requestTimeoutMs: 400 })));
  after(() => lab.close());

  const LOST_ANSWER_MS = 700;
  const faults: Fault[] = [
    { action: 'CreateSecurityGroup', kind: 'latency', latencyMs: LOST_ANSWER_MS },
    { action: 'CreateLoadBalancer', kind: 'latency', latencyMs: LOST_ANSWER_MS },
    { action: 'ConfigureHealthCheck', kind: 'internal' },
    { action: 'RegisterInstancesWithLoadBalancer', kind: 'drop' },
  ];

  it('finishes with one CLB and one elb-sg', async () => {
    const ctx = lab.context();
    for (const fault of faults) {
      lab.server.injectFault(fault);
      let error: unknown;
      try {
        await runStep('1.6', { balancer: 'classic' }, ctx);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof AwsError, `${fault.action}: ${String(error)}`);
      if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, LOST_ANSWER_MS + 100));
    }
    const o = await runStep('1.6', { balancer: 'classic' }, ctx);
    assertPassed(o);
    assert.equal(classics(lab).length, 1);
    assert.equal(groupsNamed(lab, 'elb-sg').length, 1);
    assert.equal(classics(lab)[0]?.healthCheck.target, 'HTTP:80/index.html');
    assert.equal(classics(lab)[0]?.instances.length, 2);
  });
});

describe("a hand-made CLB repaired by its checks' fixes (ELB v1 calls)", () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(true)));
  after(() => lab.close());

  it('one AZ, one instance, a ping path not served, a group without egress: every fix applied, then 1.6 passes', async () => {
    const ctx = lab.context();
    const { ws } = await webServers(ctx);
    await handMadeClb(lab, {
      name: 'clb-one',
      azs: [ws.az],
      group: { name: 'clb-one-sg', vpcId: ws.vpcId, noEgress: true },
      healthCheck: {
        Target: 'HTTP:80/health.html',
        Interval: 30,
        Timeout: 5,
        HealthyThreshold: 10,
        UnhealthyThreshold: 2,
      },
      register: [ws.id],
    });

    const seen: string[] = [];
    for (const step of ['1.6', '1.7', '1.6'] as StepId[]) {
      const inv = await ctx.inventory();
      const observations = await observe(inv, ctx.web, undefined, pagesForStep('1.7', inv));
      const r = checkStep(step, { inventory: inv, observations });
      if (r.status !== 'failed') continue;
      for (const f of r.fixes) {
        seen.push(f.code);
        await applyFix(f, ctx);
      }
    }
    for (const code of ['enableAz', 'registerTarget', 'setHealthCheckPath', 'authorizeEgress'])
      assert.ok(seen.includes(code), `${code} in ${seen.join(', ')}`);
    const clb = classics(lab).find((c) => c.name === 'clb-one');
    assert.equal(clb?.zones.length, 2);
    assert.equal(clb?.instances.length, 2);
    assert.equal(clb?.healthCheck.target, 'HTTP:80/index.html');
    assert.ok(groupsNamed(lab, 'clb-one-sg')[0]?.outbound.some((p) => p.fromPort === 80));
    const o = await runStep('1.6', {}, ctx);
    assertPassed(o);
    assert.deepEqual(o.created, []);
  });
});

describe("track 1 following seed 001's layout", () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(false)));
  after(() => lab.close());

  it('builds the CLB without being asked, names the servers as seed 001 does, and every check passes', async () => {
    const ctx = { ...lab.context(), layout: 'seed001' as const };
    (await runTrack('0', ctx)).forEach(assertPassed);
    const one = await runTrack('1', ctx, { editClonePage: async (id) => editClonePage(lab, id) });
    one.forEach(assertPassed);
    assert.equal(classics(lab).length, 1);
    assert.equal(world(lab).loadBalancers.length, 0);
    assert.equal(groupsNamed(lab, 'elb-sg').length, 1);
    const names = world(lab)
      .instances.filter((i) => i.state === 'running')
      .map((i) => i.tags.Name)
      .sort();
    // Track 0 under this layout names the first server as the handout's first one.
    assert.deepEqual(names, ['image1server', 'image2server']);
    const inventory = await ctx.inventory();
    const observations = await observe(inventory, ctx.web);
    for (const r of checkAll({ inventory, observations, layout: 'seed001' }, ['0', '1']))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
  });
});

describe("1.9 with a CLB in the web servers' own group", () => {
  let lab: LabHarness;
  before(async () => (lab = await classicLab(true)));
  after(() => lab.close());

  it('gives the CLB a group of its own, admits it, closes the rest, and the CLB keeps answering', async () => {
    const ctx = lab.context();
    const { ws, clone } = await webServers(ctx);
    await handMadeClb(lab, {
      name: 'shared-clb',
      azs: [ws.az, clone.az],
      group: { id: ws.securityGroups[0]?.id ?? '' },
      register: [ws.id, clone.id],
    });
    assertPassed(await runStep('1.6', {}, ctx));
    const o = await runStep('1.9', {}, ctx);
    assertPassed(o);
    const own = groupsNamed(lab, 'elb-sg')[0];
    assert.ok(own, 'elb-sg made');
    assert.deepEqual(classics(lab)[0]?.securityGroupIds, [own.id]);
    assertPassed(await runStep('1.8', {}, ctx));
  });
});
