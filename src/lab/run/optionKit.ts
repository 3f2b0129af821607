// What the planners share: a text option with its default.
import type { StepOption } from '../types';

export const text = (key: string, code: string, value: string): StepOption => ({
  key,
  code,
  kind: 'text',
  default: value,
});
