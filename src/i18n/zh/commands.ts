import type { commands as en } from '../en/commands.js';

/** 对项目经理 /release 命令的回复。 */
export const commands: Record<keyof typeof en, string> = {
  'cmd.failed': '抱歉，这条命令在我们这边出错了，没有做任何改动。请过一分钟再试；如果一直失败，请告诉机器人的管理员。',
  'cmd.help_title': '命令（仅限项目经理）：',
  'cmd.help_items': '事项：{items}',
  'cmd.usage.help': '/release help — 显示此列表',
  'cmd.usage.start':
    '/release start <客户> [v2.1] [wecom:<userid> …] [en|zh] [kf] — 将此会话（或这些企业微信联系人、或微信客服链接）绑定到客户并开始上线流程（可带版本号）；再次发布时沿用不常变化的信息，请客户一次确认',
  'cmd.usage.status': '/release status [客户] — 所有进行中的上线，或某个客户的逐项状态',
  'cmd.usage.done': '/release done <客户> <事项> — 标记事项已完成',
  'cmd.usage.skip': '/release skip <客户> <事项> — 标记事项不适用',
  'cmd.usage.ask': '/release ask <客户> <事项> — 再次询问客户',
  'cmd.usage.whitelist':
    '/release whitelist <客户> <域名…> [备案号] — 记录小程序域名白名单提交（24 小时后、在下一个工作时段检查）',
  'cmd.usage.invite':
    '/release invite <客户> wecom:<userid> | wecom-chat:<chatid> | wecom-robot:<webhook key> | kf — 添加企业微信成员、应用群聊或群机器人（仅通知），或获取微信客服邀请链接',
  'cmd.usage.close': '/release close <客户> — 上线流程结束：停止其提醒',
  'cmd.usage.due': '/release due <客户> <YYYY-MM-DD> — 目标上线日期：提前 3 个和 1 个工作日提醒客户',
  'cmd.usage.resume': '/release resume <客户> — 同事接手后，将该客户的微信客服会话交还给机器人',
  'cmd.usage.snooze': '/release snooze <客户> <事项> <时长> — 推迟该事项的提醒（如 2d、4h）',
  'cmd.usage.remind': '/release remind <客户> — 立即提醒客户',
  'cmd.usage.export': '/release export <客户> — 简短摘要和交接报告链接（CSV 或 Markdown）',
  'cmd.usage.set':
    '/release set <客户> <项目> <内容> — 更正某项内容（与客户回答同样校验；列表可用 +条目、-条目 或整份新列表），不会通知客户',
  'cmd.usage.unset': '/release unset <客户> <项目> — 清除某项内容，重新向客户询问',
  'cmd.usage.note': '/release note <客户> <项目> <备注> — 为该项添加备注，显示在状态和导出中（“-” 清除）',
  'cmd.usage.file':
    '/release file <客户> [<编号> <事项>|none] — 客户发送的文件；把文件归入对应事项（机器人无法判断时）',
  'cmd.usage.wait':
    '/release wait <客户> <事项> <YYYY-MM-DD|时长> [原因] — 事项在等待第三方（银行、腾讯审核、ICP 备案）：期间不催办，到期再问',
  'cmd.usage.set-tz': '/release set-tz <客户> <IANA 时区> — 客户的时区（提醒在其工作时间发送）',
  'cmd.usage.set-lang': '/release set-lang <客户> zh|en — 客户的语言',
  'cmd.not_pm': '抱歉，只有代理方的项目经理可以使用 /release 命令。没有做任何更改。',
  'cmd.unknown': '无法理解「{input}」。/release help 列出所有命令。',
  'cmd.unknown_closest': '无法理解「{input}」。您是想用 {command} 吗？\n{usage}\n/release help 列出所有命令。',
  'cmd.need_client': '哪个客户？例如 /release {command} Acme Coffee',
  'cmd.unknown_client': '没有名为「{client}」的客户。可用 /release start {client} 开始。',
  'cmd.unknown_item': '「{item}」不是清单事项。事项：{items}',
  'cmd.no_release': '{client} 没有进行中的上线流程。可用 /release start {client} 开始。',
  'cmd.started': '已为 {client} 开始上线流程：共 {total} 项；问题已发送到 {where}。',
  'cmd.already_open': '{client} 已有进行中的上线流程（已完成 {done}/{total}）；此会话现已绑定到该流程。',
  'cmd.no_conversation': '没有可以询问 {client} 的会话：请在客户的频道中运行，或指定企业微信联系人（wecom:<userid>）。',
  'cmd.item_done': '{client} · {label}：已完成。',
  'cmd.item_na': '{client} · {label}：已标记为不适用。',
  'cmd.item_asked': '{client} · {label}：已在上线会话中再次询问。',
  'cmd.item_invalid': '{client} · {label}：{reason}',
  'cmd.whitelist_recorded':
    '已记录 {client} 的小程序域名白名单提交（{domains}）。微信需要 24 小时生效：我会在 {at} 回到上线会话中确认。',
  'cmd.whitelist_need_domains': '哪些域名？例如 /release whitelist {client} api.example.cn 沪ICP备2021012345号-1',
  'cmd.invited': '{client}：已添加联系人 {who} 并发送了待回答的问题。',
  'cmd.invited_notices':
    '{client}：{who} 将收到该上线流程的通知和提醒（企业微信群聊和群机器人只能接收；回答请通过单聊）。',
  'cmd.invite_usage':
    '邀请谁？/release invite {client} wecom:<userid>（企业微信成员）、wecom-chat:<chatid>（应用群聊）、wecom-robot:<webhook key>（仅通知）或 kf（微信客服链接）。',
  'cmd.conversation_taken':
    '{where} 已属于 {other} 进行中的上线流程，未做任何更改。请先结束该流程（/release close {other}），或在新客户自己的频道中开始。',
  'cmd.due_usage': '哪一天？例如 /release due {client} 2026-12-20',
  'cmd.due_refused': '{client} 的目标日期未设置：{reason}未做任何更改。',
  'cmd.due_set': '{client} 的目标日期：{date}。将在提前 3 个工作日和 1 个工作日时提醒客户尚未完成的事项。',
  'cmd.set_done': '{client} · {label}：{before} → {after}。已记录为由您设置；客户的对话中没有任何消息。',
  'cmd.set_unchanged': '{client} · {label} 已经是 {value}，没有变化。',
  'cmd.unset_done': '{client} · {label}：已清除（原为 {before}），会在下一批问题中重新询问。',
  'cmd.note_done': '{client} · {label}：备注已保存（“{note}”），显示在状态和导出中，客户看不到。',
  'cmd.note_cleared': '{client} · {label}：备注已清除。',
  'cmd.closed': '已结束 {client} 的上线流程（已完成 {done}/{total}），相关提醒已取消。',
  'cmd.not_available': '此机器人未配置{feature}。',
  'cmd.where_thread': '此会话',
  'cmd.where_contacts': '{list}',
};
