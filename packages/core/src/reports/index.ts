export * from './closed-quarter.ts';
export * from './generate.ts';
export * from './read.ts';
export * from './report-data.ts';
export * from './report-files.ts';
