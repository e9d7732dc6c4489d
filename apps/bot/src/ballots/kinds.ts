import { contractBallotKind } from '../contracts/ballot-kind.ts';
import { incentiveBallotKind } from '../incentives/ballot-kind.ts';
import { terminationBallotKind } from '../terminations/ballot-kind.ts';
import type { BallotKind } from './kind.ts';

/** Every approval ballot the listeners answer (decision record 058: add a kind here). */
export const BALLOT_KINDS: readonly BallotKind[] = [
  contractBallotKind,
  incentiveBallotKind,
  terminationBallotKind,
];
