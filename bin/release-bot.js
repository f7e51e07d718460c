#!/usr/bin/env node
// Launcher for `npx release-bot …`: registers tsx in-process, then runs the TypeScript CLI (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
