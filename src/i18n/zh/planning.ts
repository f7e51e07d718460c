import type { planning as en } from '../en/planning.js';

/** 客户设置（`set-tz`、`set-lang`）与等待第三方（`wait`）：告诉项目经理和客户的话。 */
export const planning: Record<keyof typeof en, string> = {
  'plan.set_tz_usage':
    '哪个时区？例如 /release set-tz {client} Asia/Shanghai（IANA 名称，如 Europe/Berlin、America/New_York）。',
  'plan.set_tz_done':
    '{client} 的时区已设为 {timezone}：提醒按当地时间 09:00–18:00、在中国日历的工作日发送。已有 {moved} 条待发提醒调整到该时段。',
  'plan.set_lang_usage': '哪种语言？/release set-lang {client} zh|en',
  'plan.set_lang_done': '{client} 今后将收到{language}的问题和提醒。',
  'plan.wait_usage':
    '用法：/release wait <客户> <事项> <YYYY-MM-DD|时长> [原因]，例如 /release wait {client} merchant_account 2026-12-10 银行审核（时长：3d、1w）。域名白名单请用 /release whitelist。',
  'plan.wait_past': '{date} 不晚于 {client} 的今天（{today}）；请给出今天之后的日期，或一天及以上的时长如 1w。',
  'plan.wait_finished': '{client} · {label} 已完成，无需等待。如需重新处理：/release ask {client} {item}',
  'plan.wait_set': '{client} · {label}：等待中{reason}，预计 {date}。期间不再催办；我会在 {at} 再次询问客户。',
  'plan.wait_reason': '（{reason}）',
  'limit.verified': '已认证',
  'limit.unverified': '未认证',
  'limit.over_client':
    '{label}：小程序{state}，最多可添加 {max} 个，目前记录了 {count} 个。请在 用户身份 → 开发者 中移除 {excess} 个，并告诉我们保留哪些。',
  'limit.over_pm':
    '{client} · {label}：账号现为{state}（上限 {max}），已记录 {count} 个，需要移除 {excess} 个。已请客户说明保留哪些。',
  'plan.language.en': '英文',
  'plan.language.zh': '中文',
};
