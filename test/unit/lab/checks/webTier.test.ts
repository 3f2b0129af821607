// 4.3 over seed 004's Test-VPC made by hand: Test-EC2#1 in パブリックサブネット-1a with a public address passes from
// its page; WebServer in the default VPC never stands in for it; each way it goes wrong says why.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Inventory } from '../../../../src/aws/types';
import { checkStep } from '../../../../src/lab/checks/checks';
import { findRoles } from '../../../../src/lab/roles';
import type { CheckResult, Observations } from '../../../../src/lab/types';
import { reasonText } from '../../../../src/present/lab/reasons';
import { bundleTranslator } from '../../../../src/present/l10n';
import { PAGE } from '../../../fixtures/labWorld';
import { SUBNETS, TEST_VPC, testVpcInventory } from '../../../fixtures/explorerTestVpc';

const en = bundleTranslator(undefined);
const IP = '18.176.0.10';
const page: Observations = new Map([[`${IP}/`, { host: IP, path: '/', status: 200, body: PAGE }]]);
const check = (inventory: Inventory, observations: Observations = page) =>
  checkStep('4.3', { inventory, observations, layout: 'testVpc' });
const failedOf = (r: CheckResult) => {
  assert.equal(r.status, 'failed', JSON.stringify(r));
  return r as Extract<CheckResult, { status: 'failed' }>;
};
const withWeb = (inv: Inventory, change: Record<string, unknown>): Inventory => ({
  ...inv,
  instances: inv.instances.map((i) => (i.name === 'Test-EC2#1' ? { ...i, ...change } : i)),
});

describe('4.3 the web tier inside Test-VPC', () => {
  it('passes on the hand-made Test-EC2#1 whose page answers, naming its VPC and subnet', () => {
    const r = check(testVpcInventory());
    assert.equal(r.status, 'passed', JSON.stringify(r));
    assert.equal(r.status === 'passed' && r.facts?.vpc, 'Test-VPC');
    assert.equal(r.status === 'passed' && r.facts?.subnet, 'パブリックサブネット-1a');
  });

  it('finds an unnamed server in a public subnet of Test-VPC, never WebServer of the default VPC', () => {
    const unnamed = withWeb(testVpcInventory(), { name: undefined, tags: {} });
    assert.equal(check(unnamed).status, 'passed');
    const none = { ...testVpcInventory(), instances: testVpcInventory().instances.filter((i) => i.vpcId !== TEST_VPC) };
    assert.ok(
      none.instances.some((i) => i.name === 'WebServer'),
      'the default VPC still has WebServer',
    );
    const r = failedOf(check(none));
    assert.equal(r.reason.code, 'webTier.missing');
    assert.match(reasonText(r.reason, en), /^There is no web server in Test-VPC yet\. Launch Test-EC2#1/);
  });

  it('in a private subnet: it cannot be reached, and an instance cannot change subnets', () => {
    const r = failedOf(check(withWeb(testVpcInventory(), { subnetId: SUBNETS.private1a })));
    assert.equal(r.reason.code, 'webTier.privateSubnet');
    assert.deepEqual(r.fixes, []);
  });

  it('without a public address: the fix gives it an Elastic IP', () => {
    const r = failedOf(check(withWeb(testVpcInventory(), { publicIp: undefined })));
    assert.equal(r.reason.code, 'webTier.noPublicIp');
    assert.equal(r.fixes[0]?.code, 'associateAddress');
  });

  it('its page not answering is judged as 0.1 judges it (here: not yet requested)', () => {
    const r = failedOf(check(testVpcInventory(), new Map()));
    assert.equal(r.step, '4.3');
    assert.equal(r.reason.code, 'observation.missing');
  });
});

describe('the Test-VPC layout judges the web tier inside Test-VPC only', () => {
  it('Test-EC2#1 is the web server; without it, WebServer of the default VPC does not stand in', () => {
    const inv = testVpcInventory();
    assert.equal(findRoles(inv, undefined, 'testVpc').webServer?.name, 'Test-EC2#1');
    assert.equal(findRoles(inv, undefined, 'defaultVpc').webServer?.name, 'WebServer');
    const without = { ...inv, instances: inv.instances.filter((i) => i.name !== 'Test-EC2#1') };
    assert.equal(findRoles(without, undefined, 'testVpc').webServer, undefined);
    const snapshot = checkStep('1.1', { inventory: without, observations: new Map(), layout: 'testVpc' });
    assert.equal(snapshot.status === 'waiting' && snapshot.on, '0.1');
  });
});
