export * from './plan-file';
export * from './secrets';
