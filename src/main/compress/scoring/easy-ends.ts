import type { ScoreMethodName } from '../../../shared/api/selection-params';
import { AUM_EASY_END } from '../scores/aum';
import { EL2N_EASY_END } from '../scores/el2n';
import { ENTROPY_EASY_END, MARGIN_EASY_END } from '../scores/entropy-margin';
import { FORGETTING_EASY_END } from '../scores/forgetting';
import type { EasyEnd } from '../scores/trajectory';

/** Which end of each stored score means "easy" (each score module says so for itself). */
export const EASY_END: Record<ScoreMethodName, EasyEnd> = {
  el2n: EL2N_EASY_END,
  forgetting: FORGETTING_EASY_END,
  aum: AUM_EASY_END,
  entropy: ENTROPY_EASY_END,
  margin: MARGIN_EASY_END,
};
