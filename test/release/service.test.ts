import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { secretBox } from '../../src/release/secrets.js';
import { computeProgress, ReleaseService } from '../../src/release/service.js';
import { tempDir } from '../support/tmp.js';
import { CLIENT_APP_ID } from '../support/ids.js';

class Clock {
  current = new Date('2026-11-25T02:00:00.000Z');
  now(): Date {
    return new Date(this.current);
  }
}

let db: Db;
let service: ReleaseService;
let clock: Clock;

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'bot.sqlite'));
  runMigrations(db);
  clock = new Clock();
  service = new ReleaseService(createStore(db), clock, secretBox(Buffer.alloc(32, 3)));
});
afterEach(() => closeDatabase(db));

function start() {
  return service.startRelease({ clientName: 'Acme Coffee', pmUser: 'slack:UPM', actor: 'slack:UPM' });
}

describe('release service', () => {
  it('starts a release with every checklist item to do, once per client', () => {
    const { client, release, created } = start();
    expect(created).toBe(true);
    expect(client).toMatchObject({ name: 'Acme Coffee', locale: 'zh', timezone: 'Asia/Shanghai' });
    expect(service.store.items(release.id).every((i) => i.status === 'todo')).toBe(true);
    const again = service.startRelease({ clientName: 'acme coffee', pmUser: 'slack:UPM', actor: 'slack:UPM' });
    expect(again).toMatchObject({ created: false, release: { id: release.id } });
    expect(service.store.events(release.id).map((e) => e.type)).toContain('release');
  });

  it('records an answer with an audit event holding before and after', () => {
    const { release } = start();
    service.markAsked(release.id, ['app_id'], 'bot');
    clock.current = new Date('2026-11-25T03:00:00.000Z');
    const result = service.recordAnswer(release.id, 'app_id', CLIENT_APP_ID, { actor: 'slack:U9' });
    expect(result).toMatchObject({ kind: 'saved', status: 'answered', corrected: false });
    expect(service.store.item(release.id, 'app_id')).toMatchObject({
      status: 'answered',
      setBy: 'slack:U9',
      setAt: '2026-11-25T03:00:00.000Z',
    });
    const [event] = service.store.events(release.id);
    expect(event).toMatchObject({ type: 'item', actor: 'slack:U9', itemKey: 'app_id' });
    expect(event?.before).toMatchObject({ status: 'asked', value: null, note: null, setBy: null });
    expect(event?.after).toMatchObject({ status: 'answered', value: CLIENT_APP_ID });
  });

  it('refuses an invalid answer with a reason and changes nothing', () => {
    const { release } = start();
    const events = service.store.events(release.id).length;
    const result = service.recordAnswer(release.id, 'app_id', 'wx12345', { actor: 'slack:U9' });
    expect(result).toMatchObject({ kind: 'invalid', reason: { key: 'reason.app_id' } });
    expect(service.store.item(release.id, 'app_id')?.status).toBe('todo');
    expect(service.store.events(release.id)).toHaveLength(events);
  });

  it('replaces a corrected value and keeps the old one in the audit trail', () => {
    const { release } = start();
    service.recordAnswer(release.id, 'app_id', 'wx1a2b3c4d5e6f7a8b', { actor: 'wecom:wang' });
    const result = service.recordAnswer(release.id, 'app_id', 'wx9f8e7d6c5b4a3f2e', {
      actor: 'wecom:wang',
      mode: 'replace',
    });
    expect(result).toMatchObject({
      kind: 'saved',
      corrected: true,
      before: 'wx1a2b3c4d5e6f7a8b',
      after: 'wx9f8e7d6c5b4a3f2e',
    });
    expect(service.store.events(release.id)[0]?.after).toMatchObject({ reason: 'corrected' });
  });

  it('adds list answers across messages and enforces the limit on the total', () => {
    const { release } = start();
    service.recordAnswer(release.id, 'enterprise_account', { registered: true, verified: false }, { actor: 'c' });
    const first = Array.from({ length: 6 }, (_, i) => `dev_first${i}`);
    const second = Array.from({ length: 5 }, (_, i) => `dev_second${i}`);
    expect(service.recordAnswer(release.id, 'developers', first, { actor: 'c' }).kind).toBe('saved');
    const over = service.recordAnswer(release.id, 'developers', second, { actor: 'c' });
    expect(over).toMatchObject({
      kind: 'invalid',
      reason: { key: 'reason.developers_limit_unverified', params: { count: 11, max: 10 } },
    });
    expect(service.store.item(release.id, 'developers')?.value).toEqual(first);
  });

  it('moves statuses: waiting for an applying merchant account, n/a, done, blocked', () => {
    const { release } = start();
    expect(service.recordAnswer(release.id, 'merchant_account', { status: 'applying' }, { actor: 'c' })).toMatchObject({
      status: 'waiting',
    });
    expect(service.setStatus(release.id, 'nearby_locations', 'n/a', 'slack:UPM')).toMatchObject({
      status: 'n/a',
      value: 'n/a',
    });
    expect(service.setStatus(release.id, 'sentry', 'done', 'slack:UPM')).toMatchObject({
      status: 'done',
      value: 'done',
    });
    expect(service.setStatus(release.id, 'app_secret', 'blocked', 'bot', 'WeChat says 40125')).toMatchObject({
      status: 'blocked',
      note: 'WeChat says 40125',
    });
    expect(service.store.events(release.id).filter((e) => e.type === 'item')).toHaveLength(4);
  });

  it('seals an App secret: the item and the events hold only the last 4', () => {
    const { release } = start();
    const secret = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
    expect(service.recordSecret(release.id, 'app_secret', secret, 'c')).toMatchObject({
      kind: 'saved',
      after: { on_file: true, last4: '7e6d' },
    });
    expect(service.revealSecret(release.id, 'app_secret')).toBe(secret);
    const dump = JSON.stringify([service.store.items(release.id), service.store.events(release.id)]);
    expect(dump).not.toContain(secret);
    expect(db.$client.prepare('select ciphertext from secrets').get()).not.toMatchObject({
      ciphertext: expect.stringContaining(secret),
    });
    expect(service.recordSecret(release.id, 'app_secret', 'not-a-secret', 'c')).toMatchObject({ kind: 'invalid' });
  });
});

describe('progress', () => {
  it('counts answered, done and n/a as finished, per section and overall', () => {
    const { release } = start();
    service.recordAnswer(release.id, 'app_id', CLIENT_APP_ID, { actor: 'c' });
    service.setStatus(release.id, 'roles', 'done', 'c');
    service.setStatus(release.id, 'sentry', 'n/a', 'pm');
    service.recordAnswer(release.id, 'merchant_account', { status: 'applying' }, { actor: 'c' });
    const p = service.progress(release.id);
    expect(p).toMatchObject({ done: 3, total: 26 });
    expect(p.sections).toEqual({
      preparation: { done: 2, total: 10 },
      other: { done: 0, total: 6 },
      development: { done: 1, total: 10 },
    });
  });

  it('is zero of zero for no items', () => {
    expect(computeProgress([])).toMatchObject({ done: 0, total: 0 });
  });
});
