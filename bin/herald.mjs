#!/usr/bin/env node
// Herald's command line. Runs the TypeScript sources directly (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
