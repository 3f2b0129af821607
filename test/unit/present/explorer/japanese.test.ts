// The explorer in Japanese: the console's terms, through the shipped l10n bundle.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { at, inventory, ja, loaded } from '../../../fixtures/explorerWorld';

describe('explorer tree: Japanese', () => {
  it('uses the console’s Japanese terms', () => {
    const roots = loaded(inventory(), ja);
    const web = at(
      roots,
      '練習用アカウント · ap-northeast-1',
      'ネットワーク',
      'vpc-0a1b2c3d',
      'ap-northeast-1a',
      'subnet-0aaa',
      'WebServer',
    );
    assert.equal(web.description, '実行中 · t2.micro · 13.112.0.10（Elastic IP）');
    const [account] = roots;
    assert.deepEqual(
      account?.children.map((c) => c.label),
      [
        'ネットワーク',
        'ロードバランシング',
        'データベース',
        'AMI とスナップショット',
        'Elastic IP',
        'セキュリティグループ',
      ],
    );
    const rules = at(
      roots,
      '練習用アカウント · ap-northeast-1',
      'セキュリティグループ',
      'launch-wizard-1',
    ).children.map((c) => c.label);
    assert.equal(rules[0], 'すべてのアドレス（0.0.0.0/0） からの HTTP (80) を許可');
    const target = at(
      roots,
      '練習用アカウント · ap-northeast-1',
      'ロードバランシング',
      'LoadBalancer',
      'HTTP:80 → WebServers',
      'WebServers',
      'WebServer2',
    );
    assert.equal(target.description, '異常 · Target.Timeout · ap-northeast-1d');
  });
});
