// Command ids in one place, shared by the command table, the explorer model (node commands) and the tests
// that compare them with package.json. No `vscode` import: the pure explorer and checklist models use these.
import type { StepId } from '../../lab/types';

export const COMMANDS = {
  refresh: 'scaleOutLab.refresh',
  chooseAccount: 'scaleOutLab.chooseAccount',
  chooseRegion: 'scaleOutLab.chooseRegion',
  resetPracticeAccount: 'scaleOutLab.resetPracticeAccount',
  showLogs: 'scaleOutLab.showLogs',
  copyId: 'scaleOutLab.copyId',
  copyArn: 'scaleOutLab.copyArn',
  copyDnsName: 'scaleOutLab.copyDnsName',
  openInConsole: 'scaleOutLab.openInConsole',
  ssoLogin: 'scaleOutLab.ssoLogin',
  checkLab: 'scaleOutLab.checkLab',
  runTrack: 'scaleOutLab.runTrack',
  openWalkthrough: 'scaleOutLab.openWalkthrough',
  /** A step from a checklist row (the node) or by id; the per-step commands below call the same flow. */
  runStep: 'scaleOutLab.runStep',
  /** A fix from a checklist row, an explorer target, or a notification's button. */
  applyFix: 'scaleOutLab.applyFix',
  /** Opens /var/www/html/index.html of an instance (a tree node, an instance ID, or a QuickPick) over SSH. */
  editIndexHtml: 'scaleOutLab.editIndexHtml',
  /** A terminal with a login shell on an instance (a tree node, an instance ID, or a QuickPick). */
  openSshTerminal: 'scaleOutLab.openSshTerminal',
  /** The cost breakdown panel (the status-bar meter's click). */
  showCost: 'scaleOutLab.showCost',
  /** Deletes what the lab created (and what the student picks one by one), after a list and a confirmation. */
  cleanUp: 'scaleOutLab.cleanUp',
  /** The live diagram of the lab (region › VPC › AZ columns › subnets › instances), clickable to the explorer. */
  showDiagram: 'scaleOutLab.showDiagram',
  /** Which handout the student follows (the setting scaleOutLab.lab.layout). */
  chooseLayout: 'scaleOutLab.chooseLayout',
  /** The student's user number in a class sharing one account (the setting scaleOutLab.lab.student). */
  setStudent: 'scaleOutLab.setStudent',
  /** The live Auto Scaling chart over a group (an explorer row's, or the lab's). */
  watchScaling: 'scaleOutLab.watchScaling',
  /** The bounded load against the lab's own load balancer, its rate shown, the chart following the group. */
  putLoad: 'scaleOutLab.putLoad',
  /** The lab's database rebooted without failover while the failover chart watches the site (2.5's contrast). */
  rebootDatabase: 'scaleOutLab.rebootDatabase',
  /** The teacher's Class view: a row per student of a class sharing the account (shown once asked for). */
  showClassStatus: 'scaleOutLab.showClassStatus',
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName];

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEYS = {
  onAws: 'scaleOutLab.onAws',
  onPractice: 'scaleOutLab.onPractice',
  /** The Class view is shown (the teacher asked for it with Show Class Status). */
  classShown: 'scaleOutLab.classShown',
} as const;

export const EXPLORER_VIEW_ID = 'scaleOutLab.explorer';
export const CHECKLIST_VIEW_ID = 'scaleOutLab.checklist';
export const CLASS_VIEW_ID = 'scaleOutLab.class';

/** The walkthrough as `workbench.action.openWalkthrough` names it: `publisher.name#id`. */
export const WALKTHROUGH_ID = 'scaleOutLab.scaleOut';
export const EXTENSION_ID = 'cps-research-center.aws-scale-out-lab';

/** "1.10" -> "1_10": dots separate the parts of command ids and context keys, so a step id cannot keep its own. */
export function stepKey(id: StepId): string {
  return id.replace('.', '_');
}

/** One command per lab step (the walkthrough's "Do it" buttons and the palette): `scaleOutLab.runStep.1_3`. */
export function stepCommandId(id: StepId): string {
  return `${COMMANDS.runStep}.${stepKey(id)}`;
}

/** The walkthrough step's id as the workbench knows it (`welcome.markStepComplete` takes it). */
export function walkthroughStepId(id: StepId): string {
  return `${EXTENSION_ID}#${WALKTHROUGH_ID}#step${stepKey(id)}`;
}

/** True once the step's check has passed in this session: the walkthrough's `onContext:` completion event. */
export function stepDoneContextKey(id: StepId): string {
  return `scaleOutLab.step.${stepKey(id)}.done`;
}
