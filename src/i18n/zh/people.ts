/** 重复发布、交接、关注、客户的多位联系人和工作时间。 */
export const people = {
  // === 帮助
  'cmd.usage.pm':
    '/release pm <客户> <用户> — 把发布交接给另一位项目经理（slack:U…、wecom:…，或在 Slack 里 @ 对方）：之后的摘要和升级提醒都发给对方',
  'cmd.usage.watch': '/release watch <客户> — 在您的每日摘要里加入该客户的进度',
  'cmd.usage.unwatch': '/release unwatch <客户> — 不再在摘要里显示该客户',
  'cmd.usage.contact':
    '/release contact add <客户> <地址> works|decides|both [zh|en] [<时区>] [姓名] | remove <客户> <地址> | list <客户> — 客户的联系人：谁负责执行（提问、提醒），谁负责决策（升级提醒），各用自己的语言和时区',
  'cmd.usage.set-hours':
    '/release set-hours <客户> <HH:MM-HH:MM> — 客户的工作时间（默认 09:00-18:00），按每位收件人的时区',
  // === 重复发布（对客户）
  'people.intro_repeat': '您好，又见面了！这次发布（第 {release} 次）我们保留了不常变化的信息，请确认是否仍然正确：',
  'people.carried_line': '• {label}：{value} —— 来自第 {release} 次发布，仍然正确吗？',
  'people.confirm_how': '如果都没变，回复“都对”即可一次全部确认；如有变化，只需发送变化的部分（例如“AppID wx…”）。',
  'people.then': '本次发布还需要：',
  'people.confirmed': '谢谢！已确认仍然正确：{labels}。',
  'people.still_to_confirm': '上次发布的以下信息还待确认：{labels} —— 如果没变，回复“都对”即可。',
  'people.nudge_confirm': '提醒一下：上次发布的这些信息还正确吗？{labels} —— 没变请回复“都对”，有变化请发送新的。',
  // === 发布历史（对 PM）
  'people.history_title': '{client} 的发布记录：',
  'people.history_line': '#{seq}{name} · {state} · {opened} 开始{closed}',
  'people.history_closed': '，{closed} 关闭',
  'people.history_open': '进行中',
  'people.history_done': '已关闭',
  'people.carried_status': '沿用第 {release} 次发布，等待客户确认',
  'people.carried_confirmed': '沿用第 {release} 次发布',
  'people.guess_status': '从客户回复中读出，待确认：等客户回复“对”',
  'people.started_repeat':
    '已为 {client} 开始第 {seq} 次发布{name}：沿用第 {from} 次发布的 {carried} 项信息，请客户一次确认；其余 {fresh} 项重新收集。',
  // === 交接和关注
  'people.pm_usage':
    '用法：/release pm {client} <用户> —— 例如 /release pm {client} slack:U0123ABCD（在 Slack 里也可以 @ 对方）。',
  'people.pm_not_pm': '{user} 不是代理商的项目经理（PM_USERS），未做任何更改。',
  'people.pm_same': '{client} 的发布已经由 {user} 负责。',
  'people.pm_done':
    '{client} 的发布现在由 {user} 负责（之前是 {previous}）。从现在起，每日摘要和升级提醒都发给 {user}。',
  'people.pm_told':
    '您现在负责 {client} 的第 {seq} 次发布（由 {by} 交接）：已完成 {done}/{total}。从现在起它的摘要和升级提醒都会发给您；/release status {client} 可查看进度。',
  'people.nobody': '无人',
  'people.watch_done': '从现在起，您的每日摘要里会包含 {client} 的进度。',
  'people.watch_already': '您已经在关注 {client}。',
  'people.unwatch_done': '您的每日摘要里不再包含 {client}。',
  'people.unwatch_not': '您没有关注 {client}。',
  'people.watching': '关注者：{users}',
  // === 联系人
  'people.contact_usage':
    '用法：/release contact add {client} <地址> works|decides|both [zh|en] [<时区>] [姓名…] · /release contact remove {client} <地址> · /release contact list {client}。地址：wecom:<userid>，或已绑定的会话（slack:<频道>、kf:<id>、local:<名称>）。',
  'people.contact_bad_address':
    '“{address}” 不是 {client} 可以联系到的地址：请用 wecom:<userid>，或已绑定到 {client} 的会话地址（/release contact list {client} 可查看）。',
  'people.contact_added': '{client}：已添加联系人 {who} —— {role}，{language}，{timezone}。',
  'people.contact_updated': '{client}：已更新联系人 {who} —— {role}，{language}，{timezone}。',
  'people.contact_removed': '{client}：已移除联系人 {who}。',
  'people.contact_unknown': '{client} 没有地址为 {address} 的联系人。',
  'people.contact_last_worker': '{who} 是 {client} 唯一负责回答问题的联系人；请先添加另一位负责执行的联系人。',
  'people.contacts_title': '{client} 的联系人（工作时间 {hours}）：',
  'people.contacts_none': '{client} 还没有联系人：问题会发到绑定的每个会话。',
  'people.contact_line': '• {who} —— {role}，{language}，{timezone}',
  'people.role.works': '负责执行（提问、提醒）',
  'people.role.decides': '负责决策（升级提醒）',
  'people.role.both': '执行并决策',
  'people.client_language': '客户的语言（{language}）',
  'people.client_timezone': '客户的时区（{timezone}）',
  // === 升级给客户的决策人
  'people.escalation_decider':
    '以下事项我们已经等了 {days} 个工作日：{items}。能否请您协助尽快答复？我们已提醒您的同事 {nudges} 次。',
  // === 工作时间
  'people.hours_usage': '用法：/release set-hours {client} 09:00-18:00（开始早于结束，整点或半点均可）。',
  'people.hours_done': '{client} 的工作时间已改为 {hours}（按每位收件人的时区）；已有 {moved} 条提醒移入该时段。',
} as const;
