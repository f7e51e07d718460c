import type { planning as en } from '../en/planning.js';

/** 客户设置（`set-tz`、`set-lang`）与等待第三方（`wait`）：告诉项目经理和客户的话。 */
export const planning: Record<keyof typeof en, string> = {
  'plan.set_tz_usage': '哪个时区？例如 /release set-tz {client} Asia/Shanghai（IANA 名称，如 Europe/Berlin、America/New_York）。',
  'plan.set_tz_done': '{client} 的时区已设为 {timezone}：提醒按当地时间 09:00–18:00、在中国日历的工作日发送。已有 {moved} 条待发提醒调整到该时段。',
  'plan.set_lang_usage': '哪种语言？/release set-lang {client} zh|en',
  'plan.set_lang_done': '{client} 今后将收到{language}的问题和提醒。',
  'plan.language.en': '英文',
  'plan.language.zh': '中文',
};
