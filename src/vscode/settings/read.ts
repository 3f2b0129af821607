// The extension's settings, read and written in one place (section name and keys live only here).
// No `vscode` import: callers pass `vscode.workspace.getConfiguration(SETTINGS_SECTION)`, which satisfies the
// small interfaces below, so parsing is unit-tested in plain Node.
import { isRegionCode } from '../../present/regions';
import { DEFAULT_LAYOUT, LAYOUT_IDS, type LayoutId } from '../../lab/layout';
import { parseStudent } from '../../aws/student';

/** `{ [key]: value }` when there is a value (exactOptionalPropertyTypes). */
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

export const SETTINGS_SECTION = 'scaleOutLab';

/** Keys relative to the section, as package.json's `contributes.configuration` declares them. */
export const SETTING_KEYS = {
  accountSource: 'account.source',
  accountProfile: 'account.profile',
  accountRegion: 'account.region',
  accountEndpointUrl: 'account.endpointUrl',
  practiceSpeed: 'practice.speed',
  labLayout: 'lab.layout',
  labStudent: 'lab.student',
  explorerAutoRefresh: 'explorer.autoRefresh',
  explorerOtherStudents: 'explorer.otherStudents',
  sshKeyFiles: 'ssh.keyFiles',
  costCurrency: 'cost.currency',
  costYenPerUsd: 'cost.yenPerUsd',
  costWarnAtUsdPerHour: 'cost.warnAtUsdPerHour',
  costFreeTier: 'cost.freeTier',
  costLivePrices: 'cost.livePrices',
  remindersEveryMinutes: 'reminders.everyMinutes',
  remindersOnIdle: 'reminders.onIdle',
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

export const ACCOUNT_SOURCES = ['auto', 'practice', 'aws'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

export const PRACTICE_SPEEDS = ['realistic', 'fast', 'instant'] as const;
export type PracticeSpeed = (typeof PRACTICE_SPEEDS)[number];

export const DEFAULT_REGION = 'ap-northeast-1';

export const OTHER_STUDENTS = ['count', 'hidden'] as const;
export type OtherStudents = (typeof OTHER_STUDENTS)[number];

export const CURRENCIES = ['USD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The student's own exchange rate (the extension never looks one up); only for showing yen. */
export const DEFAULT_YEN_PER_USD = 150;
/** The meter turns to warning colours above this rate (a t2.micro with its disk and address is ~0.02 USD/h). */
export const DEFAULT_WARN_AT_USD_PER_HOUR = 0.05;
export const DEFAULT_REMINDER_MINUTES = 60;

export interface Settings {
  readonly account: {
    readonly source: AccountSource;
    /** Undefined: AWS_PROFILE, else the "default" profile. */
    readonly profile?: string;
    /** Undefined: the profile's region, else DEFAULT_REGION. */
    readonly region?: string;
    /** One URL for every service (moto, LocalStack). */
    readonly endpointUrl?: string;
  };
  readonly practice: { readonly speed: PracticeSpeed };
  /** The handout the student follows: its names are the defaults, its VPC where the web tier runs. */
  readonly lab: {
    readonly layout: LayoutId;
    /** The student's user number in a class sharing one account (seed 003); undefined: the account is theirs. */
    readonly student?: string;
  };
  readonly explorer: {
    readonly autoRefresh: boolean;
    /** In a class: the rest of the account as one collapsed count, or not at all. */
    readonly otherStudents: OtherStudents;
  };
  /** Key pair name -> the private key file (`~` allowed) remembered for it; unset: `~/.ssh/<KeyName>.pem`. */
  readonly ssh: { readonly keyFiles: Readonly<Record<string, string>> };
  readonly cost: {
    readonly currency: Currency;
    /** Yen for one US dollar, as the student sets it. */
    readonly yenPerUsd: number;
    /** Warning colours on the meter above this hourly rate (USD). */
    readonly warnAtUsdPerHour: number;
    /** Count the 12-month free tier (accounts created before 2025-07-15). */
    readonly freeTier: boolean;
    /** Prices from the AWS Price List API when the credentials allow (AWS accounts only). */
    readonly livePrices: boolean;
  };
  readonly reminders: {
    /** Minutes between reminders while the lab's resources run; 0 = no periodic reminders. */
    readonly everyMinutes: number;
    /** Remind when the window loses focus after the student has been idle a while. */
    readonly onIdle: boolean;
  };
}

/** A value that was set but could not be used; the default was used instead (logged, not shown). */
export interface SettingWarning {
  readonly key: SettingKey;
  readonly value: unknown;
  readonly reason: string;
}

/** What `WorkspaceConfiguration` offers for reading. */
export interface ConfigurationReader {
  get(key: string): unknown;
}

/** What `WorkspaceConfiguration` offers for writing (`true` = user settings, `false` = workspace). */
export interface ConfigurationWriter {
  inspect(key: string): { workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined;
  update(key: string, value: unknown, target: boolean): PromiseLike<void>;
}

export function readSettings(config: ConfigurationReader): { settings: Settings; warnings: SettingWarning[] } {
  const warnings: SettingWarning[] = [];
  const warn = (key: SettingKey, value: unknown, reason: string) => warnings.push({ key, value, reason });

  const oneOf = <T extends string>(key: SettingKey, allowed: readonly T[], fallback: T): T => {
    const value = config.get(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    warn(key, value, `expected one of ${allowed.join(', ')}`);
    return fallback;
  };
  // Empty string means "not set" for the optional text settings.
  const text = (key: SettingKey, valid: (s: string) => boolean, expected: string): string | undefined => {
    const value = config.get(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      warn(key, value, 'expected a string');
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (!valid(trimmed)) {
      warn(key, value, `expected ${expected}`);
      return undefined;
    }
    return trimmed;
  };
  const flag = (key: SettingKey, fallback: boolean): boolean => {
    const value = config.get(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    warn(key, value, 'expected true or false');
    return fallback;
  };

  const number = (key: SettingKey, fallback: number, min: number, max: number): number => {
    const value = config.get(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
    warn(key, value, `expected a number from ${min} to ${max}`);
    return fallback;
  };

  // Entries whose path is not a non-empty string are dropped one by one; the others still count.
  const keyFiles = (): Record<string, string> => {
    const key = SETTING_KEYS.sshKeyFiles;
    const value = config.get(key);
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      warn(key, value, 'expected an object of key pair name -> file path');
      return {};
    }
    const out: Record<string, string> = {};
    for (const [name, path] of Object.entries(value as Record<string, unknown>)) {
      if (typeof path === 'string' && path.trim() !== '') out[name] = path.trim();
      else warn(key, { [name]: path }, 'expected a file path');
    }
    return out;
  };

  const settings: Settings = {
    account: {
      source: oneOf(SETTING_KEYS.accountSource, ACCOUNT_SOURCES, 'auto'),
      profile: text(SETTING_KEYS.accountProfile, (s) => !/\s/.test(s), 'a profile name without spaces'),
      region: text(SETTING_KEYS.accountRegion, isRegionCode, 'a region code like ap-northeast-1'),
      endpointUrl: text(SETTING_KEYS.accountEndpointUrl, isHttpUrl, 'an http:// or https:// URL'),
    },
    practice: { speed: oneOf(SETTING_KEYS.practiceSpeed, PRACTICE_SPEEDS, 'realistic') },
    lab: {
      layout: oneOf(SETTING_KEYS.labLayout, LAYOUT_IDS, DEFAULT_LAYOUT),
      ...optional(
        'student',
        parseStudent(text(SETTING_KEYS.labStudent, (s) => parseStudent(s) !== undefined, 'a user number like user05')),
      ),
    },
    explorer: {
      autoRefresh: flag(SETTING_KEYS.explorerAutoRefresh, true),
      otherStudents: oneOf(SETTING_KEYS.explorerOtherStudents, OTHER_STUDENTS, 'count'),
    },
    ssh: { keyFiles: keyFiles() },
    cost: {
      currency: oneOf(SETTING_KEYS.costCurrency, CURRENCIES, 'USD'),
      yenPerUsd: number(SETTING_KEYS.costYenPerUsd, DEFAULT_YEN_PER_USD, 1, 10_000),
      warnAtUsdPerHour: number(SETTING_KEYS.costWarnAtUsdPerHour, DEFAULT_WARN_AT_USD_PER_HOUR, 0, 1_000),
      freeTier: flag(SETTING_KEYS.costFreeTier, false),
      livePrices: flag(SETTING_KEYS.costLivePrices, true),
    },
    reminders: {
      everyMinutes: number(SETTING_KEYS.remindersEveryMinutes, DEFAULT_REMINDER_MINUTES, 0, 24 * 60),
      onIdle: flag(SETTING_KEYS.remindersOnIdle, true),
    },
  };
  return { settings, warnings };
}

function isHttpUrl(s: string): boolean {
  try {
    const url = new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The practice server's clock factor for a speed setting. */
export function practiceSpeedFactor(speed: PracticeSpeed): number | 'instant' {
  switch (speed) {
    case 'realistic':
      return 1;
    case 'fast':
      return 10;
    case 'instant':
      return 'instant';
  }
}

/** The account part as src/aws/account.ts takes it. */
export function accountSettingsOf(settings: Settings): {
  source: AccountSource;
  profile?: string;
  region?: string;
  endpointUrl?: string;
} {
  const { source, profile, region, endpointUrl } = settings.account;
  return { source, profile, region, endpointUrl };
}

/**
 * Writes a setting where it takes effect: the workspace when the workspace already overrides it (a user-level
 * write would be shadowed), else the user settings. `undefined` removes the value.
 */
export async function updateSetting(config: ConfigurationWriter, key: SettingKey, value: unknown): Promise<void> {
  const inspected = config.inspect(key);
  const inWorkspace = inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  await config.update(key, value, !inWorkspace);
}

/** True when a configuration change event concerns the settings that decide the account. */
export function affectsAccount(affects: (section: string) => boolean): boolean {
  // Another student in a class is another view of the account: read again, as for another account.
  return (
    affects(`${SETTINGS_SECTION}.account`) ||
    affects(`${SETTINGS_SECTION}.${SETTING_KEYS.practiceSpeed}`) ||
    affects(`${SETTINGS_SECTION}.${SETTING_KEYS.labStudent}`)
  );
}
