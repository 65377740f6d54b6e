export * from './core.js';
export * from './callbacks.js';
