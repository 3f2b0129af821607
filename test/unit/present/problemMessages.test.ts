// What a student reads for each kind of AWS problem, and the action offered with it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AwsProblem } from '../../../src/aws/errors';
import { consoleHost, consoleUrl } from '../../../src/aws/consoleUrl';
import { problemMessage } from '../../../src/present/problemMessages';
import type { Translate } from '../../../src/present/translate';
import { repoRoot } from '../../fixtures/repo';

const en: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const jaBundle = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
const ja: Translate = (message, ...args) => en(jaBundle[message] ?? message, ...args);

describe('problemMessage', () => {
  it('says what to do for each kind, in English', () => {
    const cases: Array<[AwsProblem, RegExp, string | undefined]> = [
      [
        { kind: 'noCredentials' },
        /^No AWS credentials found\. Sign in with the AWS CLI or choose the practice account\.$/,
        'chooseAccount',
      ],
      [{ kind: 'profileNotFound', profile: 'lab' }, /Profile "lab" is not in ~\/\.aws\/config/, 'chooseAccount'],
      [{ kind: 'credentialsExpired', profile: 'lab' }, /credentials of profile "lab" have expired/, 'chooseAccount'],
      [
        { kind: 'credentialsInvalid', profile: 'lab', code: 'InvalidClientTokenId' },
        /rejected the credentials of profile "lab" \(InvalidClientTokenId\)/,
        'chooseAccount',
      ],
      [
        { kind: 'accessDenied', action: 'ec2:DescribeInstances' },
        /do not allow ec2:DescribeInstances\. Ask your administrator/,
        undefined,
      ],
      [
        { kind: 'throttled', action: 'ec2:DescribeInstances' },
        /limiting the request rate \(ec2:DescribeInstances\)/,
        'refresh',
      ],
      [
        { kind: 'network', endpoint: 'http://127.0.0.1:9', code: 'ECONNREFUSED' },
        /Cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/,
        'refresh',
      ],
      [{ kind: 'network', code: 'ENOTFOUND' }, /Cannot reach AWS \(ENOTFOUND\)/, 'refresh'],
      [{ kind: 'notFound', resource: 'i-0abc', code: 'InvalidInstanceID.NotFound' }, /i-0abc was not found/, 'refresh'],
      [
        { kind: 'unsupported', action: 'ec2:DescribeFleets', code: 'InvalidAction' },
        /does not support ec2:DescribeFleets \(InvalidAction\)/,
        undefined,
      ],
      [
        { kind: 'service', action: 'rds:DescribeDBInstances', code: 'InternalFailure', status: 500 },
        /rds:DescribeDBInstances failed: InternalFailure/,
        'refresh',
      ],
    ];
    for (const [problem, pattern, action] of cases) {
      const m = problemMessage(problem, en);
      assert.match(m.message, pattern, problem.kind);
      assert.equal(m.action?.kind, action, problem.kind);
    }
  });

  it('words an answer that is not AWS (a web page, HTTP 500 without an AWS error) as such, not "Cannot reach X (NotAws)"', () => {
    const cases: Array<[AwsProblem, RegExp, RegExp]> = [
      [
        { kind: 'network', endpoint: 'http://127.0.0.1:8080', code: 'NotAws', status: 200 },
        /^http:\/\/127\.0\.0\.1:8080 answered, but not as AWS answers \(a web page or a proxy instead\)\. Check the endpoint URL setting, then refresh\.$/,
        /^http:\/\/127\.0\.0\.1:8080 は応答しましたが、AWS の応答ではありません/,
      ],
      [
        { kind: 'network', code: 'NotAws', status: 200 },
        /^The answer did not come from AWS .*captive portal/,
        /^AWS からの応答ではありません.*キャプティブポータル/,
      ],
      [
        { kind: 'network', endpoint: 'http://127.0.0.1:8080', code: 'HTTP 500', status: 500 },
        /^http:\/\/127\.0\.0\.1:8080 answered HTTP 500 without an AWS error: the endpoint URL may be wrong/,
        /^http:\/\/127\.0\.0\.1:8080 は AWS のエラーではなく HTTP 500 を返しました。/,
      ],
      [
        { kind: 'network', code: 'HTTP 502', status: 502 },
        /^The connection to AWS answered HTTP 502 without an AWS error: a proxy/,
        /^AWS への接続が AWS のエラーではなく HTTP 502 を返しました。/,
      ],
    ];
    for (const [problem, english, japanese] of cases) {
      const m = problemMessage(problem, en);
      assert.match(m.message, english);
      assert.doesNotMatch(m.message, /Cannot reach|NotAws|\(HTTP \d+\)/);
      assert.equal(m.action?.kind, 'refresh');
      assert.match(problemMessage(problem, ja).message, japanese);
    }
  });

  it('gives the exact aws sso login command for an expired SSO sign-in', () => {
    const m = problemMessage(
      { kind: 'credentialsExpired', profile: 'lab', ssoLogin: 'aws sso login --profile lab' },
      en,
    );
    assert.equal(m.message, 'Your AWS sign-in for profile "lab" has expired. Run: aws sso login --profile lab');
    assert.equal(m.commandLine, 'aws sso login --profile lab');
    assert.deepEqual(m.action, { kind: 'ssoLogin', profile: 'lab' });
  });

  it('is complete in Japanese, keeping the command verbatim', () => {
    const m = problemMessage(
      { kind: 'credentialsExpired', profile: 'lab', ssoLogin: 'aws sso login --profile lab' },
      ja,
    );
    assert.equal(
      m.message,
      'プロファイル「lab」の AWS サインインの有効期限が切れました。次のコマンドを実行してください：aws sso login --profile lab',
    );
    assert.match(
      problemMessage({ kind: 'accessDenied', action: 'ec2:DescribeInstances' }, ja).message,
      /ec2:DescribeInstances が許可されていません/,
    );
  });
});

describe('consoleUrl', () => {
  it('opens the details page of each resource type in its region', () => {
    const r = 'ap-northeast-1';
    assert.equal(
      consoleUrl({ type: 'instance', id: 'i-0abc', region: r }),
      'https://ap-northeast-1.console.aws.amazon.com/ec2/home?region=ap-northeast-1#InstanceDetails:instanceId=i-0abc',
    );
    assert.equal(
      consoleUrl({ type: 'subnet', id: 'subnet-1', region: r }),
      'https://ap-northeast-1.console.aws.amazon.com/vpcconsole/home?region=ap-northeast-1#SubnetDetails:subnetId=subnet-1',
    );
    const arn = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/LoadBalancer/50dc';
    assert.equal(
      consoleUrl({ type: 'loadBalancer', id: 'LoadBalancer', arn, region: r }),
      `https://ap-northeast-1.console.aws.amazon.com/ec2/home?region=ap-northeast-1#LoadBalancer:loadBalancerArn=${encodeURIComponent(arn)}`,
    );
    assert.equal(
      consoleUrl({ type: 'dbCluster', id: 'aurora-1', region: r }),
      'https://ap-northeast-1.console.aws.amazon.com/rds/home?region=ap-northeast-1#database:id=aurora-1;is-cluster=true',
    );
  });

  it('uses the partition’s console for China and GovCloud', () => {
    assert.equal(consoleHost('cn-north-1'), 'console.amazonaws.cn');
    assert.equal(consoleHost('us-gov-west-1'), 'console.amazonaws-us-gov.com');
    assert.equal(consoleHost('us-east-1'), 'us-east-1.console.aws.amazon.com');
  });
});
