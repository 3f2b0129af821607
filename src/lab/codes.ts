// Every code the lab engine emits: reasons (why a check fails or a step cannot run), fixes (one-click repairs),
// options and their choices, progress. src/present/lab/ words each one; its unit test, words.test.ts, walks these.
import type { Fix, Reason } from './types';

export const REASON_CODES = [
  // Pages (0.1, 0.2, 1.5) and observations
  'observation.missing',
  'page.unreachable',
  'page.status',
  'page.wrong',
  // Any step: a section of the account could not be read (CheckResult status 'unknown')
  'account.unreadable',
  // 0.1 / 0.2
  'webServer.missing',
  'webServer.notRunning',
  'webServer.noAddress',
  'eip.missing',
  'eip.notAssociated',
  // 1.1 / 1.2
  'webServer.noRootVolume',
  'snapshot.missing',
  'snapshot.pending',
  'snapshot.failed',
  'image.missing',
  'image.notFromWebServer',
  'image.pending',
  'image.failed',
  // 1.3 / 1.4 / 1.5
  'clone.missing',
  'clone.sameAz',
  'clone.notRunning',
  'clone.statusChecks',
  'clone.otherSecurityGroups',
  'clone.noElasticIp',
  'clone.pageNotEdited',
  'webServer.pageEdited',
  'clone.pageNoVision',
  'clone.stockImage',
  'clone.notFromImage',
  'clone.noKeyPair',
  'clone.noHttp',
  'clone.noSsh',
  'note.otherKeyPair',
  'step.manual',
  // 1.6
  'alb.missing',
  'alb.provisioning',
  'alb.failed',
  'alb.internal',
  'alb.azNotEnabled',
  'alb.noListener',
  'alb.listenerNotForwarding',
  'alb.groupClosed',
  'alb.privateSubnet',
  'note.otherLoadBalancer',
  'note.otherLoadBalancerUntagged',
  'note.otherTargetGroup',
  'note.otherTargetGroupUntagged',
  'targetGroup.missing',
  'targetGroup.targetMissing',
  'target.initial',
  'target.notHealthy',
  // 1.7
  'targets.none',
  'targets.allHealthy',
  'diagnosis.instanceGone',
  'diagnosis.instanceStopped',
  'diagnosis.instanceStarting',
  'diagnosis.targetGroupNotInUse',
  'diagnosis.azNotEnabled',
  'diagnosis.securityGroup',
  'diagnosis.healthCheckPath',
  'diagnosis.initial',
  'diagnosis.draining',
  'diagnosis.unknown',
  'diagnosis.stockImage',
  'diagnosis.notFromImage',
  // 1.8
  'tally.noAnswer',
  'tally.oneVariant',
  'tally.onlyOneVariant',
  'tally.noVision',
  // 1.9
  'secure.sharedGroup',
  'secure.albNotAdmitted',
  'secure.openRule',
  'secure.directAnswered',
  'secure.albNotAnswering',
  // 1.10
  'exercise.notRun',
  'exercise.failed',
  'exercise.albStoppedAnswering',
  'exercise.needsTwoTargets',
  // Runners (StepError)
  'run.keyPairWithoutFile',
  'run.keyFileExists',
  'run.myIpUnknown',
  'run.myIpNotAnAddress',
  'run.imageNameTaken',
  'run.noAmazonLinux',
  'run.noDefaultVpc',
  'run.noSubnetInAz',
  'run.noOtherAz',
  'run.waitTimedOut',
  'run.waitFailed',
  'run.nothingToFix',
  'run.unknownFix',
  'run.badOption',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const FIX_CODES = [
  'authorizeIngress',
  'revokeIngress',
  'enableAz',
  'startInstance',
  'setHealthCheckPath',
  'registerTarget',
  'deregisterTarget',
  'associateAddress',
  'forwardToTargetGroup',
  'ownLoadBalancerGroup',
] as const;
export type FixCode = (typeof FIX_CODES)[number];

export const OPTION_CODES = [
  'option.instanceName',
  'option.instanceType',
  'option.az',
  'option.sshSource',
  'option.keyName',
  'option.keyFile',
  'option.snapshotDescription',
  'option.stateTag',
  'option.dateTag',
  'option.imageMethod',
  'option.imageName',
  'option.noReboot',
  'option.loadBalancerName',
  'option.targetGroupName',
  'option.healthCheckPath',
  'option.albSecurityGroup',
  'option.requests',
  'option.stopInstance',
  'option.sshKeyFile',
  'choice.freeTier',
  'choice.az',
  'choice.sshMyIp',
  'choice.sshAnywhere',
  'choice.fromSnapshot',
  'choice.fromInstance',
  'choice.noReboot',
  'choice.reboot',
  'choice.keepGroups',
  'choice.newGroup',
  'choice.existingGroup',
  'choice.instance',
] as const;
export type OptionCode = (typeof OPTION_CODES)[number];

export const PROGRESS_CODES = [
  'progress.reuse',
  'progress.lookUpImage',
  'progress.createKeyPair',
  'progress.createSecurityGroup',
  'progress.authorize',
  'progress.revoke',
  'progress.launch',
  'progress.waitRunning',
  'progress.waitStatusOk',
  'progress.allocateAddress',
  'progress.associateAddress',
  'progress.createSnapshot',
  'progress.waitSnapshot',
  'progress.imageNameTaken',
  'progress.registerImage',
  'progress.createImage',
  'progress.waitImage',
  'progress.createTargetGroup',
  'progress.registerTargets',
  'progress.createLoadBalancer',
  'progress.waitLoadBalancer',
  'progress.createListener',
  'progress.waitTargets',
  'progress.request',
  'progress.stopInstance',
  'progress.waitStopped',
  'progress.startInstance',
  'progress.applyFix',
  'progress.sshConnect',
  // Warnings of the run's own SSH connection (the CLI's; the extension words its shared sessions itself).
  'progress.keyFileMode',
  'progress.knownHostsReset',
  'progress.readPage',
  'progress.savePage',
  'progress.pageAlreadyEdited',
  'progress.check',
  'progress.done',
] as const;
export type ProgressCode = (typeof PROGRESS_CODES)[number];

type Args = Record<string, string | number | undefined>;

/** Arguments without the undefined ones (Reason and Fix args hold strings and numbers only). */
function clean(args: Args): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[k] = v;
  return out;
}

export function reason(code: ReasonCode, args: Args = {}): Reason {
  return { code, args: clean(args) };
}

export function fix(code: FixCode, args: Args): Fix {
  return { code, args: clean(args) };
}
