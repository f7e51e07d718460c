/**
 * What a reply means besides its values, in the context of the items just asked: a question back,
 * "later", "not yet", "does not apply", "skip X" (X by name, in Chinese or English), a list edit, or
 * two IDs to choose between. The conversation answers each one differently.
 *
 *   skipTarget('skip the analytics thing, we don't use any', ['app_icon']) // { key: 'analytics_platform', reason: true }
 */
import type { ItemKey } from '../types.js';
import { findHits } from './keywords.js';
import { saysDone, saysLater, saysNotApplicable, stripFiller } from './phrases.js';
import { sentenceRangeAt } from './sentences.js';

export type Outcome =
  | 'answer'
  | 'question'
  | 'later'
  | 'not_yet'
  | 'waiting'
  | 'n/a'
  | 'skip'
  | 'edit'
  | 'ask_which'
  | 'elsewhere'
  | 'confirm'
  | 'none';

const SKIP_VERB = /跳过|先不管|略过|下一(?:项|题)|\bskip(?:ping)?\b|\bpass on\b/i;

/** "还没加好", "not done yet", "pending", "还在审核": the item is not done, and nothing is to be recorded yet. */
export const NOT_YET =
  /驳回|被拒|没通过|未通过|在补|\brejected\b|还没|还未|尚未|暂未|没来得及|还差|只差|就差|还缺|除了|\bexcept\b|\bapart from\b|还在|正在|在走流程|审核中|待审核|在审核|等.{0,6}审核|\bnot (?:[\w-]+ )?yet\b|(?<![已])没(?:有)?(?:搞|弄|做|加|设|配|传|发)(?:好|完|定)|\bpending\b|\bstill\b|\bin progress\b|\bwaiting\b|\bsubmitted\b|\bwill be\b|\bnot done\b|\bhaven'?t\b|\bhasn'?t\b|\bnot finished\b/i;

export function saysNotYet(text: string): boolean {
  return NOT_YET.test(text);
}

/** "for now", "for v1", "next phase" in the reason: the item may apply later. */
const FOR_NOW = /\bfor (?:now|the moment|v1)\b|\bnext (?:phase|release|version)\b|\bv1\b/i;
const SKIP_FOR_NOW = /先|暂时|暂且/;
/**
 * "我们不做支付", "没有公众号", "小程序里没有支付", "there is no user content": the client does not have or do what the item
 * is for — a reason it does not apply ("我手上没有后台权限", "不用催" are news).
 */
const REFUSES_OUR_PART =
  /(?:^|我们|我司|小程序(?:里|上)?)\s*(?:没有|不做|不发|不接|不开|不收)|\bthere (?:is|are) no\b|\bno (?:user|ugc|payments?|stores?|shops?|official account)\b/i;

/** "not my area", "our boss handles permits", "不归我管": who answers it, not whether it applies. */
const NOT_MINE =
  /\bnot my (?:area|call|department|job|thing)\b|\bnot something (?:we|i) can\b|\b(?:my|our) (?:boss|lawyer|legal|manager|colleague|it guy|it team)\b[^,.;]{0,24}\b(?:handles|owns|is in charge)\b|不归我|不是我(?:负责|管)/i;

/** "等 phase 2 再上", "上线前再看", "下一个", "we will do it after launch", "finance will handle it": when, or who, not why. */
const NOT_A_REASON =
  /再(?:上|看|说|弄|做|加|定|聊|换)|\bcome back to\b|\bin q[1-4]\b|\b(?:is|are) (?:off|away|out) (?:this|next) week\b|\bon leave\b|\bphase ?(?:2|two)\b|\bnext year\b|明年|下半年|二期|后期|上线(?:前|后|之后|以后)|\bafter (?:the )?launch\b|^下一(?:个|项|题)?$|\bnext one\b|\bwill (?:handle|do|sort|deal with|take care of)\b|直接(?:跟|和|找)(?:你|您)/i;

/** "我们不做支付，二期也不会做", "won't have them either": the reason refuses the item, whenever. */
const REFUSES_WHENEVER =
  /也不(?:会|做|用|需要|打算)|\beither\b|\bnot even\b|\bnever\b|\bat all\b|永远不|都不(?:会|做)/i;
/**
 * A sentence beside the skip that is no reason for it: thanks, or news of another item ("the developers are added.
 * skip"). Any other words beside it say why it does not apply ("跳过。没有评论功能", "Skip. Login is WeChat-only").
 */
function aside(rest: string, key: ItemKey): boolean {
  if (THANKS.test(rest)) return true;
  return saysDone(rest) && findHits(rest).some((h) => h.item !== null && h.item !== key);
}
const THANKS = /^\s*(?:thanks|thank you|thx|谢谢|感谢|多谢)\b/i;

const CONDITIONAL_SKIP = /\bif\b|\bmay have to\b|\bmight\b|如果|要是|可能要/i;

/** "SMS:", "Nearby：": a line that opens with an item's label. */
const LINE_LABEL = /^\s*([^\n:,;。]{1,24}?)\s*:/;

export interface SkipTarget {
  key: ItemKey;
  /** The reply also says why ("we don't use any", "我们纯线上"): the item does not apply. */
  reason: boolean;
}

/** "skip X" / "X 跳过吧": the item named in the skip's clause, else the first one asked. */
export function skipTarget(text: string, expected: readonly ItemKey[]): SkipTarget | undefined {
  const verb = SKIP_VERB.exec(text);
  if (!verb) return undefined;
  // "If not we may have to skip it": a skip that hangs on a condition is not made.
  // (The condition comes first in the skip's clause: "skip it if you don't mind" skips.)
  const clauseStart = Math.max(...[',', ';', '。', '\n'].map((c) => text.lastIndexOf(c, verb.index)), 0);
  if (CONDITIONAL_SKIP.test(text.slice(clauseStart, verb.index))) return undefined;
  const clauses = text.split(/[,;。!?\n]|(?<!\d)\.(?=\s|$)/);
  let offset = 0;
  for (const clause of clauses) {
    const end = offset + clause.length;
    if (verb.index >= offset && verb.index < end) {
      // "SMS: we don't send SMS, skip": a bare skip ends the line its item labels.
      const lineStart = text.lastIndexOf('\n', verb.index) + 1;
      // ("A: SMS template, skip": a numbering label, then the item's name alone.)
      const line = LINE_LABEL.exec(text.slice(lineStart, verb.index));
      const after = line ? stripFiller(text.slice(lineStart + line[0].length, offset)) : '';
      const named = (words: string) => [...new Set(findHits(words).flatMap((h) => (h.item ? [h.item] : [])))];
      const byLabel = line ? named(line[1] ?? '') : [];
      const byName = after.length <= 24 ? named(after) : [];
      const labelled = byLabel[0] ?? (byName.length === 1 ? byName[0] : undefined);
      const key =
        findHits(clause).find((h) => h.item !== null)?.item ??
        (stripFiller(clause.replace(SKIP_VERB, '')) === '' ? labelled : undefined) ??
        expected[0];
      if (!key) return undefined;
      const rest = stripFiller(`${text.slice(0, offset)} ${text.slice(end + 1)}`);
      // "skip, we don't use any" says why: it does not apply. "skip, not my area", "skip for now, the boss handles
      // permits", "not needed for v1" say why not now, or not them: skipped, nothing recorded.
      // (A plain "does not apply" still wins: "跳过，我们不做支付，二期也不会做".)
      const when = NOT_A_REASON.test(rest) && !saysNotApplicable(rest) && !REFUSES_WHENEVER.test(rest);
      // A reason said in another sentence is one unless it is thanks or news of another item ("No stores. Skip" is n/a;
      // "the developers are added. skip" skips).
      const around = sentenceRangeAt(text, verb.index);
      const sentence = text.slice(around.start, around.end);
      const own = stripFiller(sentence.replace(SKIP_VERB, ' ').replace(clause, ' ')) !== '';
      const says = rest !== '' && !saysLater(rest) && !saysNotYet(rest) && !when && (own || !aside(rest, key));
      // The reason's own words decide: "we don't send SMS at all" after "skip for now" still says it does not apply.
      // "not needed for v1" does not apply now; "Apple handles payments, no WeChat Pay" does not apply at all.
      const notMine = NOT_MINE.test(rest) && !saysNotApplicable(rest);
      // "skip the icon for now, the designer is off", "先跳过，老板出差了": a skip for now, with news, is a skip; "先跳过，
      // 我们没有门店" still says it does not apply.
      const forNow =
        (FOR_NOW.test(clause) || SKIP_FOR_NOW.test(clause)) &&
        !saysNotApplicable(rest) &&
        !REFUSES_WHENEVER.test(rest) &&
        !REFUSES_OUR_PART.test(rest);
      return { key, reason: says && !FOR_NOW.test(rest) && !notMine && !forNow };
    }
    offset = end + 1;
  }
  return undefined;
}
