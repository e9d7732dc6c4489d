// Continuity (issue 15, decision record 050): exit plans and the concentration view.
export * from './concentration-shares.ts';
export * from './concentration-view.ts';
export * from './exit-plans.ts';
