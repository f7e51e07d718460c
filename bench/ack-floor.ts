/**
 * The floor `bench -- ack` compares the bot with: a bare Bolt app (its own HTTPReceiver,
 * processBeforeResponse) whose only listener inserts each message event durably into SQLite (WAL,
 * synchronous FULL, one transaction per event) before Bolt acknowledges. Run as its own process:
 *
 *   PORT=… SLACK_SIGNING_SECRET=… DATABASE_PATH=… tsx bench/ack-floor.ts   # prints "listening" when ready
 */
import { App } from '@slack/bolt';
import Database from 'better-sqlite3';

const sqlite = new Database(process.env.DATABASE_PATH ?? ':memory:');
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.exec('create table if not exists events (event_id text primary key, body text not null)');
const insert = sqlite.prepare('insert or ignore into events (event_id, body) values (?, ?)');

const app = new App({
  token: 'xoxb-floor',
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  processBeforeResponse: true,
  tokenVerificationEnabled: false,
  botId: 'BFLOOR',
  botUserId: 'UFLOOR',
});
app.event('message', async ({ body }) => {
  const envelope = body as { event_id?: string };
  insert.run(envelope.event_id ?? '', JSON.stringify(body));
});
await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
process.on('SIGTERM', () => {
  void app.stop().finally(() => {
    sqlite.close();
    process.exit(0);
  });
});
