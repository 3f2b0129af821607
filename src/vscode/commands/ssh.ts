// SSH commands: "Edit index.html on …" opens the instance's /var/www/html/index.html in a tab (saved back
// atomically, through sudo), "Open SSH Terminal" a login shell. From an explorer instance row (the node), with
// an instance ID (the walkthrough's button, tests), or from the palette (a QuickPick of the running instances
// with a public address, WebServer2 first: step 1.5 edits it).
import * as vscode from 'vscode';
import type { Instance } from '../../aws/types';
import { INDEX_HTML_PATH } from '../../ssh/remoteUri';
import { remoteUri } from '../ssh/fileSystem';
import { openSshTerminal as createSshTerminal } from '../ssh/terminal';
import type { ExplorerNode } from '../../present/explorer/nodes';
import type { CommandDeps } from './deps';

const t = vscode.l10n.t;

/** A node of the explorer, an instance ID, or nothing (then the QuickPick). */
type InstanceArg = ExplorerNode | string | undefined;

const reachable = (i: Instance) => i.state === 'running' && Boolean(i.elasticIp || i.publicIp || i.publicDnsName);

/** WebServer2 first (step 1.5), then WebServer, then the others by name. */
export function sshPickOrder(instances: readonly Instance[]): Instance[] {
  const rank = (i: Instance) => (i.name === 'WebServer2' ? 0 : i.name === 'WebServer' ? 1 : 2);
  return [...instances].sort((a, b) => rank(a) - rank(b) || (a.name ?? a.id).localeCompare(b.name ?? b.id));
}

async function pickInstance(deps: CommandDeps, title: string): Promise<Instance | undefined> {
  if (!deps.service.inventory) await deps.explorer.scheduler.ensureLoaded();
  const instances = sshPickOrder((deps.service.inventory?.instances ?? []).filter(reachable));
  if (instances.length === 0) {
    void vscode.window.showInformationMessage(t('No running instance with a public address to connect to.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    instances.map((i) => ({
      label: `$(vm-running) ${i.name ?? i.id}`,
      description: `${i.id} · ${i.elasticIp ?? i.publicIp ?? i.publicDnsName ?? ''}`,
      instance: i,
    })),
    { title, matchOnDescription: true },
  );
  return picked?.instance;
}

async function instanceOf(deps: CommandDeps, arg: InstanceArg, title: string): Promise<Instance | undefined> {
  const id = typeof arg === 'string' ? arg : arg?.kind === 'instance' ? arg.resource?.id : undefined;
  if (id) return deps.ssh.instance(id);
  return pickInstance(deps, title);
}

const labelOf = (i: Instance) => `${i.name ?? i.id} (${i.id})`;

/** Opens index.html of the instance in an editor tab; returns the document's URI (tests read it). */
export async function editIndexHtml(deps: CommandDeps, arg?: InstanceArg): Promise<vscode.Uri | undefined> {
  const instance = await instanceOf(deps, arg, t('Edit index.html on…'));
  if (!instance) return undefined;
  const uri = remoteUri({ instanceId: instance.id, path: INDEX_HTML_PATH });
  const document = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: t('Connecting to {0}…', labelOf(instance)) },
    async () => {
      // Connect first: a refused key or host key is reported as itself, not as "cannot open the document".
      await deps.ssh.session(instance.id);
      return vscode.workspace.openTextDocument(uri);
    },
  );
  await vscode.window.showTextDocument(document, { preview: false });
  return uri;
}

/** Opens a terminal named "SSH: WebServer2 (i-…)"; the shell starts when the terminal opens. */
export async function openSshTerminal(deps: CommandDeps, arg?: InstanceArg): Promise<vscode.Terminal | undefined> {
  const instance = await instanceOf(deps, arg, t('Open an SSH terminal on…'));
  if (!instance) return undefined;
  const label = labelOf(instance);
  return createSshTerminal(
    `SSH: ${label}`,
    label,
    async (options) => (await deps.ssh.session(instance.id)).shell(options),
    t,
    deps.log,
  );
}
