// The student's side of the database exercises from a web server: an SSH session (the practice route, ssh2 client)
// and an interactive shell on it with a pty, whose printed text a test waits for.
import assert from 'node:assert/strict';
import type { Client, ClientChannel } from 'ssh2';
import { eventually } from '../../../fixtures/practiceLab';
import type { Ec2Practice } from '../ec2/ec2Practice';
import { sshConnect, sshTarget } from './testVpcWeb';

/** A ready SSH session to the instance, as the practice route connects. */
export async function sshSession(practice: Ec2Practice, instanceId: string): Promise<Client> {
  const attempt = await sshConnect(await sshTarget(practice, instanceId), 5000);
  assert.equal(attempt.kind, 'ready');
  return (attempt as { client: Client }).client;
}

/** A shell with a pty, and a reader that waits for text in what it printed since `from`. */
export function shellOf(
  client: Client,
): Promise<{ stream: ClientChannel; output: () => string; waitFor: (p: RegExp, from?: number) => Promise<string> }> {
  return new Promise((resolve, reject) => {
    client.shell({ term: 'xterm-256color', cols: 120, rows: 30 }, (error, stream) => {
      if (error) return reject(error);
      let output = '';
      stream.on('data', (d: Buffer) => (output += d.toString()));
      const waitFor = (pattern: RegExp, from = 0) =>
        eventually(
          async () => output.slice(from),
          (text) => pattern.test(text),
          5000,
        );
      resolve({ stream, output: () => output, waitFor });
    });
  });
}
