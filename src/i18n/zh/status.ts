import type { status as en } from '../en/status.js';

/** 项目经理看到的状态：总览、单个上线、时长。 */
export const status: Record<keyof typeof en, string> = {
  'status.none': '目前没有进行中的上线。用 /release start <客户名称> 开始一个。',
  'status.overview_title': '进行中的上线',
  'status.release_title': '{client} — 小程序上线',
  'status.waiting_on_client': '等待客户：{count} 项（最久 {age}）',
  'status.nothing_waiting': '没有等待客户的事项',
  'status.overdue': '逾期：{items}',
  'status.blocked_items': '受阻：{items}',
  'status.next': '下次：{kind} {at}',
  'status.no_reminder': '没有待发提醒',
  'status.last_reply': '客户 {age} 前发过消息',
  'status.never_replied': '客户尚未发过消息',
  'status.secrets': '已保存的密钥：{list}',
  'status.pm': '项目经理：{pm}',
  'status.target': '目标日期：{date}',
  'status.set_by': '{who}，{at}',
  'status.not_found': '没有名为「{client}」的客户。',
  'reminder.nudge': '提醒',
  'reminder.escalation': '升级通知',
  'reminder.whitelist_check': '白名单检查',
  'reminder.due_date': '截止日期提醒',
  'reminder.digest': '每日摘要',
  'duration.min': '{n} 分钟',
  'duration.h': '{n} 小时',
  'duration.d': '{n} 天',
};
