/** The PT's API limits live in the engine (engine/pt/limits); the constructs check with the same rules. */
export * from '../engine/pt/limits';
