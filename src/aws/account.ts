// Which account the extension talks to, in which region, with which credentials.
// The practice account is the default whenever no AWS credential source is configured, so a student with
// nothing set up lands somewhere useful instead of on an error.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { SharedConfigFiles } from '@smithy/types';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { AwsError } from './errors';
import { PRACTICE_CREDENTIALS, PRACTICE_REGION } from '../practice/core/constants';

export interface AccountSettings {
  source: 'auto' | 'practice' | 'aws';
  profile?: string;
  region?: string;
  /** One URL for every service (a running practice server, moto, LocalStack). */
  endpointUrl?: string;
}

export interface ResolvedAccount {
  kind: 'practice' | 'aws';
  profile?: string;
  region: string;
  endpoint?: string;
  credentials: AwsCredentialIdentityProvider;
  /** The profile signs in through IAM Identity Center (sso_session or sso_start_url): `aws sso login` refreshes it. */
  sso?: boolean;
}

export const DEFAULT_REGION = 'ap-northeast-1';

/** The shared config and credentials files as the SDK finds them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
export function sharedConfigPaths(env: NodeJS.ProcessEnv = process.env): {
  configFile: string;
  credentialsFile: string;
} {
  const home = env.HOME || env.USERPROFILE || homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/** Both files parsed by the SDK's own loader; missing files read as empty. */
export async function loadSharedConfig(env: NodeJS.ProcessEnv = process.env): Promise<SharedConfigFiles> {
  const paths = sharedConfigPaths(env);
  return loadSharedConfigFiles({
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
  });
}

/** The profile names a student can pick from, sorted, without sso-session and services sections. */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const files = await loadSharedConfig(env);
  const names = new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)]);
  return [...names].filter((n) => !n.includes('.')).sort();
}

function profileExists(files: SharedConfigFiles, profile: string): boolean {
  return profile in files.configFile || profile in files.credentialsFile;
}

function isSsoProfile(files: SharedConfigFiles, profile: string): boolean {
  const section = files.configFile[profile];
  return Boolean(section && (section.sso_session || section.sso_start_url));
}

/** Credential sources the SDK reads from the environment alone (keys, web identity, container role). */
function envHasCredentialSource(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env.AWS_ACCESS_KEY_ID ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
  );
}

function staticProvider(identity: AwsCredentialIdentity): AwsCredentialIdentityProvider {
  return async () => identity;
}

function envStaticCredentials(env: NodeJS.ProcessEnv): AwsCredentialIdentity | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

/**
 * auto: AWS when a credential source is configured (settings profile, AWS_PROFILE, credentials in the
 * environment, or a default profile in the shared files), else the practice account.
 * Region: settings.region || the profile's region || AWS_REGION/AWS_DEFAULT_REGION || ap-northeast-1
 * (practice: settings.region || ap-northeast-1).
 * An endpoint URL (settings, else AWS_ENDPOINT_URL) sends every service there; with source 'practice' it is the
 * practice server to use instead of starting one, otherwise the account is 'aws' kind (moto, LocalStack) and
 * signs with the environment's keys, the profile's, or the practice ones.
 * Throws AwsError profileNotFound for a named profile that is in neither file.
 */
export async function resolveAccount(
  settings: AccountSettings,
  practiceEndpoint: () => Promise<string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedAccount> {
  if (settings.source === 'practice') {
    return {
      kind: 'practice',
      region: settings.region || PRACTICE_REGION,
      endpoint: settings.endpointUrl || (await practiceEndpoint()),
      credentials: staticProvider(PRACTICE_CREDENTIALS),
    };
  }

  const files = await loadSharedConfig(env);
  const named = settings.profile || env.AWS_PROFILE || undefined;
  if (named && !profileExists(files, named)) {
    throw new AwsError({ kind: 'profileNotFound', profile: named });
  }
  const endpoint = settings.endpointUrl || env.AWS_ENDPOINT_URL || undefined;
  const configured = Boolean(named) || envHasCredentialSource(env) || profileExists(files, 'default');
  if (settings.source === 'auto' && !configured && !endpoint) {
    return resolveAccount({ ...settings, source: 'practice' }, practiceEndpoint, env);
  }

  const profileForRegion = named ?? 'default';
  const region =
    settings.region ||
    files.configFile[profileForRegion]?.region ||
    files.credentialsFile[profileForRegion]?.region ||
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION ||
    DEFAULT_REGION;
  const paths = sharedConfigPaths(env);
  const fileOptions = { filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true };
  const sso = named ? isSsoProfile(files, named) : isSsoProfile(files, 'default') && !envHasCredentialSource(env);
  // An SSO profile goes to fromSSO directly: the chain's fromIni -> fromSSO hop drops the file paths, so a
  // config file named only in `env` (not process.env) would be missed.
  const chain = (): AwsCredentialIdentityProvider =>
    sso
      ? fromSSO({ profile: named ?? 'default', ...fileOptions })
      : fromNodeProviderChain({ ...(named ? { profile: named } : {}), ...fileOptions });

  let credentials: AwsCredentialIdentityProvider;
  if (endpoint) {
    const fromEnv = envStaticCredentials(env);
    credentials = fromEnv ? staticProvider(fromEnv) : configured ? chain() : staticProvider(PRACTICE_CREDENTIALS);
  } else {
    credentials = chain();
  }
  return {
    kind: 'aws',
    ...(named ? { profile: named } : {}),
    region,
    ...(endpoint ? { endpoint } : {}),
    credentials,
    ...(sso ? { sso: true } : {}),
  };
}
