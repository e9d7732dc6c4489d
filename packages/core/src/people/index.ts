// People, roles and departments; password links (decision record 042).
export * from './access.ts';
export * from './authenticator-reset.ts';
export * from './departments.ts';
export * from './first-admin.ts';
export * from './partner-people.ts';
export * from './password-tokens.ts';
export * from './staff-people.ts';
export { passwordProblemError } from './password-shared.ts';
