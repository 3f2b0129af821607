// WebServer2 made the console's way: from the stock AMI, without a key pair, with groups that admit no HTTP or
// SSH, unhealthy behind the load balancer; and the lab's AMI and WebServer2's absence, said one way everywhere.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkAll } from '../../../../src/lab/checks/checks';
import { mapImage } from '../../../../src/aws/inventory/compute';
import { cloneMissing } from '../../../../src/lab/run/plan';
import { findRoles } from '../../../../src/lab/roles';
import { reasonText } from '../../../../src/present/lab/reasons';
import { type StepId } from '../../../../src/lab/types';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import {
  ELB_SG,
  LW1,
  LW2,
  STUDENT_IP,
  WS2_IP,
  WS_IP,
  albAnswers,
  anywhere,
  at,
  consoleLab,
  directPage,
  fromGroup,
  openPages,
  tgWeb,
  webServer,
  webServer2,
  withInstance,
  withProblem,
  withRules,
  withTargets,
} from '../../../fixtures/labConsoleWorld';
import { PAGE } from '../../../fixtures/labWorld';
import { codesOf, en, expectSteps, failedOf, step, summary } from '../../../fixtures/labScenarios';

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
