// `scale-out-lab run 1.2 / 1.3 --layout seed001` against the practice account, through main() as the bin runs it:
// the plan says what the run does besides its options (WebServer stopped first, both servers launched from the
// AMI), in English and in Japanese, and the runs do it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from '../../fixtures/cliIo';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-cli-seed001-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('run 1.2 and 1.3 under seed 001: WebServer stopped first, image1server and image2server from its AMI', async () => {
  const state = join(dir, 'seed001.json');
  const account = ['--practice', '--speed', 'instant', '--state', state, '--layout', 'seed001'];

  const image = captureCli({ HOME: dir });
  assert.equal(await main(['run', '1.2', '--yes', ...account], image.io), 0, image.err());
  assert.match(image.err(), /Create the AMI from: The instance WebServer directly/);
  assert.doesNotMatch(image.err(), /Reboot WebServer/, 'a stopped WebServer is not rebooted: not asked');
  assert.match(
    image.err(),
    / {2}→ Stops WebServer first and waits until it is stopped \(handout 001, ①\), then makes the AMI AMI of CPS Research Center from it\.\n/,
  );
  assert.ok(
    image.err().indexOf('Stopping WebServer before its AMI is made') < image.err().indexOf('Creating AMI'),
    image.err(),
  );
  assert.match(image.out(), /✓ 1\.2 /);
  assert.match(image.err(), /Waiting for WebServer to be stopped/);

  const launch = captureCli({ HOME: dir, LANG: 'ja_JP.UTF-8' });
  assert.equal(await main(['run', '1.3', '--yes', ...account], launch.io), 0, launch.err());
  assert.match(launch.err(), /1 台目のサーバーの名前（1号機）: image1server/);
  assert.match(launch.err(), /2 台目のサーバーのアベイラビリティーゾーン: ap-northeast-1d/);
  assert.match(
    launch.err(),
    / {2}→ AMI AMI of CPS Research Center から image1server を ap-northeast-1a に、image2server を ap-northeast-1d に起動します。インスタンスタイプ、セキュリティグループ、キーペアは WebServer と同じです。WebServer は停止したままです。\n/,
  );
  assert.match(launch.err(), /ap-northeast-1a に image1server を起動しています/);
  assert.match(launch.err(), /ap-northeast-1d に image2server を起動しています/);
  assert.match(launch.out(), /✓ 1\.3 /);

  // Both there: 1.3 again launches nothing and previews nothing.
  const again = captureCli({ HOME: dir });
  assert.equal(await main(['run', '1.3', '--yes', ...account], again.io), 0, again.err());
  assert.doesNotMatch(again.err(), /→|Launching/);
});
