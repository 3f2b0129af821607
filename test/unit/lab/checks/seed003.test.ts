// Seed 003's handout as the checks judge it: the steps it has (no track 0, no Elastic IPs, no edit or tally, no
// stopped server, Aurora instead of RDS MySQL, no track 3 or 4.4), its sample app as the web servers' page (any
// app's HTML but a server's default page, and only in its layout), judged through the ALB once 1.9 closed the
// servers, and a web group that shuts the ALB out failing the load balancer's steps, not the servers'.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../../src/aws/types';
import { checkStep } from '../../../../src/lab/checks/checks';
import { pageVariant, servesLabPage } from '../../../../src/lab/roles';
import { isSampleAppPage } from '../../../../src/lab/sampleApp';
import { handoutStep, inHandout, labSteps, stepsOfTrack } from '../../../../src/lab/tracks';
import type { CheckResult, Observations, PageSample } from '../../../../src/lab/types';
import { reasonText } from '../../../../src/present/lab/reasons';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { sampleAppPage } from '../../../../src/practice/seed/classMachines';
import { SUBNETS, testVpcInventory } from '../../../fixtures/explorerTestVpc';
import { CLONE_IP, DNS, WEB_IP, finishedLab, observation, withGroup } from '../../../fixtures/labWorld';

const en = bundleTranslator(undefined);
const ja = bundleTranslator(loadBundle('ja'));
const APP = sampleAppPage('user05');
const NGINX =
  '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>';
const IP = '18.176.0.10';
const ids = (steps: readonly { id: string }[]) => steps.map((s) => s.id);
const statusOf = (r: CheckResult) => (r.status === 'passed' ? 'passed' : `${r.status} ${r.reason.code}`);

describe("seed 003's steps", () => {
  it('tracks 1, 2 and 4 as the handout has them; the other handouts keep theirs', () => {
    assert.deepEqual(ids(labSteps('seed003')), [
      '1.1',
      '1.2',
      '1.3',
      '1.6',
      '1.7',
      '1.9',
      '2.1',
      '2.6',
      '2.7',
      '4.1',
      '4.2',
      '4.3',
    ]);
    assert.deepEqual(ids(stepsOfTrack('0', 'seed003')), []);
    assert.deepEqual(ids(stepsOfTrack('3', 'seed003')), []);
    for (const id of ['0.1', '0.2', '1.4', '1.5', '1.8', '1.10', '2.2', '2.3', '2.4', '2.5', '4.4'] as const)
      assert.equal(inHandout(id, 'seed003'), false, id);
    assert.equal(labSteps('defaultVpc').length, 28);
    assert.equal(labSteps('seed001').length, 28);
    assert.deepEqual(
      ids(labSteps('testVpc')).filter((id) => !ids(labSteps('defaultVpc')).includes(id)),
      [],
    );
    assert.equal(labSteps('testVpc').length, 26);
  });

  it('what waits for the web server waits for 4.3 there (0.1 elsewhere)', () => {
    assert.equal(handoutStep('0.1', 'seed003'), '4.3');
    assert.equal(handoutStep('0.1', 'testVpc'), '0.1');
    assert.equal(handoutStep('1.2', 'seed003'), '1.2');
    const none = { ...testVpcInventory(), instances: [] };
    const snapshot = checkStep('1.1', { inventory: none, observations: new Map(), layout: 'seed003' });
    assert.equal(snapshot.status === 'waiting' && snapshot.on, '4.3');
    const other = checkStep('1.1', { inventory: none, observations: new Map(), layout: 'testVpc' });
    assert.equal(other.status === 'waiting' && other.on, '0.1');
  });
});

describe("seed 003's sample app is the web servers' page", () => {
  it('any HTML page but a web server’s default one; never plain text; the CPS page and WordPress as before', () => {
    assert.equal(pageVariant(APP), 'sampleApp');
    assert.equal(pageVariant('<html><body><form action="/login">Todo list</form></body></html>'), 'sampleApp');
    assert.equal(pageVariant(NGINX), 'other');
    assert.equal(pageVariant('<html><body><h1>It works!</h1></body></html>'), 'other');
    assert.equal(pageVariant('{"ok":true}'), 'other');
    assert.equal(isSampleAppPage('hello'), false);
    assert.equal(pageVariant('<html><body><h2>私たちのビジョン</h2></body></html>'), 'vision');
    assert.equal(pageVariant('', 'http://10.0.0.5/wp-admin/setup-config.php'), 'wordpress');
  });

  it('is the lab’s page in seed 003’s layout only', () => {
    assert.equal(servesLabPage('sampleApp', 'seed003'), true);
    for (const layout of ['defaultVpc', 'testVpc', 'seed001', undefined] as const)
      assert.equal(servesLabPage('sampleApp', layout), false, String(layout));
    assert.equal(servesLabPage('vision', 'seed003'), true);
    assert.equal(servesLabPage('other', 'seed003'), false);
  });

  const direct = (body: string): Observations => new Map([observation(IP, '/', { status: 200, body })]);
  const webTier = (layout: 'seed003' | 'testVpc', observations: Observations) =>
    checkStep('4.3', { inventory: testVpcInventory(), observations, layout });

  it('4.3 passes on it in seed 003, fails it as the wrong page elsewhere', () => {
    assert.equal(statusOf(webTier('seed003', direct(APP))), 'passed');
    assert.equal(statusOf(webTier('testVpc', direct(APP))), 'failed page.wrong');
  });

  it("4.3 on a web server's default page: no app installed, in both languages", () => {
    const r = webTier('seed003', direct(NGINX));
    assert.equal(statusOf(r), 'failed page.noApp');
    if (r.status !== 'failed') return;
    assert.match(reasonText(r.reason, en), /not with an app's page .*the sample app is not installed/);
    assert.match(reasonText(r.reason, ja), /サンプルアプリがインストールされていません/);
  });

  it('4.3 of a stopped server says it is stopped, with the start fix (not that it has no address)', () => {
    const inv = testVpcInventory();
    const stopped: Inventory = {
      ...inv,
      instances: inv.instances.map((i) =>
        i.name === 'Test-EC2#1' ? { ...i, state: 'stopped', publicIp: undefined } : i,
      ),
    };
    const r = checkStep('4.3', { inventory: stopped, observations: new Map(), layout: 'seed003' });
    assert.equal(statusOf(r), 'failed webServer.notRunning');
    assert.equal(r.status === 'failed' && r.fixes[0]?.code, 'startInstance');
    assert.ok(SUBNETS.public1a);
  });
});

/** The finished lab of the fixtures in a VPC of its own, as seed 003 builds it (Step-1's vpc-userXX). */
function ownVpc(inv: Inventory): Inventory {
  return { ...inv, vpcs: inv.vpcs.map((v) => ({ ...v, isDefault: false, name: 'Test-VPC' })) };
}

describe('after 1.9, judged through the load balancer', () => {
  // The finished lab: both servers time out directly (only the ALB's group may reach them).
  const viaAlb = (samples: PageSample[]): Observations =>
    new Map([
      observation(WEB_IP, '/', { error: 'timeout' }),
      observation(CLONE_IP, '/', { error: 'timeout' }),
      observation(DNS, '/', { status: samples[0]?.status ?? 0, body: APP, samples }),
    ]);
  const app = (servedBy?: string): PageSample => ({
    status: 200,
    variant: 'sampleApp',
    ...(servedBy ? { servedBy } : {}),
  });

  it("the app's answers from the ALB: by the server that answered, or any of them on AWS (no X-Served-By)", () => {
    const check = (observations: Observations) =>
      checkStep('1.3', { inventory: ownVpc(finishedLab()), observations, layout: 'seed003' });
    assert.equal(statusOf(check(viaAlb([app('i-0web'), app('i-0clone')]))), 'passed');
    // 4.3's page through the ALB (the web server's page, as 0.1 judges it elsewhere).
    const page = (layout: 'seed003' | 'testVpc', samples: PageSample[]) =>
      checkStep('4.3', { inventory: ownVpc(finishedLab()), observations: viaAlb(samples), layout });
    assert.equal(statusOf(page('seed003', [app('i-0web'), app('i-0clone')])), 'passed');
    assert.equal(statusOf(page('seed003', [app(), app()])), 'passed');
    assert.equal(statusOf(page('testVpc', [app('i-0web')])), 'failed page.unreachable');
  });

  it('a web group admitting neither the internet nor the ALB: 1.3 and 4.3 pass with a note naming it, 1.9 fails', () => {
    // seed 003's wrongGroup: HTTP from another group (the VPC's default) instead of the ALB's.
    const inv = withGroup(ownVpc(finishedLab()), 'sg-web', {
      inbound: [
        { protocol: 'tcp', fromPort: 80, toPort: 80, source: { kind: 'group', groupId: 'sg-default' } },
        { protocol: 'tcp', fromPort: 22, toPort: 22, source: { kind: 'cidr', cidr: '203.0.113.25/32' } },
      ],
    });
    const silent = new Map([
      observation(WEB_IP, '/', { error: 'timeout' }),
      observation(CLONE_IP, '/', { error: 'timeout' }),
      observation(DNS, '/', { status: 504, samples: [{ status: 504, variant: 'other' }] }),
    ]);
    const clone = checkStep('1.3', { inventory: inv, observations: silent, layout: 'seed003' });
    assert.equal(statusOf(clone), 'passed');
    const note = clone.status === 'passed' ? clone.notes?.[0] : undefined;
    assert.equal(note?.code, 'note.shutOutOfBalancer');
    assert.equal(note?.args.groupName, 'launch-wizard-1');
    assert.equal(note?.args.loadBalancer, 'LoadBalancer');
    assert.match(reasonText(note!, en), /admits HTTP 80 neither from the internet nor from the load balancer/);
    assert.match(reasonText(note!, ja), /ステップ 1\.7/);
    // 4.3 too; and the same 1.3 in the other handouts: the group is the web tier's, what it admits the load
    // balancer's steps'.
    const web = checkStep('4.3', { inventory: inv, observations: silent, layout: 'seed003' });
    assert.equal(web.status === 'passed' && web.notes?.[0]?.code, 'note.shutOutOfBalancer');
    const elsewhere = withGroup(finishedLab(), 'sg-web', {
      inbound: inv.securityGroups.find((g) => g.id === 'sg-web')!.inbound,
    });
    assert.equal(statusOf(checkStep('1.3', { inventory: elsewhere, observations: silent })), 'passed');
    // 1.9 says the load balancer is not admitted (1.6 and 1.7 from the targets' health, which AWS then shows).
    assert.equal(
      statusOf(checkStep('1.9', { inventory: inv, observations: silent, layout: 'seed003' })),
      'failed secure.albNotAdmitted',
    );
  });
});
