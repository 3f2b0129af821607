// The practice shell's session commands: who the user is (whoami, id; hostname is shellNetwork.ts's), the
// working directory (pwd, cd), clear, true and false. `sudo` and `exit` are the shell's own (shell.ts).
import { FsError, HOME, resolvePath } from './instanceFiles';
import { reason, type Command } from './shellCommon';

export const SESSION_COMMANDS: Record<string, Command> = {
  true: () => 0,
  false: () => 1,
  pwd: (shell, { out }) => (out.stdout(`${shell.cwd}\n`), 0),
  whoami: (_shell, { user, out }) => (out.stdout(`${user}\n`), 0),
  clear: (_shell, { out }) => (out.stdout('\x1b[H\x1b[2J\x1b[3J'), 0),
  id: (_shell, { user, out }) => {
    out.stdout(
      user === 'root'
        ? 'uid=0(root) gid=0(root) groups=0(root)\n'
        : 'uid=1000(ec2-user) gid=1000(ec2-user) groups=1000(ec2-user),4(adm),10(wheel),190(systemd-journal)\n',
    );
    return 0;
  },
  cd: (shell, { user, args, out }) => {
    const target = resolvePath(shell.cwd, args[0] ?? HOME);
    try {
      const node = shell.host.files.stat(user, target);
      if (node.kind !== 'directory') throw new FsError('ENOTDIR', target);
      if (!shell.host.files.allowed(user, node, 'x')) throw new FsError('EACCES', target);
      shell.cwd = target;
      return 0;
    } catch (error) {
      out.stderr(`bash: cd: ${args[0] ?? HOME}: ${reason(error)}\n`);
      return 1;
    }
  },
};
