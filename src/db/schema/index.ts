export * from './core.js';
export * from './callbacks.js';
export * from './messaging.js';
export * from './media.js';
export * from './articles.js';
