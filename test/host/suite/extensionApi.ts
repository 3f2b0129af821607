// What the suite needs from the extension under test: its id (from package.json) and the API that
// `activate()` returns. Kept structural so the suite does not import the extension's sources.
import * as vscode from 'vscode';

export const extensionId = 'cps-research-center.aws-scale-out-lab';

export interface ScaleOutLabApi {
  activationMs: number;
  activationWallMs: number;
  explorer: vscode.TreeDataProvider<unknown>;
  checklist: vscode.TreeDataProvider<unknown>;
  whenInventoryLoaded(): Promise<void>;
  whenLabChecked(): Promise<void>;
  isStepDone(id: string): boolean;
  tallyShown(): { requests: number; answered: number; backends: number; visible: boolean } | undefined;
  sshTerminalTranscript(terminal: vscode.Terminal): string | undefined;
  accountEndpoint(): Promise<string | undefined>;
  whenCostEstimated(): Promise<void>;
  costShown(): { text: string; tooltip: string; warning: boolean; visible: boolean; hourlyUsd?: number };
  remindersShown(): readonly string[];
  storeDatabasePassword(password: string): Promise<void>;
  failoverShown(): { requests: number; downtimeMs: number; moved?: string; visible: boolean } | undefined;
  scalingShown():
    | {
        groupName: string;
        samples: number;
        desired?: number;
        inService?: number;
        instances?: number;
        cpu?: number;
        live: boolean;
        visible: boolean;
      }
    | undefined;
  /** The extension's bundles this extension host has loaded (extension.js, domain.js, ssh.js, practice.js). */
  loadedBundles(): string[];
}

/** What a step command returns (src/lab/types.ts StepOutcome, the parts the tests read). */
export interface StepOutcomeSeen {
  step: string;
  created: string[];
  reused: string[];
  check: { step: string; status: 'passed' | 'failed' | 'waiting' | 'unknown'; reason?: { code: string } };
}

export interface ContributedCommand {
  command: string;
}

export function theExtension(): vscode.Extension<ScaleOutLabApi> {
  const ext = vscode.extensions.getExtension<ScaleOutLabApi>(extensionId);
  if (!ext) throw new Error(`extension ${extensionId} is not loaded in this window`);
  return ext;
}

/** Activates the extension (once; later calls return the same API). */
export async function activated(): Promise<ScaleOutLabApi> {
  const ext = theExtension();
  const api = ext.isActive ? ext.exports : await ext.activate();
  if (!api || typeof api.whenInventoryLoaded !== 'function') {
    throw new Error('activate() did not return { activationMs, explorer, whenInventoryLoaded }');
  }
  return api;
}

/** One line the runner parses (`HOST_METRIC name=value`), so figures reach the bench and CI logs. */
export function reportMetric(name: string, value: number): void {
  console.log(`HOST_METRIC ${name}=${value.toFixed(1)}`);
}
