/**
 * Whether a reading of the client's own words is sure enough to record without asking. A free-text
 * value (servers, copy, a platform's name, a page list) is whatever the client wrote, so every reply
 * "fits" it: "let me ask 技术小吴 first" is no server, "运营在整理 等她" is no service message. The reader
 * cannot know every way of saying "not this", so for these items it records only a reply that reads as
 * a plain statement; one that also talks about the work (a person to ask, a day, a plan, a change, a
 * problem, a condition, a question) is read back to the client to confirm before it is recorded.
 *
 * The words here are broad on purpose: a false alarm costs one "is that right?" to the client, a miss
 * costs a wrong fact on the PM's page. Quoted text is the client's copy and is never looked at.
 *
 *   doubtOf('let me ask 技术小吴 first')              // 'process'
 *   doubtOf('阿里云 ECS 华东2')                       // undefined
 *   doubtOf('改成“网络开小差了，请稍后再试”')          // 'change'
 */

import { findHits } from './keywords.js';

/** 'unsure': no word of the reply's, but the gate (gate.ts), weighing it whole, reads it as giving nothing. */
export type Doubt = 'question' | 'time' | 'process' | 'change' | 'problem' | 'condition' | 'unsure';

/** Quoted copy ("改成“请稍后再试？”", 「…」, '…') is the client's text, not talk about the work. */
const QUOTED = /["“”「」『』‘’][^"“”「」『』‘’\n]*["“”「」『』‘’]|(?<![A-Za-z])'[^'\n]{2,}'(?![A-Za-z])/g;
const LINK = /\bhttps?:\/\/\S+/gi;
/** "marketing@example.cn" is an address, not the marketing team. */
// Tried only where a run of its characters starts: from every dot of "1.1.1…" it was quadratic.
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const SIGNALS: readonly [Doubt, RegExp][] = [
  [
    'question',
    /[?？]|吗(?=[\s,.!~。，！]|$)|[呢么嘛](?=[\s,.!~。，！?？]|$)|是不是|要不要|能不能|可不可以|行不行|对不对|好不好|需不需要|有没有|是否|怎么|什么|哪个|哪些|哪里|为什么|\b(?:should|shall|can|could|would|do|does|did|is|are|was|were)\s+(?:we|i|you|it|this|that|they|there)\b|(?:^|[.!,;:]\s*)(?:what|how|which|why|where|whether)\b/i,
  ],
  [
    'time',
    /明天|明早|明晚|后天|下周|下星期|下礼拜|下个?月|下午|晚上|晚点|晚些|稍后|稍等|回头|之后|以后|过几天|过两天|改天|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|月底|月初|年底|\b(?:tomorrow|tmr|tonight|later|soon|next\s+(?:week|month|time)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|eod|eow|asap|after|before|until|till|once|first|then)\b/i,
  ],
  [
    'process',
    /老板|领导|老大|法务|运营|设计师?|产品(?:经理)?|技术|同事|财务|市场部?|负责人|开发那边|美工|\b(?:boss|legal|marketing|designers?|design team|product (?:team|owner|manager)|team|colleagues?|manager|finance|ops|our it|it team|devs?|engineers?|he|she|they|him|her|them)\b|(?:(?<![没有访])问(?!题)|发给|发你|转给|商量|讨论|决定|整理|准备|考虑|研究|看看|看下|看一下|想想|等(?:等|一下|下|他|她|我|我们|他们|回复|通知|消息|审核|确认)|在做|在弄|在改|在写|在等)|\b(?:ask\w*|check\w*|send\w*|sent|review\w*|revert\w*|get back|follow\w* up|discuss\w*|decid\w*|finali[sz]\w*|prepar\w*|working on|look\w* into|think\w*|wait\w*|will|going to|gonna|need to|have to|'ll)\b/i,
  ],
  [
    'change',
    /改成|改为|改一下|改下|换成|换一个|替换|去掉|删掉|删除|删了|不要了|加一个|再加|添加|加上|更正|纠正|写错|搞错|弄错|\b(?:change\w*|replac\w*|remov\w*|delet\w*|add|adding|instead|renam\w*|typo|correction|wrong|mistake)\b|→|->|=>/i,
  ],
  [
    'problem',
    /失败|报错|出错|不行|不了|没法|无法|不能|有问题|不对|提示|\b(?:fail\w*|can'?t|cannot|couldn'?t|doesn'?t work|not working|broken|issue|problem|bug|stuck)\b/i,
  ],
  [
    'condition',
    /如果|要是|假如|万一|除非|前提|先得|得先|[等待][^,，。;；!?！？]{1,20}再|\b(?:if|unless|depends|depending|provided)\b/i,
  ],
];

/**
 * Why a reply reads as more than a plain value, or undefined when it reads as one. `only` limits the kinds looked
 * for: copy is free to say "请稍后再试" or "change your password", so for copy only talk about the work counts.
 */
export function doubtOf(text: string, only?: readonly Doubt[]): Doubt | undefined {
  const words = text.replace(QUOTED, ' ').replace(LINK, ' ').replace(EMAIL, ' ');
  // "腾讯云 4核8G 上海，密码晚点发": a day in a later clause defers a part; the value said first stands.
  const firstClause = words.split(/[,，;；。]/, 1)[0] ?? '';
  for (const [doubt, re] of SIGNALS)
    if ((only === undefined || only.includes(doubt)) && re.test(doubt === 'time' ? firstClause : words)) return doubt;
  return undefined;
}

/** What may stand beside an item's name: punctuation, "the", "our", "app", "小程序", "我们的". */
const NAME_FILLER = /^(?:[\s,.;:!~、，。；：！—–-]|\b(?:the|our|app|mp)\b|小程序|我们的?)*$/i;
const DONE_MARKS = /[\u2705\u2714\u2611\u{1F44C}\uFE0F]/gu;

/**
 * "✅ Sentry", "App icon ✅": a done mark beside nothing but names of items — the item named is done, its name is
 * not its value.
 */
export function onlyNamesMarkedDone(text: string): boolean {
  if (text.match(DONE_MARKS) === null) return false;
  const bare = text.replace(DONE_MARKS, ' ');
  let rest = bare;
  for (const hit of findHits(bare).reverse()) rest = `${rest.slice(0, hit.start)} ${rest.slice(hit.end)}`;
  return rest.trim() !== bare.trim() && NAME_FILLER.test(rest);
}
