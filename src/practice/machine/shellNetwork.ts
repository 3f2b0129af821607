// The practice shell's network commands: `ip` (addr, route, link; `-4` for IPv4 only) and `hostname` (its -I, -i,
// -s, -f), with iproute2's and hostname's wording and exit statuses. What they show comes from the instance's
// subnet and VPC (network.ts).
import type { Command, ShellState } from './shellCommon';
import { ipAddrText, ipLinkText, ipRouteText, ipv6RouteText, type InstanceNetwork } from './network';

const IP_USAGE =
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       ip [ -force ] -batch filename\n' +
  'where  OBJECT := { address | link | route | ... }\n' +
  '       OPTIONS := { -4 | -6 | ... }\n';

/** iproute2 accepts any prefix of an object's or command's name ("a", "addr", "ro"). */
const isPrefixOf = (word: string, name: string, shortest = 1) => word.length >= shortest && name.startsWith(word);

function networkOf(shell: ShellState): InstanceNetwork | undefined {
  try {
    return shell.host.files.network();
  } catch {
    return undefined; // the instance is gone
  }
}

const ip: Command = (shell, { args, out }) => {
  const words = [...args];
  let family: 'all' | 'inet' | 'inet6' = 'all';
  while (words[0]?.startsWith('-')) {
    const option = words.shift() ?? '';
    if (option === '-4' || option === '-6') family = option === '-4' ? 'inet' : 'inet6';
    else return (out.stderr(`Option "${option}" is unknown, try "ip -help".\n`), 255);
  }
  const ipv4Only = family === 'inet';
  const [object, command = 'show', ...rest] = words;
  if (object === undefined) return (out.stderr(IP_USAGE), 255);
  const network = networkOf(shell);
  const show = isPrefixOf(command, 'show') || isPrefixOf(command, 'list');
  if (isPrefixOf(object, 'address')) {
    if (!show) return (out.stderr(`Command "${command}" is unknown, try "ip address help".\n`), 255);
    const device = rest[0] === 'dev' ? rest[1] : rest[0];
    if (device !== undefined && device !== 'lo' && device !== network?.device)
      return (out.stderr(`Device "${device}" does not exist.\n`), 1);
    if (network) out.stdout(ipAddrText(network, { ipv4Only, ...(device ? { device } : {}) }));
    return 0;
  }
  if (isPrefixOf(object, 'route')) {
    if (!show) return (out.stderr(`Command "${command}" is unknown, try "ip route help".\n`), 255);
    if (network) out.stdout(family === 'inet6' ? ipv6RouteText(network) : ipRouteText(network));
    return 0;
  }
  if (isPrefixOf(object, 'link')) {
    if (!show) return (out.stderr(`Command "${command}" is unknown, try "ip link help".\n`), 255);
    if (network) out.stdout(ipLinkText(network));
    return 0;
  }
  out.stderr(`Object "${object}" is unknown, try "ip help".\n`);
  return 255;
};

const hostname: Command = (shell, { user, args, out }) => {
  const name = shell.host.hostname;
  const [option] = args;
  if (option === undefined || option === '-f' || option === '--fqdn' || option === '--long') {
    out.stdout(`${name}\n`);
    return 0;
  }
  if (option === '-s' || option === '--short') return (out.stdout(`${name.split('.')[0]}\n`), 0);
  if (option === '-I' || option === '--all-ip-addresses' || option === '-i' || option === '--ip-address') {
    const address = networkOf(shell)?.address;
    // -I lists the interfaces' addresses, each followed by a space; -i resolves the host name.
    out.stdout(address ? (option === '-i' || option === '--ip-address' ? `${address}\n` : `${address} \n`) : '\n');
    return 0;
  }
  if (option.startsWith('-')) {
    out.stderr(`hostname: invalid option -- '${option.replace(/^-+/, '')}'\n`);
    return 1;
  }
  if (user !== 'root') {
    out.stderr('hostname: you must be root to change the host name\n');
    return 1;
  }
  out.stderr("hostname: the practice instance's host name follows its private address\n");
  return 1;
};

export const NETWORK_COMMANDS: Record<string, Command> = { ip, hostname };
