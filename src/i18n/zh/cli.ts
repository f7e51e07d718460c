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
};
