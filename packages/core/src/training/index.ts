export * from './assessment.ts';
export * from './assignments.ts';
export * from './attempts.ts';
export * from './compliance.ts';
export * from './courses.ts';
export * from './requirements.ts';
export * from './roster.ts';
export * from './certificate-pdf.ts';
