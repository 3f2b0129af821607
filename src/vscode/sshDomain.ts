// The SSH sessions (ssh2 and its crypto), the entry of a bundle of their own (dist/ssh.js) loaded on the first
// connection, not at activation nor with the domain: most sessions never open a terminal. The parts that need no
// ssh2 (host keys, targets) are in domain.ts.
export { SshConnections } from '../ssh/connections';
export { SshSession } from '../ssh/session';
