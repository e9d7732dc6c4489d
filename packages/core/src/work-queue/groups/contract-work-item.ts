/** Where a contract's work is done: the contract page, or its amendment's page for an amendment. */
export const contractWorkHref = (contractId: string, kind: 'original' | 'amendment', anchor: string) =>
  kind === 'amendment'
    ? `/s/contracts/${contractId}/amendment#${anchor}`
    : `/s/contracts/${contractId}#${anchor}`;

/** The contract's reference, marked when the work is on an amendment or a renewal (decision record 047). */
export const contractWorkSubject = (reference: string, kind: 'original' | 'amendment', renewal = false) =>
  kind !== 'amendment'
    ? reference
    : renewal
      ? { zh: `${reference}（续签）`, en: `${reference} (renewal)` }
      : { zh: `${reference}（补充协议）`, en: `${reference} (amendment)` };
