/** 客户发送的文件：保存了什么、拒收了什么、原因（聊天回复、给项目经理的通知、上线页面）。 */
export const files = {
  'files.refused.empty': '「{name}」是空文件，没有保存。请重新发送。',
  'files.refused.too_large':
    '「{name}」大小为 {size}，单个文件最大 {limit}。请发送小一些的版本（压缩后的图片，或较低质量导出的 PDF）。',
  'files.refused.release_full':
    '「{name}」（{size}）没有保存：本次上线已保存 {used} 的文件，上限为 {limit}。已通知您的项目经理。',
  'files.refused.type': '「{name}」不是可以保存的文件类型。请发送图片（PNG、JPEG、GIF 或 WebP）或 PDF。',
  'files.refused.type_seen': '「{name}」是 {seen} 文件，无法保存。请发送图片（PNG、JPEG、GIF 或 WebP）或 PDF。',
  'files.refused.unavailable': '暂时无法从聊天中获取「{name}」。请稍后重新发送。',
  'files.saved': '已保存 📎 {name}（{label}）。',
  'files.saved_again': '{name} 已经保存过了（{label}），无需重复发送。',
  'files.saved_unfiled': '已保存 📎 {name}。项目经理会把它归到对应的事项下。',
  'files.pm_saved': '{client} 发送了 {name}（文件 #{number}），归入 {label}。',
  'files.pm_which': '{client} 发送了 {name}（文件 #{number}），无法判断属于哪一项。请归类：{command}',
  'files.pm_refused': '{client} 发送的「{name}」没有保存。已告知对方：{reply}',
  'files.no_item': '尚未归类',
  'files.cmd_none': '{client} 在本次上线中还没有发送文件。',
  'files.cmd_list': '{client} 的文件（归类：/release file {client} <编号> <事项>）：',
  'files.cmd_line': '#{number} {name} · {size} · {item}',
  'files.cmd_usage': '用法：/release file {client} <编号> <事项>（或 none）。/release file {client} 列出编号。',
  'files.cmd_no_file': '{client} 没有文件 #{number}；/release file {client} 可列出全部文件。',
  'files.cmd_linked': '{client} 的文件 #{number}（{name}）已归入：{label}。',
  'files.unnamed': '您的文件',
};
