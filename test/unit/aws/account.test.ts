// Account resolution against real shared config files written to a temp directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listProfiles, resolveAccount } from '../../../src/aws/account';
import { AwsError, toAwsProblem } from '../../../src/aws/errors';
import { errorContext } from '../../../src/aws/clients';

let dir: string;
let home: string;
const practiceAt = async () => 'http://127.0.0.1:9999';
const neverPractice = async (): Promise<string> => {
  throw new Error('the practice server should not be started');
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sol-account-'));
  home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(dir, 'config'),
    [
      '[profile lab]',
      'region = eu-west-1',
      '',
      '[profile sso-dev]',
      'sso_session = school',
      'sso_account_id = 111122223333',
      'sso_role_name = Student',
      'region = ap-northeast-3',
      '',
      '[profile sso-legacy]',
      'sso_start_url = https://school.awsapps.com/start',
      'sso_region = ap-northeast-1',
      'sso_account_id = 111122223333',
      'sso_role_name = Student',
      '',
      '[sso-session school]',
      'sso_start_url = https://school.awsapps.com/start',
      'sso_region = ap-northeast-1',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'credentials'),
    ['[lab]', 'aws_access_key_id = AKIALABLAB000000000', 'aws_secret_access_key = labsecret', ''].join('\n'),
  );
  // The SSO token cache lives under HOME; point it at an empty one so a real login on this machine is not used.
  process.env.HOME = home;
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** An environment with the temp files and nothing else. */
function envWith(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    HOME: home,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    ...extra,
  };
}

test('auto with nothing configured opens the practice account', async () => {
  const a = await resolveAccount({ source: 'auto' }, practiceAt, { HOME: home });
  assert.equal(a.kind, 'practice');
  assert.equal(a.region, 'ap-northeast-1');
  assert.equal(a.endpoint, 'http://127.0.0.1:9999');
  assert.deepEqual(await a.credentials(), { accessKeyId: 'AKIAPRACTICE0000000', secretAccessKey: 'practice' });
  // The environment's region is for AWS; the practice account keeps its own unless settings say otherwise.
  const b = await resolveAccount({ source: 'auto', region: 'us-west-2' }, practiceAt, {
    HOME: home,
    AWS_REGION: 'eu-north-1',
  });
  assert.equal(b.region, 'us-west-2');
});

test('practice with an endpoint URL uses that server instead of starting one', async () => {
  const a = await resolveAccount(
    { source: 'practice', endpointUrl: 'http://127.0.0.1:4567' },
    neverPractice,
    envWith(),
  );
  assert.equal(a.kind, 'practice');
  assert.equal(a.endpoint, 'http://127.0.0.1:4567');
});

test('a named profile: its region and its keys from the credentials file', async () => {
  const a = await resolveAccount(
    { source: 'auto', profile: 'lab' },
    neverPractice,
    envWith({ AWS_REGION: 'us-east-1' }),
  );
  assert.equal(a.kind, 'aws');
  assert.equal(a.profile, 'lab');
  assert.equal(a.region, 'eu-west-1');
  assert.equal(a.endpoint, undefined);
  assert.equal(a.sso, undefined);
  const creds = await a.credentials();
  assert.equal(creds.accessKeyId, 'AKIALABLAB000000000');
  assert.equal(creds.secretAccessKey, 'labsecret');
});

test('AWS_PROFILE names the profile; settings.region wins over everything', async () => {
  const a = await resolveAccount(
    { source: 'auto', region: 'sa-east-1' },
    neverPractice,
    envWith({ AWS_PROFILE: 'lab' }),
  );
  assert.equal(a.profile, 'lab');
  assert.equal(a.region, 'sa-east-1');
});

test('a profile that is in neither file throws profileNotFound', async () => {
  await assert.rejects(
    resolveAccount({ source: 'aws', profile: 'nope' }, neverPractice, envWith()),
    (e: unknown) => e instanceof AwsError && e.problem.kind === 'profileNotFound' && e.problem.profile === 'nope',
  );
  await assert.rejects(
    resolveAccount({ source: 'auto' }, neverPractice, envWith({ AWS_PROFILE: 'gone' })),
    (e: unknown) => e instanceof AwsError && e.problem.kind === 'profileNotFound',
  );
});

test('SSO profiles are recognised (sso_session and legacy sso_start_url)', async () => {
  const modern = await resolveAccount({ source: 'aws', profile: 'sso-dev' }, neverPractice, envWith());
  assert.equal(modern.sso, true);
  assert.equal(modern.region, 'ap-northeast-3');
  const legacy = await resolveAccount({ source: 'aws', profile: 'sso-legacy' }, neverPractice, envWith());
  assert.equal(legacy.sso, true);
  assert.equal(legacy.region, 'ap-northeast-1');
});

test('an SSO profile never logged in maps to credentialsExpired with the login command', async () => {
  const a = await resolveAccount({ source: 'aws', profile: 'sso-dev' }, neverPractice, envWith());
  const error = await a.credentials().then(
    () => assert.fail('no SSO token is cached, credentials must fail'),
    (e: unknown) => e,
  );
  assert.deepEqual(toAwsProblem(error, errorContext(a, 'sts:GetCallerIdentity')), {
    kind: 'credentialsExpired',
    profile: 'sso-dev',
    ssoLogin: 'aws sso login --profile sso-dev',
  });
});

test('environment keys or a default profile count as configured', async () => {
  const fromEnv = await resolveAccount({ source: 'auto' }, neverPractice, {
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAENV',
    AWS_SECRET_ACCESS_KEY: 's',
    AWS_DEFAULT_REGION: 'us-east-2',
  });
  assert.equal(fromEnv.kind, 'aws');
  assert.equal(fromEnv.region, 'us-east-2');
  const creds = join(dir, 'default-credentials');
  writeFileSync(creds, '[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = d\nregion = ca-central-1\n');
  const fromDefault = await resolveAccount({ source: 'auto' }, neverPractice, {
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: creds,
  });
  assert.equal(fromDefault.kind, 'aws');
  assert.equal(fromDefault.profile, undefined);
  assert.equal(fromDefault.region, 'ca-central-1');
});

test('AWS_CONFIG_FILE and ~/.aws are both honoured', async () => {
  writeFileSync(join(home, '.aws', 'config'), '[profile home-only]\nregion = us-west-1\n');
  const a = await resolveAccount({ source: 'aws', profile: 'home-only' }, neverPractice, { HOME: home });
  assert.equal(a.region, 'us-west-1');
  await assert.rejects(resolveAccount({ source: 'aws', profile: 'home-only' }, neverPractice, envWith()));
  assert.deepEqual(await listProfiles(envWith()), ['lab', 'sso-dev', 'sso-legacy']);
  rmSync(join(home, '.aws', 'config'));
});

test('an endpoint URL (moto, LocalStack) signs with the environment keys, else the practice ones', async () => {
  const withKeys = await resolveAccount({ source: 'auto', endpointUrl: 'http://127.0.0.1:5000' }, neverPractice, {
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAMOTO',
    AWS_SECRET_ACCESS_KEY: 'moto',
  });
  assert.equal(withKeys.kind, 'aws');
  assert.equal(withKeys.endpoint, 'http://127.0.0.1:5000');
  assert.equal((await withKeys.credentials()).accessKeyId, 'AKIAMOTO');
  const bare = await resolveAccount({ source: 'auto' }, neverPractice, {
    HOME: home,
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
  });
  assert.equal(bare.kind, 'aws');
  assert.equal(bare.endpoint, 'http://127.0.0.1:4566');
  assert.equal((await bare.credentials()).accessKeyId, 'AKIAPRACTICE0000000');
});
