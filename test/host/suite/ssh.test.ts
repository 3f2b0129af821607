// SSH in the editor, on the practice account: WebServer's index.html opened through the file system provider
// (scaleoutlab-ssh://<instance id>/var/www/html/index.html), edited with a WorkspaceEdit, saved (atomically,
// through sudo: /var/www/html is root's), read back through the provider and over HTTP; then put back, so the
// UI pass finds the page as the lab left it. A terminal on the same instance answers `whoami` and shows the
// exit status of `exit 3`.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import { activated } from './extensionApi';
import { walk } from './treeRows';

const VISION = '私たちのビジョン';
const EDITED = '私たちのビジョン2';

/** WebServer's instance ID and Elastic IP, from its explorer row's tooltip. */
async function webServer(): Promise<{ id: string; address: string }> {
  const api = await activated();
  await api.whenInventoryLoaded();
  const row = (await walk(api.explorer)).find((r) => r.label === 'WebServer' && /^instance\b/.test(r.contextValue));
  assert.ok(row, 'no WebServer row in the explorer');
  assert.match(row.contextValue, /\brunning\b/, 'WebServer is not running');
  const id = /`(i-[0-9a-f]+)`/.exec(row.tooltip)?.[1];
  const address = /`(\d+\.\d+\.\d+\.\d+)`/.exec(row.tooltip.slice(row.tooltip.indexOf('Elastic IP')))?.[1];
  assert.ok(id && address, `no instance ID or Elastic IP in the tooltip:\n${row.tooltip}`);
  return { id, address };
}

/** The page the practice account serves for `host` (its API port answers web requests by Host header). */
async function page(host: string): Promise<string> {
  const endpoint = await (await activated()).accountEndpoint();
  assert.ok(endpoint, 'the practice account has no endpoint');
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: url.hostname, port: Number(url.port), path: '/', headers: { Host: host }, timeout: 5_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString('utf8'))
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', reject);
  });
}

async function eventually(ok: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Replaces the first `from` in the document with `to` and saves it; the save must succeed. */
async function replaceAndSave(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = document.getText().indexOf(from);
  assert.ok(at >= 0, `${from} is not in ${document.uri.toString()}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit was not applied');
  assert.equal(document.isDirty, true);
  assert.equal(await document.save(), true, 'the save failed (see the log)');
  assert.equal(document.isDirty, false);
}

export function sshTests(): void {
  suite('ssh', () => {
    test('index.html of WebServer opens through the provider, an edit saves over SSH, and the page served changes', async () => {
      const { id, address } = await webServer();
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('scaleOutLab.editIndexHtml', id);
      assert.ok(uri, 'the command opened nothing (see the log)');
      assert.equal(uri.toString(), `scaleoutlab-ssh://${id}/var/www/html/index.html`);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.ok(document, 'the document is not open');
      assert.equal(vscode.window.activeTextEditor?.document, document, 'the tab is not the active editor');
      assert.equal(document.languageId, 'html');
      assert.ok(
        document.getText().includes(VISION) && !document.getText().includes(EDITED),
        'the page should start unedited',
      );
      assert.ok((await page(address)).includes(VISION));

      await replaceAndSave(document, VISION, EDITED);
      const back = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.ok(back.includes(EDITED), 'read back through the provider, the file lacks the edit');
      assert.equal(back, document.getText());
      assert.ok((await page(address)).includes(EDITED), 'the page served over HTTP did not change');
      const stat = await vscode.workspace.fs.stat(uri);
      assert.equal(stat.type, vscode.FileType.File);
      assert.equal(stat.size, Buffer.byteLength(back));

      // Put it back (a second save through sudo): the UI pass expects the lab's page on WebServer.
      await replaceAndSave(document, EDITED, VISION);
      assert.ok(!(await page(address)).includes(EDITED), 'the page still says the edit after it was undone');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('the provider lists folders and maps SFTP errors to FileSystemErrors', async () => {
      const { id } = await webServer();
      const html = vscode.Uri.parse(`scaleoutlab-ssh://${id}/var/www/html`);
      const entries = await vscode.workspace.fs.readDirectory(html);
      assert.deepEqual(
        entries.find(([name]) => name === 'index.html'),
        ['index.html', vscode.FileType.File],
      );
      await assert.rejects(
        async () => vscode.workspace.fs.stat(html.with({ path: '/var/www/html/missing.html' })),
        (e: unknown) => {
          assert.ok(e instanceof vscode.FileSystemError, String(e));
          assert.equal(e.code, 'FileNotFound');
          return true;
        },
      );
      // A save into a folder that does not exist fails (and so a tab would stay dirty): not a silent success.
      await assert.rejects(
        async () =>
          vscode.workspace.fs.writeFile(html.with({ path: '/var/www/nope/x.html' }), new TextEncoder().encode('x')),
        (e: unknown) => {
          assert.ok(e instanceof vscode.FileSystemError, String(e));
          return true;
        },
      );
    });

    test('an SSH terminal on WebServer answers whoami with ec2-user and shows the exit status', async () => {
      const api = await activated();
      const { id } = await webServer();
      const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>(
        'scaleOutLab.openSshTerminal',
        id,
      );
      assert.ok(terminal, 'no terminal (see the log)');
      assert.match(terminal.name, new RegExp(`^SSH: WebServer \\(${id}\\)$`));
      const transcript = () => api.sshTerminalTranscript(terminal) ?? '';
      await eventually(() => /\$ $/.test(transcript()), `the shell prompt; the terminal shows:\n${transcript()}`);
      terminal.sendText('whoami');
      await eventually(() => /\r?\nec2-user\r?\n/.test(transcript()), `ec2-user; the terminal shows:\n${transcript()}`);
      const closed = new Promise<vscode.Terminal>((resolve) => {
        const sub = vscode.window.onDidCloseTerminal((t) => {
          if (t !== terminal) return;
          sub.dispose();
          resolve(t);
        });
      });
      terminal.sendText('exit 3');
      await eventually(
        () => transcript().includes('[exit status 3]'),
        `the exit status; the terminal shows:\n${transcript()}`,
      );
      terminal.sendText('x', false); // "Press any key to close the terminal."
      assert.equal((await closed).exitStatus?.code, 3);
    });
  });
}
