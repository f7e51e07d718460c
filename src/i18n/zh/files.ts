/** 客户发送的文件：保存了什么、拒收了什么、原因（聊天回复、给项目经理的通知、上线页面）。 */
export const files = {
  'files.refused.empty': '「{name}」是空文件，没有保存。请重新发送。',
  'files.refused.too_large': '「{name}」大小为 {size}，单个文件最大 {limit}。请发送小一些的版本（压缩后的图片，或较低质量导出的 PDF）。',
  'files.refused.release_full': '「{name}」（{size}）没有保存：本次上线已保存 {used} 的文件，上限为 {limit}。已通知您的项目经理。',
  'files.refused.type': '「{name}」不是可以保存的文件类型。请发送图片（PNG、JPEG、GIF 或 WebP）或 PDF。',
  'files.refused.type_seen': '「{name}」是 {seen} 文件，无法保存。请发送图片（PNG、JPEG、GIF 或 WebP）或 PDF。',
  'files.refused.unavailable': '暂时无法从聊天中获取「{name}」。请稍后重新发送。',
  'files.unnamed': '您的文件',
};
