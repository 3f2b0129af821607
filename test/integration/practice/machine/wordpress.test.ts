// Seed 004's WordPress over the practice web, real clients only: Test-EC2#1 launched through the real EC2Client with
// the handout's user data (yum php httpd, the buggy PHP_VERSION loop, wget/tar/cp/chown of latest-ja.tar.gz),
// test-rds-1 created through the real RDSClient behind db-sg, the test ALB in front (health check blank.gif); then a
// browser's requests over HTTP: the redirect to setup-config.php, the form POSTed, install.php, the site from the
// database through the ALB, and with db-sg closed the error page directly and the ALB's 504.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  RevokeSecurityGroupIngressCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import { wordPressPage } from '../../../../src/lab/checks/database';
import {
  WORDPRESS_INSTALL,
  WORDPRESS_SETUP,
  browse as browseAt,
  buildDatabaseTier,
  launchWordPressServer,
  putBehindAlb,
} from '../../../fixtures/wordPressSite';
import { WAIT, ec2Practice } from '../ec2/ec2Practice';
import { named } from '../ec2/testVpc';
import { PUBLIC_1C } from './testVpcWeb';

const practice = ec2Practice();

/** A browser's request to the practice web: the page's host in the Host header, a form as urlencoded. */
const browse = (host: string, path: string, form?: Record<string, string>, cookie?: string) =>
  browseAt(practice.server.endpoint, host, path, form, cookie);

test("seed 004: WordPress's setup and install through the ALB, the site from RDS, the database error and the 504", async () => {
  const tier = await buildDatabaseTier(practice, WAIT);
  const { endpoint, dbSg } = tier;
  assert.match(endpoint, /^test-rds-1\..+\.rds\.amazonaws\.com$/);
  const id = await launchWordPressServer(practice, tier, WAIT);
  const publicIp = (await practice.describe(id)).PublicIpAddress ?? '';
  assert.ok(publicIp, 'the public subnet assigns a public IPv4');
  const { alb } = await putBehindAlb(practice, tier, id, WAIT);

  const gif = await browse(alb, '/wp-includes/images/blank.gif');
  assert.equal(gif.status, 200);
  assert.equal(gif.headers['content-type'], 'image/gif');
  const first = await browse(alb, '/');
  assert.equal(first.status, 302);
  assert.equal(first.headers.location, `http://${alb}/wp-admin/setup-config.php`);
  const welcome = await browse(alb, '/wp-admin/setup-config.php');
  assert.match(welcome.body, /さあ、始めましょう！/);
  const form = WORDPRESS_SETUP(endpoint);
  const wrong = await browse(alb, '/wp-admin/setup-config.php?step=2', { ...form, pwd: 'nope' });
  assert.equal(wrong.status, 500);
  assert.equal(wordPressPage(wrong.body), 'dbError');
  const written = await browse(alb, '/wp-admin/setup-config.php?step=2', form);
  assert.match(written.body, /インストール実行/);
  assert.match(practice.record(id).files['/var/www/html/wp-config.php']?.content ?? '', new RegExp(endpoint));
  const install = WORDPRESS_INSTALL;

  assert.match((await browse(alb, '/wp-admin/install.php?step=2', install)).body, /成功しました/);
  const site = await browse(alb, '/');
  assert.equal(site.status, 200);
  assert.equal(site.headers['x-served-by'], id);
  assert.equal(wordPressPage(site.body), 'site');
  assert.match(site.body, /はじめてのAWS[\s\S]*Hello world!/);
  const direct = await browse(publicIp, '/');
  assert.match(direct.body, /Hello world!/, 'the instance itself serves the same site');
  const login = await browse(alb, '/wp-login.php', { log: 'admin', pwd: 'wp-pass-1' });
  assert.equal(login.status, 302);
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  assert.match((await browse(alb, '/wp-admin/', undefined, cookie)).body, /WordPress へようこそ/);

  // Test-AMI-WordPress carries WordPress and its wp-config.php: a clone serves the same site from the same database.
  const image = await practice.aws.ec2.send(new CreateImageCommand({ InstanceId: id, Name: 'Test-AMI-WordPress' }));
  await waitUntilImageAvailable({ client: practice.aws.ec2, ...WAIT }, { ImageIds: [image.ImageId ?? ''] });
  const clone = await practice.launch({
    ImageId: image.ImageId ?? '',
    TagSpecifications: named('instance', 'Test-EC2#2'),
    NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: tier.subnets[PUBLIC_1C], Groups: [tier.webSg] }],
  });
  await waitUntilInstanceRunning({ client: practice.aws.ec2, ...WAIT }, { InstanceIds: [clone.InstanceId ?? ''] });
  const cloneIp = (await practice.describe(clone.InstanceId)).PublicIpAddress ?? '';
  const cloned = await browse(cloneIp, '/');
  assert.equal(cloned.headers['x-served-by'], clone.InstanceId);
  assert.match(cloned.body, /はじめてのAWS[\s\S]*Hello world!/);

  // db-sg no longer admits web-sg: the connection hangs; directly PHP gives up (500), the ALB answers 504 first.
  await practice.aws.ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId: dbSg,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: tier.webSg }] }],
    }),
  );
  const down = await browse(publicIp, '/');
  assert.equal(down.status, 500);
  assert.equal(wordPressPage(down.body), 'dbError');
  const timedOut = await browse(alb, '/');
  assert.equal(timedOut.status, 504);
  assert.match(timedOut.body, /504 Gateway Time-out/);
});
