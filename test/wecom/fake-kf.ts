/**
 * 微信客服 on the fake WeCom API: a message queue behind `kf/sync_msg` (cursor = position,
 * `has_more` by page), invite links, welcome codes (single use), session states, and WeChat's
 * window enforced on `kf/send_msg` (5 messages in the 48 h after the client last wrote), in the
 * test's clock time. A `msgid` given by the sender is unique per kf account: a second message with
 * one already used is refused with 95033 and not delivered. Clients "write" with `clientWrites`; the test then posts the callback.
 *
 *   const kf = addFakeKf(fake, () => clock.now());
 *   kf.enterSession('wmWang', scene);  await kfCallback(base, kf.callbackToken());
 */
import { KF_MSGID_EXISTS } from '../../bots/wecom/kf/chat.js';
import type { Clock } from '../../src/ports.js';
import { contentOf, type FakeWeCom } from './fake-wecom.js';

export const OPEN_KFID = 'wkTESTkf0001';

interface QueuedMessage {
  msgid: string;
  [field: string]: unknown;
}

export interface FakeKf {
  scenes: string[];
  /** Accepted kf sends: { via, touser, content }. */
  sent: { via: 'send_msg' | 'on_event'; touser: string; content: string }[];
  /** Sends the fake refused for the window (the bot should never make one). */
  refused: { touser: string; errcode: number }[];
  /** Sends refused because their msgid was used before (a resend of something that went out). */
  repeatedMsgids: string[];
  states: Map<string, number>;
  trans: { user: string; state: number }[];
  pageSize: number;
  /** sync_msg calls made without a callback token (the start-up pull). */
  tokenlessPulls: number;
  clientWrites(user: string, text: string, msgid?: string): string;
  /** The client sends an image or a file: a sync_msg entry with its media_id (serve the bytes with `fake.media`). */
  clientSendsMedia(user: string, msgtype: 'image' | 'file', mediaId: string): string;
  enterSession(user: string, scene: string): void;
  callbackToken(): string;
  /** Holds the next sync_msg answer after `afterPages` pages until `release()`. */
  holdAfter(afterPages: number): { reached: Promise<void>; release(): void };
  sentTo(user: string): string[];
}

export function addFakeKf(fake: FakeWeCom, clock: Clock): FakeKf {
  const queue: QueuedMessage[] = [];
  const tokens = new Set<string>();
  const welcomeCodes = new Set<string>();
  const lastClientAt = new Map<string, number>();
  const sentInWindow = new Map<string, number>();
  let seq = 0;
  let pagesServed = 0;
  let hold: { after: number; gate: Promise<void>; reached: () => void } | undefined;
  const kf: FakeKf = {
    scenes: [],
    sent: [],
    refused: [],
    repeatedMsgids: [],
    states: new Map(),
    trans: [],
    pageSize: 1000,
    tokenlessPulls: 0,
    clientWrites(user, text, msgid = `kfmsg-${++seq}`) {
      queue.push({
        msgid,
        open_kfid: OPEN_KFID,
        external_userid: user,
        send_time: Math.floor(clock.now().getTime() / 1000),
        origin: 3,
        msgtype: 'text',
        text: { content: text },
      });
      lastClientAt.set(user, clock.now().getTime());
      sentInWindow.set(user, 0);
      return msgid;
    },
    clientSendsMedia(user, msgtype, mediaId) {
      const msgid = `kfmsg-${++seq}`;
      queue.push({
        msgid,
        open_kfid: OPEN_KFID,
        external_userid: user,
        send_time: Math.floor(clock.now().getTime() / 1000),
        origin: 3,
        msgtype,
        [msgtype]: { media_id: mediaId },
      });
      lastClientAt.set(user, clock.now().getTime());
      sentInWindow.set(user, 0);
      return msgid;
    },
    enterSession(user, scene) {
      const code = `welcome-${++seq}`;
      welcomeCodes.add(code);
      queue.push({
        msgid: `evt-${seq}`,
        origin: 4,
        msgtype: 'event',
        event: { event_type: 'enter_session', open_kfid: OPEN_KFID, external_userid: user, scene, welcome_code: code },
      });
    },
    callbackToken() {
      const token = `synctoken-${++seq}`;
      tokens.add(token);
      return token;
    },
    holdAfter(afterPages) {
      let release = (): void => {};
      let reached = (): void => {};
      const reachedP = new Promise<void>((r) => {
        reached = r;
      });
      const gate = new Promise<void>((r) => {
        release = r;
      });
      hold = { after: pagesServed + afterPages, gate, reached };
      return { reached: reachedP, release };
    },
    sentTo(user) {
      return kf.sent.filter((s) => s.touser === user).map((s) => s.content);
    },
  };

  const windowRefusal = (user: string): number | undefined => {
    const last = lastClientAt.get(user);
    if (last === undefined || clock.now().getTime() - last >= 48 * 3_600_000) return 95026;
    if ((sentInWindow.get(user) ?? 0) >= 5) return 95026;
    return undefined;
  };

  const usedMsgids = new Set<string>();
  /** The msgid rule of both send APIs: answers the refusal for a used one, or records it. */
  const msgidRefusal = (body: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (body.msgid === undefined) return undefined;
    const msgid = String(body.msgid);
    if (!/^[0-9a-zA-Z_-]{1,32}$/.test(msgid)) return { errcode: 40058, errmsg: 'invalid msgid' };
    if (usedMsgids.has(msgid)) {
      kf.repeatedMsgids.push(msgid);
      return { errcode: KF_MSGID_EXISTS, errmsg: 'msgid already exists' };
    }
    return undefined;
  };
  const useMsgid = (body: Record<string, unknown>): void => {
    if (body.msgid !== undefined) usedMsgids.add(String(body.msgid));
  };

  fake.route((path, body) => {
    switch (path) {
      case '/cgi-bin/kf/add_contact_way': {
        const scene = String(body.scene ?? '');
        kf.scenes.push(scene);
        return { url: `https://work.weixin.qq.com/kfid/kfc0123456789?enc_scene=${scene}` };
      }
      case '/cgi-bin/kf/service_state/get':
        return { service_state: kf.states.get(String(body.external_userid)) ?? 1, servicer_userid: '' };
      case '/cgi-bin/kf/service_state/trans':
        kf.trans.push({ user: String(body.external_userid), state: Number(body.service_state) });
        kf.states.set(String(body.external_userid), Number(body.service_state));
        return {};
      case '/cgi-bin/kf/send_msg_on_event': {
        const code = String(body.code);
        const repeated = msgidRefusal(body);
        if (repeated) return repeated;
        if (!welcomeCodes.delete(code)) return { errcode: 95007, errmsg: 'invalid msg token' };
        useMsgid(body);
        const user = queue.find((m) => (m.event as { welcome_code?: string } | undefined)?.welcome_code === code)
          ?.event as { external_userid: string };
        kf.sent.push({ via: 'on_event', touser: user.external_userid, content: contentOf(body) });
        return { msgid: `sent-${kf.sent.length}` };
      }
      case '/cgi-bin/kf/send_msg': {
        const user = String(body.touser);
        const repeated = msgidRefusal(body);
        if (repeated) return repeated;
        const refusal = windowRefusal(user);
        if (refusal) {
          kf.refused.push({ touser: user, errcode: refusal });
          return { errcode: refusal, errmsg: 'the reply window is closed or full' };
        }
        useMsgid(body);
        sentInWindow.set(user, (sentInWindow.get(user) ?? 0) + 1);
        kf.sent.push({ via: 'send_msg', touser: user, content: contentOf(body) });
        return { msgid: body.msgid ?? `sent-${kf.sent.length}` };
      }
      default:
        return undefined;
    }
  });

  fake.route((path, body) => {
    if (path !== '/cgi-bin/kf/sync_msg') return undefined;
    // The callback token is optional (WeChat rate-limits calls without it harder); a wrong one is refused.
    if (body.token === undefined) kf.tokenlessPulls += 1;
    else if (!tokens.has(String(body.token))) return { errcode: 95007, errmsg: 'invalid sync token' };
    const from = body.cursor ? Number(body.cursor) : 0;
    const page = queue.slice(from, from + kf.pageSize);
    const next = from + page.length;
    return { next_cursor: String(next), has_more: next < queue.length ? 1 : 0, msg_list: page };
  });

  // sync_msg may be held (a crash between pull and processing): wrap the route with a gate.
  fake.beforeAnswer = async (path: string) => {
    if (path !== '/cgi-bin/kf/sync_msg') return;
    pagesServed += 1;
    if (hold && pagesServed > hold.after) {
      const h = hold;
      hold = undefined;
      h.reached();
      await h.gate;
    }
  };
  return kf;
}
