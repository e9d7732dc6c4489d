// The auditor's view of the audit log (issue 16, decision record 053).
export * from './changes.ts';
export * from './export.ts';
export * from './search.ts';
export * from './verify.ts';
