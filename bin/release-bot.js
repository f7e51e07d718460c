#!/usr/bin/env node
// Launcher for `npx release-bot …`: runs the compiled CLI (dist/, built by `npm run setup` or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('release-bot: the compiled code is missing (dist/). Run `npm run build` in the project folder (npm run setup does it), then try again.\n');
  process.exit(1);
}
await import(cli.href);
