// Handout 004 end to end on the practice account through the real SDK: track 4 builds Test-VPC and Test-EC2#1, then
// track 1 runs inside Test-VPC with the Test-VPC layout's names (Test-AMI-WordPress, Test-EC2#2 in 1c, Test-ELB with
// elb-sg over both public subnets, elb-targetgroup) while the seeded WebServer of the default VPC stays untouched;
// and a web server launched by hand in a private subnet is told why it cannot pass 4.3.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { checkAll, checkStep } from '../../../src/lab/checks/checks';
import { observe } from '../../../src/lab/observe';
import { planStep, runStep, runTrack } from '../../../src/lab/run/runner';
import { StepError, type StepOutcome } from '../../../src/lab/types';
import { startLab, type LabHarness } from '../../fixtures/labPractice';
import { browse, WORDPRESS_DB_PASSWORD, WORDPRESS_INSTALL, WORDPRESS_SETUP } from '../../fixtures/wordPressSite';

let lab: LabHarness;
before(async () => {
  lab = await startLab();
});
after(() => lab.close());
beforeEach(() => lab.server.reset());

const passed = (o: StepOutcome) => assert.equal(o.check.status, 'passed', `${o.step}: ${JSON.stringify(o.check)}`);

describe('the Test-VPC layout (handout 004)', () => {
  it('track 4, then track 1 inside Test-VPC with the handout names; every check of tracks 1 and 4 passes', async () => {
    const ctx = { ...lab.context(), layout: 'testVpc' as const };
    const before = await ctx.inventory();
    const seeded = before.instances.find((i) => i.name === 'WebServer');
    assert.ok(seeded, 'the practice account starts with WebServer in the default VPC');

    const four = await runTrack('4', ctx);
    assert.deepEqual(
      four.map((o) => `${o.step} ${o.check.status}`),
      ['4.1 passed', '4.2 passed', '4.3 passed', '4.4 waiting'],
      ' 4.4 waits on track 1 inside Test-VPC',
    );
    let inv = await ctx.inventory();
    const vpc = inv.vpcs.find((v) => v.name === 'Test-VPC');
    const web = inv.instances.find((i) => i.name === 'Test-EC2#1');
    assert.ok(vpc && web);
    assert.equal(web.vpcId, vpc.id);
    assert.equal(inv.subnets.find((s) => s.id === web.subnetId)?.name, 'パブリックサブネット-1a');
    assert.ok(web.publicIp, 'a public address at launch');
    assert.deepEqual(
      web.securityGroups.map((g) => g.name),
      ['web-sg'],
    );

    // The plan's defaults are the handout's names.
    const plan12 = planStep('1.2', { inventory: inv, observations: new Map(), layout: 'testVpc' });
    assert.equal(plan12.ready && plan12.options.find((o) => o.key === 'name')?.default, 'Test-AMI-WordPress');

    // 4.3 installed WordPress (handout 004 §2): its front page asks for its setup, the web tier answers.
    const wordPressHost = web.publicIp ?? '';
    const front = await observe(inv, ctx.web, undefined, undefined, 'testVpc');
    assert.match(front.get(`${wordPressHost}/`)?.location ?? '', /wp-admin\/setup-config\.php/);

    // Track 2 as the handout orders it (seed 004 §4-5): the database, then WordPress's setup on Test-EC2#1 in a
    // browser, before its AMI is made (so the clone and 4.4's servers come with its wp-config.php).
    const withDb = { ...ctx, secrets: { databasePassword: () => Promise.resolve(WORDPRESS_DB_PASSWORD) } };
    passed(await runStep('2.1', {}, withDb));
    passed(await runStep('2.2', {}, withDb));
    const notYet = await checkOnlyNow('2.3');
    assert.equal(notYet.status === 'failed' && notYet.reason.code, 'wordpress.notSetUp');
    inv = await ctx.inventory();
    const endpoint = inv.dbInstances.find((d) => d.id === 'test-rds-1')?.endpoint?.address ?? '';
    await browse(lab.server.endpoint, wordPressHost, '/wp-admin/setup-config.php?step=2', WORDPRESS_SETUP(endpoint));
    await browse(lab.server.endpoint, wordPressHost, '/wp-admin/install.php?step=2', WORDPRESS_INSTALL);
    const setUp = await checkOnlyNow('2.3');
    assert.equal(setUp.status, 'passed', JSON.stringify(setUp));

    // Track 1 inside Test-VPC: WordPress on both servers, the same page, so no page to edit (1.5) or tell apart (1.8).
    const one = await runTrack('1', ctx, {
      editClonePage: () => Promise.reject(new Error('handout 004 has no page of the clone to edit')),
    });
    one.forEach(passed);
    assert.deepEqual(one.map((o) => o.step).sort(), ['1.1', '1.10', '1.2', '1.3', '1.4', '1.6', '1.7', '1.9']);
    await assert.rejects(
      runStep('1.5', {}, ctx),
      (e: unknown) => e instanceof StepError && e.reason.code === 'run.notInHandout',
    );
    inv = await ctx.inventory();
    const clone = inv.instances.find((i) => i.name === 'Test-EC2#2');
    assert.ok(clone, 'Test-EC2#2');
    assert.equal(clone.vpcId, vpc.id);
    assert.equal(clone.az, 'ap-northeast-1c', 'Test-VPC has subnets in a and c only');
    assert.ok(inv.images.some((i) => i.name === 'Test-AMI-WordPress'));
    const lb = inv.loadBalancers.find((l) => l.name === 'Test-ELB');
    assert.ok(lb);
    assert.equal(lb.vpcId, vpc.id);
    assert.deepEqual(lb.zones.map((z) => inv.subnets.find((s) => s.id === z.subnetId)?.name).sort(), [
      'パブリックサブネット-1a',
      'パブリックサブネット-1c',
    ]);
    assert.deepEqual(
      lb.securityGroupIds.map((id) => inv.securityGroups.find((g) => g.id === id)?.name),
      ['elb-sg'],
    );
    const tg = inv.targetGroups.find((g) => g.name === 'elb-targetgroup');
    assert.equal(tg?.healthCheck.path, '/wp-includes/images/blank.gif');
    assert.deepEqual(
      tg.targets.map((t) => t.state),
      ['healthy', 'healthy'],
      'WordPress answers its blank.gif before its setup',
    );

    const observations = await observe(inv, ctx.web, undefined, undefined, 'testVpc');
    const checked = checkAll({ inventory: inv, observations, layout: 'testVpc' }, ['1', '4']);
    assert.ok(!checked.some((c) => c.step === '1.5' || c.step === '1.8'), 'not in handout 004');
    for (const r of checked.filter((c) => c.step !== '4.4'))
      assert.equal(r.status, 'passed', `${r.step}: ${JSON.stringify(r)}`);
    const before44 = checked.find((c) => c.step === '4.4');
    assert.equal(before44?.status === 'failed' && before44.reason.code, 'privateTier.noPrivateTargets');

    // 4.4: a server in each private subnet, no public address, behind Test-ELB; the public ones are noted.
    const outcome44 = await runStep('4.4', {}, ctx);
    passed(outcome44);
    assert.deepEqual(
      outcome44.check.status === 'passed' && outcome44.check.notes?.map((n) => `${n.code} ${n.args.name}`).sort(),
      ['note.publicTargetRemains Test-EC2#1', 'note.publicTargetRemains Test-EC2#2'],
    );
    inv = await ctx.inventory();
    const privates = inv.instances.filter((i) => i.name?.startsWith('private-web-'));
    assert.deepEqual(privates.map((i) => `${i.name} ${i.az}`).sort(), [
      'private-web-1a ap-northeast-1a',
      'private-web-1c ap-northeast-1c',
    ]);
    for (const i of privates) {
      assert.equal(i.publicIp, undefined, `${i.name} has no public address`);
      assert.match(inv.subnets.find((s) => s.id === i.subnetId)?.name ?? '', /^プライベートサブネット-1[ac]$/);
    }
    // Through the load balancer the private servers answer; nobody outside can address them.
    const tally = await observe(inv, ctx.web, undefined, undefined, 'testVpc');
    const served = new Set(tally.get(`${lb.dnsName}/`)?.samples?.map((x) => x.servedBy));
    assert.ok(
      privates.every((i) => served.has(i.id)),
      JSON.stringify([...served]),
    );
    const again = await runStep('4.4', {}, ctx);
    assert.deepEqual(again.created, [], 'a rerun launches nothing');
    // WebServer of the default VPC was neither used nor changed.
    const still = inv.instances.find((i) => i.id === seeded.id);
    assert.equal(still?.state, 'running');
    assert.ok(!lb.zones.some((z) => z.subnetId === seeded.subnetId));
    // Every server behind Test-ELB came from the set-up server's AMI: WordPress through the load balancer is set up.
    const still23 = await checkOnlyNow('2.3');
    assert.equal(still23.status, 'passed', JSON.stringify(still23));

    async function checkOnlyNow(id: '2.3') {
      const now = await ctx.inventory();
      return checkStep(id, {
        inventory: now,
        observations: await observe(now, ctx.web, undefined, undefined, 'testVpc'),
        layout: 'testVpc',
      });
    }
  });

  it('4.3 by hand in a private subnet: the check says why (an instance cannot change subnets)', async () => {
    const ctx = { ...lab.context(), layout: 'testVpc' as const };
    await runStep('4.1', {}, ctx);
    const inv = await ctx.inventory();
    const privateA = inv.subnets.find((s) => s.name === 'プライベートサブネット-1a');
    const image = (
      await lab.clients.ec2.send(
        new RunInstancesCommand({
          ImageId: inv.instances.find((i) => i.name === 'WebServer')?.imageId,
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: privateA?.id,
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'Test-EC2#1' }] }],
        }),
      )
    ).Instances?.[0];
    assert.ok(image?.InstanceId);
    const r = checkStep('4.3', { inventory: await ctx.inventory(), observations: new Map(), layout: 'testVpc' });
    assert.equal(r.status === 'failed' && r.reason.code, 'webTier.privateSubnet', JSON.stringify(r));
    assert.equal(r.status === 'failed' && r.reason.args.subnet, 'プライベートサブネット-1a');
  });
});
