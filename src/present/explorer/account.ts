// The account row at the root: who is signed in, where (region, endpoint) and when the snapshot was taken;
// before the first snapshot, what settings say about the account (the hint), so the root never jumps.
import type { Inventory } from '../../aws/types';
import type { Translate } from '../translate';
import { icon, make, ROOT_ID, type MutableNode } from './nodes';
import type { AccountHint } from './state';
import { mdCode, mdFields, timeText } from './text';

/** The root while loading or after a failure with nothing to show: from the hint alone. */
export function accountNodeFromHint(hint: AccountHint | undefined, t: Translate): MutableNode {
  const region = hint?.region ?? '…';
  const label =
    hint?.kind === 'practice'
      ? t('Practice account · {0}', region)
      : [hint ? (hint.profile ?? t('AWS account')) : t('Account'), hint?.region].filter(Boolean).join(' · ');
  return make(undefined, {
    kind: 'account',
    id: ROOT_ID,
    label,
    description: hint?.endpoint,
    icon: icon(hint?.kind === 'practice' ? 'beaker' : 'cloud'),
    expand: 'expanded',
    tokens: hint ? [hint.kind] : [],
  });
}

/** The root of a loaded tree: the inventory's account, with its ARN and id for the copy commands. */
export function accountNode(inv: Inventory, t: Translate): MutableNode {
  const ctx = inv.context;
  const label =
    ctx.kind === 'practice'
      ? t('Practice account · {0}', ctx.region)
      : [ctx.profile, ctx.accountId, ctx.region].filter(Boolean).join(' · ');
  return make(undefined, {
    kind: 'account',
    id: ROOT_ID,
    label,
    // In a class, whose view this is comes first: the rest of the account is not shown.
    description: inv.student ? t('{0}’s lab', inv.student) : ctx.kind === 'aws' ? ctx.endpoint : undefined,
    tooltip: mdFields([
      [t('Student'), inv.student ? mdCode(inv.student) : undefined],
      [t('Account'), mdCode(ctx.accountId)],
      [t('Signed in as'), mdCode(ctx.callerArn)],
      [t('Profile'), ctx.profile ? mdCode(ctx.profile) : undefined],
      [t('Region'), mdCode(ctx.region)],
      [t('Endpoint'), ctx.endpoint ? mdCode(ctx.endpoint) : undefined],
      [t('Updated'), timeText(inv.fetchedAt)],
    ]),
    icon: icon(ctx.kind === 'practice' ? 'beaker' : 'cloud'),
    expand: 'expanded',
    resource: { id: ctx.accountId, arn: ctx.callerArn, region: ctx.region },
    tokens: [ctx.kind],
  });
}
