// Commands on one resource in the explorer: copy its ID, ARN or DNS name; open it in the AWS console.
// Invoked from the tree's context menu with the node; from a keybinding, the view's selection is used.
import * as vscode from 'vscode';
import { consoleUrl } from '../../aws/consoleUrl';
import type { ExplorerNode, ResourceRef } from '../../present/explorer/nodes';
import type { CommandDeps } from './deps';

const t = vscode.l10n.t;

function resourceOf({ explorer }: CommandDeps, node: ExplorerNode | undefined): ResourceRef | undefined {
  return (node ?? explorer.view.selection[0])?.resource;
}

async function copy(value: string | undefined): Promise<void> {
  if (!value) return;
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(`$(copy) ${t('Copied {0}', value)}`, 3000);
}

export const copyId = (deps: CommandDeps, node?: ExplorerNode) => copy(resourceOf(deps, node)?.id);
export const copyArn = (deps: CommandDeps, node?: ExplorerNode) => copy(resourceOf(deps, node)?.arn);
export const copyDnsName = (deps: CommandDeps, node?: ExplorerNode) => copy(resourceOf(deps, node)?.dnsName);

export async function openInConsole(deps: CommandDeps, node?: ExplorerNode): Promise<void> {
  const resource = resourceOf(deps, node);
  if (!resource?.consoleType || (!resource.id && !resource.arn)) return;
  if (deps.service.accountKind !== 'aws') {
    void vscode.window.showInformationMessage(
      t('The practice account has no AWS console: its resources live on this computer.'),
    );
    return;
  }
  const url = consoleUrl({
    type: resource.consoleType,
    id: resource.id ?? '',
    arn: resource.arn,
    region: resource.region,
  });
  // A string keeps the console's fragment (`#InstanceDetails:instanceId=…`) as written; a vscode.Uri would be
  // percent-encoded again (microsoft/vscode#85930). The API accepts a string although it is typed as Uri.
  await vscode.env.openExternal(url as unknown as vscode.Uri);
}
