// Departments and responsible persons (issue 16, decision record 050).
export * from './ownership.ts';
export * from './rectification-list.ts';
