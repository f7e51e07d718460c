/**
 * `npm run bench`: every benchmark, one after another, printing its figures. Each lives in
 * `bench/<name>.ts` and exports `run(): Promise<void>`; `npm run bench -- <name>` runs one.
 * Benchmarks talk only to 127.0.0.1 (a private redis-server, local SQLite files).
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  ack: () => import('./ack.js'),
  idle: () => import('./idle.js'),
  reader: () => import('./reader.js'),
  'reader-cost': () => import('./reader-cost.js'),
  files: () => import('./files.js'),
  reminders: () => import('./reminders.js'),
  'reminder-sql': () => import('./reminder-sql.js'),
  replies: () => import('./replies.js'),
  status: () => import('./status.js'),
};

const only = process.argv.slice(2);
for (const [name, load] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`\n== ${name}\n`);
  await (await load()).run();
}
