// The SSH modules the extension loads on the first connection (`await import()`), not at activation: ssh2 and
// its crypto take time to evaluate, and most sessions never open a terminal.
export { HostKeyStore } from '../ssh/hostKeys';
export { SshConnections } from '../ssh/connections';
export { SshSession } from '../ssh/session';
export { resolveSshTarget } from '../ssh/target';
