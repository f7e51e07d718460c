/**
 * `kf/sync_msg` entries → what we act on. Pure. origin 3 is the client writing, origin 4 a system
 * event (`enter_session` carries the invite link's scene and a welcome code), origin 5 a human
 * servicer writing from WeCom (ours to ignore).
 * https://developer.work.weixin.qq.com/document/path/94670
 *
 *   decodeKfMessage({ msgid: 'm1', origin: 3, msgtype: 'text', external_userid: 'wm1', text: { content: 'hi' } })
 *   // { kind: 'client', externalUserId: 'wm1', inbound: { platform: 'kf', text: 'hi', … } }
 */
import type { Inbound } from '../../../src/inbound.js';

export interface KfMessage {
  msgid?: string;
  origin?: number;
  msgtype?: string;
  external_userid?: string;
  text?: { content?: string };
  image?: { media_id?: string };
  file?: { media_id?: string };
  event?: { event_type?: string; external_userid?: string; scene?: string; welcome_code?: string };
}

export type KfDecoded =
  | { kind: 'client'; externalUserId: string; inbound: Inbound }
  | { kind: 'enter'; externalUserId: string; scene: string | undefined; welcomeCode: string | undefined }
  | { kind: 'ignored'; why: string };

const FILES: Record<string, 'image' | 'file' | 'other'> = {
  image: 'image',
  file: 'file',
  voice: 'other',
  video: 'other',
  location: 'other',
  link: 'other',
};

export function decodeKfMessage(m: KfMessage): KfDecoded {
  if (m.msgtype === 'event' && m.event?.event_type === 'enter_session' && m.event.external_userid) {
    return {
      kind: 'enter',
      externalUserId: m.event.external_userid,
      scene: m.event.scene || undefined,
      welcomeCode: m.event.welcome_code || undefined,
    };
  }
  if (m.origin !== 3) return { kind: 'ignored', why: `origin ${m.origin ?? '?'} ${m.msgtype ?? ''}` };
  const user = m.external_userid;
  if (!user || !m.msgid) return { kind: 'ignored', why: 'no external_userid or msgid' };
  const base = { platform: 'kf' as const, channel: user, sender: `kf:${user}`, externalId: m.msgid };
  if (m.msgtype === 'text')
    return { kind: 'client', externalUserId: user, inbound: { ...base, text: (m.text?.content ?? '').trim() } };
  const kind = FILES[m.msgtype ?? ''] ?? 'other';
  // Images and files carry a media_id to fetch them by (media/get with 微信客服's token).
  const ref = m.msgtype === 'image' ? m.image?.media_id : m.msgtype === 'file' ? m.file?.media_id : undefined;
  return {
    kind: 'client',
    externalUserId: user,
    inbound: { ...base, attachments: [{ kind, ...(ref ? { ref } : {}) }] },
  };
}
