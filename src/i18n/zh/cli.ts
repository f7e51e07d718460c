import type { cli as en } from '../en/cli.js';

/** `release-bot` 命令行自身的文字（各命令的结果使用所属领域的文案）。 */
export const cli: Record<keyof typeof en, string> = {
  'cli.usage': '用法：release-bot <命令>',
  'cli.unknown_command': '未知命令「{name}」。',
  'cli.usage_of': '用法：release-bot {usage}',
  'cli.database_ready': '数据库已就绪：{path}',
  'cli.no_release_named': '没有名为「{name}」的客户的上线流程。查看全部：release-bot status',
  'cli.chat_intro': '您扮演客户。以 /release 开头的行是项目经理的命令（试试：/release start Acme Coffee）。按 Ctrl-D 退出。',
  'cli.bot': '机器人',
  'cli.bot_to': '机器人 → {who}',
  'cli.to_pm': '（给项目经理）',
  'cli.role_pm': '项目经理',
  'cli.role_client': '客户',
  'cli.final_status': '=== 最终状态',
  'cli.calendar.title': '工作日历（中国大陆）：法定节假日与调休上班日来自 chinese-days（{years} 年）{file}。提醒只在工作日的 {opens}–{closes} 发送，按各客户的时区。',
  'cli.calendar.file': '及 {path}',
  'cli.calendar.working': '工作日',
  'cli.calendar.weekend': '周末',
  'cli.calendar.holiday': '节假日：{name}',
  'cli.calendar.makeup': '调休上班（{name}）',
  'cli.calendar.unknown': '（没有 {year} 年的节假日数据：按普通工作日/周末计算）',
  'cli.calendar.gap': '警告：没有 {years} 年的法定节假日数据，这些日子暂按普通周一至周五计算；请在 CALENDAR_FILE 中补充该年的节假日与调休。',
  'cli.calendar.bad_from': '--from 需要形如 2026-09-28 的日期（收到「{value}」）。',
  'cli.calendar.bad_days': '--days 需要 1 到 366 的整数（收到「{value}」）。',
  'cli.calendar.weekdays': '周日,周一,周二,周三,周四,周五,周六',
};
