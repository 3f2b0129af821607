// Two students of a class in one practice account, each doing tracks 0 and 1 with their own user number: every
// name carries it, everything made is tagged with it, each one's checks judge only their own lab (a broken
// neighbour fails only for the neighbour), and one's cleanup deletes only theirs.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { listKeyPairs } from '../../../src/aws/actions/cleanupActions';
import { fetchInventory } from '../../../src/aws/inventory';
import { STUDENT_TAG } from '../../../src/aws/student';
import { checkAll } from '../../../src/lab/checks/checks';
import { planCleanup, runCleanup } from '../../../src/lab/cleanup/plan';
import { observe } from '../../../src/lab/observe';
import { runTrack } from '../../../src/lab/run/runner';
import { isLabTagged } from '../../../src/lab/types';
import { PRACTICE_REGION } from '../../../src/practice/core/constants';
import { createWebProbe } from '../../../src/aws/web';
import { editClonePage, startLab, withoutWebServer, type LabHarness } from '../../fixtures/labPractice';

const STUDENTS = ['user05', 'user06'] as const;

describe('a class of two in one account', () => {
  let lab: LabHarness;
  before(async () => {
    lab = await startLab();
    await withoutWebServer(lab);
    for (const student of STUDENTS) {
      for (const track of ['0', '1'] as const) {
        const outcomes = await runTrack(track, lab.context(undefined, student), {
          editClonePage: async (id) => editClonePage(lab, id),
        });
        for (const o of outcomes)
          assert.equal(o.check.status, 'passed', `${student} ${o.step}: ${JSON.stringify(o.check)}`);
      }
    }
  });
  after(() => lab.close());

  const world = () => lab.server.world.region(PRACTICE_REGION);
  const checks = async (student: string) => {
    const inventory = await fetchInventory(lab.clients, { student });
    const observations = await observe(inventory, createWebProbe(lab.clients.account, { timeoutMs: 600 }));
    return checkAll({ inventory, observations }, ['0', '1']);
  };

  it('names everything with the student’s number and tags it for them', () => {
    const live = world().instances.filter((i) => i.state === 'running');
    assert.deepEqual(live.map((i) => i.tags.Name).sort(), [
      'WebServer-user05',
      'WebServer-user06',
      'WebServer2-user05',
      'WebServer2-user06',
    ]);
    assert.deepEqual(
      world()
        .loadBalancers.map((l) => l.name)
        .sort(),
      ['LoadBalancer-user05', 'LoadBalancer-user06'],
    );
    assert.deepEqual(
      world()
        .keyPairs.map((k) => k.name)
        .sort(),
      ['ec2-key-user05', 'ec2-key-user06'],
    );
    for (const i of live) assert.equal(i.tags[STUDENT_TAG], i.tags.Name?.slice(-6), i.tags.Name);
    for (const g of world().securityGroups.filter((s) => isLabTagged(s.tags)))
      assert.ok(STUDENTS.includes(g.tags[STUDENT_TAG] as (typeof STUDENTS)[number]), g.name);
  });

  it('judges each student on their own lab: a neighbour’s broken web group fails only for the neighbour', async () => {
    for (const student of STUDENTS)
      for (const r of await checks(student))
        assert.equal(r.status, 'passed', `${student} ${r.step}: ${JSON.stringify(r)}`);
    // user06's web group stops admitting its load balancer: their targets go unhealthy.
    const web06 = world().securityGroups.find((g) => g.name === 'launch-wizard-1-user06');
    const http = web06?.inbound.filter((p) => p.fromPort === 80) ?? [];
    assert.ok(web06 && http.length > 0, 'user06 has a web group with an HTTP rule');
    await lab.clients.ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: web06.id,
        IpPermissions: http.map((p) => ({
          IpProtocol: p.protocol,
          FromPort: 80,
          ToPort: 80,
          IpRanges: p.ipv4.map((r) => ({ CidrIp: r.cidr })),
          Ipv6Ranges: p.ipv6.map((r) => ({ CidrIpv6: r.cidr })),
          UserIdGroupPairs: p.groups.map((g) => ({ GroupId: g.groupId })),
        })),
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const of06 = await checks('user06');
    assert.notEqual(
      of06.find((r) => r.step === '1.7')?.status,
      'passed',
      JSON.stringify(of06.find((r) => r.step === '1.7')),
    );
    for (const r of await checks('user05')) assert.equal(r.status, 'passed', `user05 ${r.step}: ${JSON.stringify(r)}`);
  });

  it('cleans up one student’s lab and leaves the other’s as it was', async () => {
    const ctx = lab.context(undefined, 'user05');
    const view = await ctx.inventory();
    const keyPairs = await listKeyPairs({ clients: lab.clients, signal: ctx.signal });
    const plan = planCleanup(view, { keyPairs });
    assert.ok(plan.items.length > 0);
    for (const item of plan.items) assert.ok(!`${item.name ?? ''}`.includes('user06'), `${item.kind} ${item.name}`);
    const result = await runCleanup(plan, {
      clients: lab.clients,
      inventory: () => ctx.inventory(),
      signal: ctx.signal,
      progress: () => undefined,
    });
    assert.ok(result);
    const running = world()
      .instances.filter((i) => i.state === 'running')
      .map((i) => i.tags.Name)
      .sort();
    assert.deepEqual(running, ['WebServer-user06', 'WebServer2-user06']);
    assert.deepEqual(
      world().loadBalancers.map((l) => l.name),
      ['LoadBalancer-user06'],
    );
    assert.deepEqual(
      world().keyPairs.map((k) => k.name),
      ['ec2-key-user06'],
    );
  });
});
