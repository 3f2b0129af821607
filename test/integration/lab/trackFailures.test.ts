// Track 1's failures a student meets, checked against the practice account at instant speed through the lab
// engine: an AMI from the instance, a clone in WebServer's AZ, 1.9 before it is done, a web group that admits only
// the student's IP, a wrong health-check path, and what the checks say and the fixes heal.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  AuthorizeSecurityGroupIngressCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ModifyTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { checkStep } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { applyFix, runStep } from '../../../src/lab/run/runner';
import type { StepOutcome } from '../../../src/lab/types';
import { PRACTICE_STUDENT_IP } from '../../../src/practice/core/constants';
import { editClonePage, startLab, type LabHarness } from '../../fixtures/labPractice';

function assertPassed(o: StepOutcome): void {
  assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);
}

describe('failures a student meets, checked against the practice account', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
  });
  after(() => lab.close());

  it("1.2 from the instance (CreateImage, no reboot): its snapshot is of WebServer's root volume, so 1.1 passes too", async () => {
    const ctx = lab.context();
    const o = await runStep('1.2', { method: 'instance', noReboot: 'true' }, ctx);
    assertPassed(o);
    const inventory = await ctx.inventory();
    const ws = inventory.instances.find((i) => i.name === 'WebServer');
    assert.equal(inventory.images.length, 1);
    assert.ok(
      inventory.snapshots.some(
        (s) => s.volumeId === ws?.rootVolume?.volumeId && inventory.images[0]?.snapshotIds.includes(s.id),
      ),
    );
    assert.equal(checkStep('1.1', { inventory, observations: new Map() }).status, 'passed');
    assert.equal(ws?.state, 'running', 'NoReboot: WebServer kept serving');
  });

  it('a clone in the same AZ as WebServer fails 1.3; the plan offers only other AZs', async () => {
    const ctx = lab.context();
    assertPassed(await runStep('1.1', {}, ctx));
    assertPassed(await runStep('1.2', {}, ctx));
    await assert.rejects(
      runStep('1.3', { az: 'ap-northeast-1a' }, ctx),
      (e: { reason?: { code?: string } }) => e.reason?.code === 'run.badOption',
    );
    // By hand, as a student may: launched from the AMI in 1a.
    const inv = await ctx.inventory();
    const ws = inv.instances.find((i) => i.name === 'WebServer');
    const ami = inv.images[0];
    await lab.clients.ec2.send(
      new RunInstancesCommand({
        ImageId: ami?.id,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: ws?.subnetId,
        SecurityGroupIds: ws?.securityGroups.map((g) => g.id),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'WebServer2' }] }],
      }),
    );
    const r = checkStep('1.3', { inventory: await ctx.inventory(), observations: new Map() });
    assert.equal(r.status, 'failed');
    assert.equal(r.status === 'failed' && r.reason.code, 'clone.sameAz');
    // The student terminates it and launches again in another AZ.
    const wrong = (await ctx.inventory()).instances.find((i) => i.name === 'WebServer2');
    await lab.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [wrong?.id ?? ''] }));
    assertPassed(await runStep('1.3', {}, ctx));
    assert.equal((await ctx.inventory()).instances.find((i) => i.name === 'WebServer2')?.az, 'ap-northeast-1d');
  });

  it('1.9 before it is done: direct access still open, the rule named', async () => {
    const ctx = lab.context();
    assertPassed(await runStep('1.4', {}, ctx));
    editClonePage(lab, (await ctx.inventory()).instances.find((i) => i.name === 'WebServer2')?.id ?? '');
    assertPassed(await runStep('1.6', {}, ctx));
    const inventory = await ctx.inventory();
    const r = checkStep('1.9', { inventory, observations: await observe(inventory, ctx.web) });
    assert.equal(r.status, 'failed');
    if (r.status !== 'failed') return;
    // First what to add (so the ALB keeps its way in), then what to remove, then what the student sees.
    assert.equal(r.reason.code, 'secure.albNotAdmitted');
    const codes = (r.details ?? []).map((d) => `${d.code} ${d.args.source ?? d.args.host ?? ''}`);
    assert.ok(codes.includes('secure.openRule 0.0.0.0/0'), codes.join('; '));
    assert.ok(codes.includes('secure.openRule ::/0'), codes.join('; '));
    assert.ok(
      codes.some((c) => c.startsWith('secure.directAnswered')),
      codes.join('; '),
    );
    assert.deepEqual(
      r.fixes.map((f) => f.code),
      ['authorizeIngress', 'revokeIngress', 'revokeIngress'],
    );
  });

  it("the web group admits only the student's IP (seed 001): targets unhealthy, 1.7 names the rule, the fix heals them", async () => {
    const ctx = lab.context();
    const inv = await ctx.inventory();
    const web = inv.securityGroups.find((g) => g.name === 'launch-wizard-1');
    const albSg = inv.securityGroups.find((g) => g.name === 'alb-sg');
    assert.ok(web && albSg);
    // As in the console: HTTP from anywhere replaced by HTTP from my IP.
    await lab.clients.ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: web.id,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 80,
            ToPort: 80,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          },
        ],
      }),
    );
    await lab.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: web.id,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: `${PRACTICE_STUDENT_IP}/32` }] },
        ],
      }),
    );
    const broken = await ctx.inventory();
    assert.ok(
      broken.targetGroups[0]?.targets.every((t) => t.state === 'unhealthy' && t.reason === 'Target.Timeout'),
      JSON.stringify(broken.targetGroups[0]?.targets),
    );
    const r = checkStep('1.7', { inventory: broken, observations: await observe(broken, ctx.web) });
    assert.equal(r.status, 'failed');
    if (r.status !== 'failed') return;
    assert.equal(r.reason.code, 'diagnosis.securityGroup');
    assert.deepEqual(
      { group: r.reason.args.groupName, port: r.reason.args.port, source: r.reason.args.sourceGroupName },
      { group: 'launch-wizard-1', port: 80, source: 'alb-sg' },
    );
    assert.equal(r.fixes.length, 1, 'one rule for both servers (they share the group)');
    await applyFix(r.fixes[0]!, ctx);
    const healed = await ctx.inventory();
    assert.ok(
      healed.targetGroups[0]?.targets.every((t) => t.state === 'healthy'),
      JSON.stringify(healed.targetGroups[0]?.targets),
    );
    assert.equal(checkStep('1.7', { inventory: healed, observations: new Map() }).status, 'passed');
  });

  it('a wrong health-check path: 404 on the instances, 1.7 says so, the fix sets /index.html', async () => {
    const ctx = lab.context();
    const tg = (await ctx.inventory()).targetGroups[0];
    await lab.clients.elbv2.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: tg?.arn, HealthCheckPath: '/health.html' }),
    );
    const broken = await ctx.inventory();
    assert.ok(
      broken.targetGroups[0]?.targets.every(
        (t) => t.state === 'unhealthy' && t.reason === 'Target.ResponseCodeMismatch',
      ),
    );
    const r = checkStep('1.7', { inventory: broken, observations: await observe(broken, ctx.web) });
    assert.equal(r.status === 'failed' && r.reason.code, 'diagnosis.healthCheckPath');
    assert.equal(r.status === 'failed' && r.reason.args.status, 404, 'observed on the instance');
    // The runner of 1.7 applies it and waits for the targets.
    const o = await runStep('1.7', {}, ctx);
    assertPassed(o);
    assert.equal((await ctx.inventory()).targetGroups[0]?.healthCheck.path, '/index.html');
  });

  it('1.9 run: direct requests time out, the load balancer answers', async () => {
    const ctx = lab.context();
    const o = await runStep('1.9', {}, ctx);
    assertPassed(o);
    const direct = [...(o.observations?.values() ?? [])].filter((p) => !p.host.endsWith('.elb.amazonaws.com'));
    assert.ok(direct.length >= 2 && direct.every((p) => p.error === 'timeout'), JSON.stringify(direct));
  });
});
