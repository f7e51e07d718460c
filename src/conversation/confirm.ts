/**
 * "都对" / "yes, all correct": the client confirms every value a repeat release carried forward.
 * `whole` when the message says only that; `partial` when it says it among other things ("都对，
 * 除了 AppID 改成 wx…"): the other things are read first, then the rest is confirmed.
 *
 *   readConfirmAll('都对！')                          // 'whole'
 *   readConfirmAll('Yes, all correct except the App ID wx…')  // 'partial'
 *   readConfirmAll('AppID wx0123456789abcdef')        // undefined
 */
const CONFIRM =
  /(都对|全对|都没变|都没有变|没有变化|都没问题|都正确|全部正确|都是对的|都一样|都不变|确认无误|都确认|全部确认|(?:all|everything)\s+(?:is\s+|are\s+)?(?:still\s+)?(?:correct|right|good|the same|unchanged)|nothing\s+(?:has\s+)?changed|no\s+changes|still\s+(?:correct|right|the same|valid)|confirm(?:ed)?\s+(?:all|them all|everything))/i;

/** What may surround the confirmation in a message that says only that. */
const FILLER =
  /^[\s,.!?;:~，。！？；：、…·\-—'"“”‘’()（）👍🙏😊✅👌]*(?:yes|yep|yeah|ok|okay|sure|thanks|thank you|是的|是|对|嗯+|好的|好|没错|谢谢|都)?[\s,.!?;:~，。！？；：、…·\-—'"“”‘’()（）👍🙏😊✅👌]*$/i;

export function readConfirmAll(text: string | null | undefined): 'whole' | 'partial' | undefined {
  if (!text) return undefined;
  const m = CONFIRM.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  return FILLER.test(before) && FILLER.test(after) ? 'whole' : 'partial';
}

/**
 * A plain yes or no, alone or with filler ("对的，谢谢", "yes!", "nope 👎"): the client's answer to a reading the bot
 * asked them to confirm. Anything more ("对，AppID 是 wx…", "no, it's Umeng") is read as a reply of its own.
 *
 *   readYesNo('没错！')          // 'yes'
 *   readYesNo('nope')           // 'no'
 *   readYesNo('对，另外 AppID…')  // undefined
 */
// No "?" around it: "right?", "yes?" ask back. No "吧": "对吧", "不是吧" are tag questions. No "ok", "好的", "嗯": they
// acknowledge a message as often as they agree to it.
const EDGE = String.raw`[\s,.!;:~，。！；：、…·\-—'"“”‘’()（）👍🙏😊✅👌👎❌]*`;
const POLITE = String.raw`(?:(?:thanks|thank you|thx|please|谢谢|多谢|麻烦了|呀|啊|哈)${EDGE})*`;
const YES = new RegExp(
  `^${EDGE}(?:yes|yep|yeah|yup|correct|that'?s right|对|对的|对呀|是的|是|没错|正确|确认|👍|✅)${EDGE}${POLITE}$`,
  'iu',
);
const NO = new RegExp(
  `^${EDGE}(?:no|nope|nah|wrong|not right|incorrect|不对|不是|不是的|错了|不正确)${EDGE}${POLITE}$`,
  'iu',
);

export function readYesNo(text: string | null | undefined): 'yes' | 'no' | undefined {
  const said = text?.trim();
  if (!said) return undefined;
  if (NO.test(said)) return 'no';
  return YES.test(said) ? 'yes' : undefined;
}
