// Settings parsing: defaults, valid values, and what happens to values that cannot be used.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  accountSettingsOf,
  affectsAccount,
  practiceSpeedFactor,
  readSettings,
  SETTING_KEYS,
  SETTINGS_SECTION,
  updateSetting,
  type ConfigurationWriter,
} from '../../../src/vscode/settings/read';
import { repoRoot } from '../../fixtures/repo';

const config = (values: Record<string, unknown>) => ({ get: (key: string) => values[key] });

describe('readSettings', () => {
  it('gives the defaults when nothing is set', () => {
    const { settings, warnings } = readSettings(config({}));
    assert.deepEqual(settings, {
      account: { source: 'auto', profile: undefined, region: undefined, endpointUrl: undefined },
      practice: { speed: 'realistic' },
      lab: { layout: 'defaultVpc' },
      explorer: { autoRefresh: true, otherStudents: 'count' },
      ssh: { keyFiles: {} },
      cost: { currency: 'USD', yenPerUsd: 150, warnAtUsdPerHour: 0.05, freeTier: false, livePrices: true },
      reminders: { everyMinutes: 60, onIdle: true },
    });
    assert.deepEqual(warnings, []);
  });

  it('treats the manifest defaults ("" strings) as not set', () => {
    const { settings, warnings } = readSettings(
      config({ 'account.source': 'auto', 'account.profile': '', 'account.region': '  ', 'account.endpointUrl': '' }),
    );
    assert.equal(settings.account.profile, undefined);
    assert.equal(settings.account.region, undefined);
    assert.equal(settings.account.endpointUrl, undefined);
    assert.deepEqual(warnings, []);
  });

  it('reads valid values, trimmed', () => {
    const { settings, warnings } = readSettings(
      config({
        'account.source': 'aws',
        'account.profile': ' student-sso ',
        'account.region': 'us-east-1',
        'account.endpointUrl': 'http://127.0.0.1:4566',
        'practice.speed': 'instant',
        'lab.layout': 'testVpc',
        'lab.student': ' User05 ',
        'explorer.autoRefresh': false,
        'explorer.otherStudents': 'hidden',
        'ssh.keyFiles': { 'ec2-key': ' ~/keys/ec2-key.pem ' },
        'cost.currency': 'JPY',
        'cost.yenPerUsd': 145.5,
        'cost.warnAtUsdPerHour': 0,
        'cost.freeTier': true,
        'cost.livePrices': false,
        'reminders.everyMinutes': 0,
        'reminders.onIdle': false,
      }),
    );
    assert.deepEqual(settings, {
      account: { source: 'aws', profile: 'student-sso', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' },
      practice: { speed: 'instant' },
      lab: { layout: 'testVpc', student: 'user05' },
      explorer: { autoRefresh: false, otherStudents: 'hidden' },
      ssh: { keyFiles: { 'ec2-key': '~/keys/ec2-key.pem' } },
      cost: { currency: 'JPY', yenPerUsd: 145.5, warnAtUsdPerHour: 0, freeTier: true, livePrices: false },
      reminders: { everyMinutes: 0, onIdle: false },
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(accountSettingsOf(settings), {
      source: 'aws',
      profile: 'student-sso',
      region: 'us-east-1',
      endpointUrl: 'http://127.0.0.1:4566',
    });
  });

  it('falls back to the default for each value it cannot use, and says why', () => {
    const { settings, warnings } = readSettings(
      config({
        'account.source': 'cloud',
        'account.profile': 'two words',
        'account.region': 'Tokyo',
        'account.endpointUrl': 'ftp://example.com',
        'practice.speed': 42,
        'lab.student': '05user',
        'explorer.autoRefresh': 'yes',
        'explorer.otherStudents': 'all',
        'ssh.keyFiles': ['ec2-key.pem'],
        'cost.currency': 'EUR',
        'cost.yenPerUsd': 0,
        'cost.warnAtUsdPerHour': -1,
        'cost.freeTier': 'no',
        'cost.livePrices': 1,
        'reminders.everyMinutes': Number.NaN,
        'reminders.onIdle': null,
      }),
    );
    assert.deepEqual(settings, readSettings(config({})).settings);
    assert.deepEqual(
      warnings.map((w) => w.key),
      [
        'account.source',
        'account.profile',
        'account.region',
        'account.endpointUrl',
        'practice.speed',
        'lab.student',
        'explorer.autoRefresh',
        'explorer.otherStudents',
        'ssh.keyFiles',
        'cost.currency',
        'cost.yenPerUsd',
        'cost.warnAtUsdPerHour',
        'cost.freeTier',
        'cost.livePrices',
        'reminders.everyMinutes',
      ],
    );
    assert.match(warnings[0]?.reason ?? '', /auto, practice, aws/);
  });

  it('keeps the usable key file entries and says which were dropped', () => {
    const { settings, warnings } = readSettings(
      config({ 'ssh.keyFiles': { 'ec2-key': '/k/a.pem', other: '', third: 3 } }),
    );
    assert.deepEqual(settings.ssh.keyFiles, { 'ec2-key': '/k/a.pem' });
    assert.deepEqual(
      warnings.map((w) => w.value),
      [{ other: '' }, { third: 3 }],
    );
  });

  it('maps the practice speed to the server clock factor', () => {
    assert.equal(practiceSpeedFactor('realistic'), 1);
    assert.equal(practiceSpeedFactor('fast'), 10);
    assert.equal(practiceSpeedFactor('instant'), 'instant');
  });
});

describe('the settings module and the manifest agree', () => {
  it('declares every key in package.json with the same enums and defaults', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const properties = pkg.contributes.configuration.properties as Record<
      string,
      { enum?: string[]; default: unknown }
    >;
    const declared = Object.keys(properties).sort();
    const keys = Object.values(SETTING_KEYS)
      .map((k) => `${SETTINGS_SECTION}.${k}`)
      .sort();
    assert.deepEqual(declared, keys);
    // The manifest's defaults parse to the module's defaults without warnings.
    const defaults = Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k.slice(SETTINGS_SECTION.length + 1), v.default]),
    );
    const { settings, warnings } = readSettings(config(defaults));
    assert.deepEqual(warnings, []);
    assert.deepEqual(settings, readSettings(config({})).settings);
    assert.deepEqual(properties['scaleOutLab.account.source']?.enum, ['auto', 'practice', 'aws']);
    assert.deepEqual(properties['scaleOutLab.practice.speed']?.enum, ['realistic', 'fast', 'instant']);
    assert.deepEqual(properties['scaleOutLab.cost.currency']?.enum, ['USD', 'JPY']);
  });
});

describe('updateSetting', () => {
  function writer(inspected: { workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined) {
    const writes: Array<[string, unknown, boolean]> = [];
    const w: ConfigurationWriter = {
      inspect: () => inspected,
      update: async (key, value, target) => {
        writes.push([key, value, target]);
      },
    };
    return { w, writes };
  }

  it('writes to the user settings unless the workspace already overrides the key', async () => {
    const user = writer({});
    await updateSetting(user.w, SETTING_KEYS.accountSource, 'practice');
    assert.deepEqual(user.writes, [['account.source', 'practice', true]]);
    const ws = writer({ workspaceValue: 'aws' });
    await updateSetting(ws.w, SETTING_KEYS.accountRegion, 'us-east-1');
    assert.deepEqual(ws.writes, [['account.region', 'us-east-1', false]]);
  });

  it('knows which changes concern the account', () => {
    const changed = (section: string) => (s: string) => section === s || section.startsWith(`${s}.`);
    assert.equal(affectsAccount(changed('scaleOutLab.account.profile')), true);
    assert.equal(affectsAccount(changed('scaleOutLab.practice.speed')), true);
    assert.equal(affectsAccount(changed('scaleOutLab.explorer.autoRefresh')), false);
    // Another student of a class is another view of the account.
    assert.equal(affectsAccount(changed('scaleOutLab.lab.student')), true);
  });
});
