/**
 * Words that answer nothing, whatever the bot asked: questions, deferrals, small talk and leftovers
 * too thin to mean anything. A free-text item never stores them: "I'll ask my boss" is not an
 * MP category, "what do you mean by functions pages?" is not a Functions Page.
 *
 *   isNoAnswer('我们还没决定，下周告诉你') // true
 *   isNoAnswer('餐饮-快餐')               // false
 */
import { saysLater, stripFiller } from './phrases.js';

/** Quoted text is the client's copy ("改成“请稍后再试？”"), not their own question or deferral. */
const QUOTED = /["“”「」『』‘’][^"“”「」『』‘’]*["“”「」『』‘’]/g;
const QUESTION = /[?？]|吗|什么|怎么|为什么|为啥|^\s*(?:what|how|why|which|who|whom|where|when|can|could|would|should|do|does|is|are)\b/i;
const SMALL_TALK =
  /^(?:sorry|抱歉|不好意思|thanks?|thank you|谢谢)?\s*(?:for (?:the |my )?(?:delay|late reply|waiting|your patience)|久等了|回复晚了|让你久等了)$|^(?:yes|yeah|yep|no|nope|是|是的|对|对的|不是|行|嗯+|哦+|好+|喔+)$/i;

/** Letters and digits count one, a Chinese character two: "餐饮" means something, "ok" or "好" does not. */
function meaningfulWeight(s: string): number {
  let weight = 0;
  for (const c of s) weight += /[\u4e00-\u9fa5]/.test(c) ? 2 : /[\p{L}\p{N}]/u.test(c) ? 1 : 0;
  return weight;
}

/** A question, a deferral, small talk, or fewer than 3 meaningful characters once the filler is gone. */
export function isNoAnswer(text: string): boolean {
  const own = text.replace(QUOTED, ' ');
  if (QUESTION.test(own) || saysLater(own)) return true;
  const core = stripFiller(text);
  return SMALL_TALK.test(core) || meaningfulWeight(core) < 3;
}
