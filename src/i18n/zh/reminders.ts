/** 提醒的文案：催办、升级给 PM、上线日期提醒、PM 晨报、`snooze` 与 `remind` 命令。 */
import type { reminders as en } from '../en/reminders.js';

export const reminders: Record<keyof typeof en, string> = {
  'remind.list_sep': '、',
  'remind.list_and': ' 和 ',
  'remind.nudge': '提醒：还差 {items}，方便时回复即可 🙏',
  'remind.guess_done': '提醒一下{label}：已经完成了吗？完成了回复“对”即可；还没好的话，好了再告诉我 🙏',
  'remind.guess': '提醒一下{label}：如果“{value}”就是要记的内容，回复“对”即可；不是的话，等有了再发给我就好 🙏',
  'remind.escalation': '{client} 已 {days} 个工作日（不含周末和法定节假日）未回复：{items}。',
  'remind.recheck': '跟进一下「{item}」：之前在等待{reason}，预计 {date} 完成。现在进展如何？方便时回复即可 🙏',
  'remind.recheck_reason': '（{reason}）',
  'remind.button.open': '打开对话',
  'remind.button.snooze': '延后 2 天',
  'remind.due_date.3d': '温馨提示：预计上线日期为 {date}（还有 3 个工作日），以下事项仍未完成：{items}。',
  'remind.due_date.1d': '温馨提示：下一个工作日（{date}）就是预计上线日期，以下事项仍未完成：{items}。',
  'remind.digest.title': '早上好，{date} 的上线进度：',
  'remind.digest.line': '{client}：已完成 {done}/{total} · 昨日以来 {changes} 项变化 · 等待客户：{waiting}',
  'remind.digest.stuck': '    卡住：{items}',
  'remind.digest.next': '    下一步：{kind} {at}',
  'remind.digest.calendar_gap':
    '注意：工作日历没有 {years} 年的法定节假日数据，这些日子暂按普通周一至周五计算。请在 CALENDAR_FILE 中补充。',
  'remind.launch.turned': '{client}：上线状态由「{from}」变为「{to}」。{plan}',
  'remind.cmd.snooze_usage':
    '用法：/release snooze <客户> <事项> <时长>，例如 /release snooze {client} app_id 2d（m、h、d 或 w）。',
  'remind.cmd.snoozed': '已将 {client} 的「{label}」提醒延后到 {at}。',
  'remind.cmd.nothing_scheduled': '{client} 的「{label}」没有待发的提醒。请先提问：/release ask {client} {item}',
  'remind.cmd.reminded': '已提醒 {client}，共 {count} 个待回复的问题。',
  'remind.cmd.nothing_to_remind': '{client} 没有待回复的问题，无需提醒。',
  'remind.cli.none': '没有待发的提醒。',
  'remind.cli.unknown_client': '没有名为「{client}」的客户。运行 `release-bot reminders` 查看所有提醒。',
};
