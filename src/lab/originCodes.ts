// The codes of seed 001's origin (WebServer stopped and imaged, image1server and image2server launched from its
// AMI), kept apart from codes.ts, which spreads them into its lists: the checks' reasons and notes, what a plan
// says the run will do (StepPlan.preview), 1.3's questions for the two servers, and the runners' progress.
export const ORIGIN_REASON_CODES = [
  'origin.firstMissing',
  'origin.serversMissing',
  'note.originStopped',
  'note.originAddress',
  'plan.stopOrigin',
  'plan.originStopped',
  'plan.launchServers',
  'plan.launchServer',
] as const;

export const ORIGIN_OPTION_CODES = [
  'option.firstServerName',
  'option.firstServerAz',
  'option.secondServerName',
  'option.secondServerAz',
] as const;

export const ORIGIN_PROGRESS_CODES = ['progress.stopOrigin', 'progress.waitOriginStopped'] as const;
