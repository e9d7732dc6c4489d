/** Where a contract's work is done: the contract page, or its amendment's page for an amendment. */
export const contractWorkHref = (contractId: string, kind: 'original' | 'amendment', anchor: string) =>
  kind === 'amendment'
    ? `/s/contracts/${contractId}/amendment#${anchor}`
    : `/s/contracts/${contractId}#${anchor}`;

/** The contract's reference, marked when the work is on an amendment. */
export const contractWorkSubject = (reference: string, kind: 'original' | 'amendment') =>
  kind === 'amendment' ? { zh: `${reference}（补充协议）`, en: `${reference} (amendment)` } : reference;
