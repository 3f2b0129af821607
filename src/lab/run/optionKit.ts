// What the planners share: a text option with its default, the AZs a server can go to and the choice of one.
import type { Inventory } from '../../aws/types';
import type { StepOption } from '../types';

export const text = (key: string, code: string, value: string): StepOption => ({
  key,
  code,
  kind: 'text',
  default: value,
});

/** AZs of the region with a subnet in the VPC (all the region's when the VPC is unknown). */
export function azsWithSubnet(inv: Inventory, vpcId: string | undefined): string[] {
  const names = inv.azs.map((a) => a.name);
  const withSubnet = new Set(inv.subnets.filter((s) => !vpcId || s.vpcId === vpcId).map((s) => s.az));
  return names.filter((n) => withSubnet.has(n)).sort();
}

/** An AZ to choose among `azs`, `preferred` by default when it is one of them; WebServer's marked. */
export function azChoice(
  azs: readonly string[],
  preferred: string,
  webServerAz?: string,
  key = 'az',
  code = 'option.az',
): StepOption {
  return {
    key,
    code,
    kind: 'choice',
    default: azs.includes(preferred) ? preferred : (azs[0] ?? preferred),
    choices: azs.map((az) => ({
      value: az,
      code: 'choice.az',
      args: az === webServerAz ? { az, note: 'webServer' } : { az, note: '' },
    })),
  };
}
