export * from './desired';
export * from './live';
export * from './managed';
export * from './plan';
export * from './actions';
