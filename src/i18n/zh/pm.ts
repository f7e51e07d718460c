import type { pm as en } from '../en/pm.js';

/** 机器人无法送达时告诉项目经理的话。 */
export const pm: Record<keyof typeof en, string> = {
  'outbox.window_closed': '客户已 48 小时没有发消息，微信不再允许机器人联系对方——请用您自己的企业微信联系客户',
  'outbox.window_full':
    '自客户上次发消息以来机器人已发送 5 条消息，达到微信上限，需等客户回复——请用您自己的企业微信联系客户',
  'outbox.gave_up': '连续 {hours} 小时发送失败（最后一次错误：{error}）',
  'outbox.handed_to_pm': '无法发送给 {client}：{reason}。\n原消息：\n{message}',
};
