import { stepAfterFee as next } from '../domain/steps.js';

export const stepAfterFee = (needsVote: boolean): { step: string; name: string } => {
  const { step, name } = next(needsVote);
  return { step, name };
};
