// RDS's rules for a master password (8 to 41 printable ASCII characters, none of / @ " or a space): checked before
// the password leaves the editor or the CLI, so a refusal names the rule and never the password.
import { reason } from './codes';
import type { Reason } from './types';

export function dbPasswordProblem(password: string): Reason | undefined {
  if (password.length < 8 || password.length > 41)
    return reason('run.badDbPassword', { rule: 'length', length: password.length });
  if (!/^[\x21-\x7e]+$/.test(password) || /[/@"]/.test(password))
    return reason('run.badDbPassword', { rule: 'characters' });
  return undefined;
}
