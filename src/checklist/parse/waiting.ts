/**
 * Waiting on someone else, in the client's words: "在等腾讯审核", "商户号申请中，等银行", "ICP备案中",
 * "waiting for approval", "Tencent is reviewing it" — with the date they expect, when they give one
 * ("下周三", "by the 15th", "3 working days"). Not the client's own "not yet": nobody else is named.
 * The date stays as said (a `When`); `resolveWhen` turns it into a calendar day once "today" is known.
 *
 *   readWaitingOn('在等腾讯审核，下周三应该能好') // { party: 'review', when: { kind: 'weekday', weekday: 3, week: 1 }, at: 2 }
 */
import { addDays, type LocalDate, type WorkingCalendar } from '../../calendar/working-calendar.js';

/** Who the item waits on: a review (Tencent, WeChat, Aliyun), a bank, an ICP filing, an application in progress. */
export type Party = 'review' | 'bank' | 'icp' | 'application';

export type When =
  /** "3 个工作日", "in 2 days", "明天". */
  | { kind: 'days'; days: number; working: boolean }
  /** "周三" (week 0: the coming one), "下周三" (week 1: next week's). Monday is 1, Sunday 7. */
  | { kind: 'weekday'; weekday: number; week: 0 | 1 }
  /** "15号", "by the 15th": this month's, or next month's when it has passed. */
  | { kind: 'day'; day: number }
  /** "12月10日", "Dec 10". */
  | { kind: 'date'; month: number; day: number }
  /** "月底", "end of the month". */
  | { kind: 'month_end' };

export interface WaitingOn {
  party: Party;
  when?: When;
  /** Where the waiting was said: the item it is about is the one named there. */
  at: number;
}

const PARTIES: readonly [Party, RegExp][] = [
  ['bank', /银行|\bbanks?\b/i],
  [
    'icp',
    /备案(?:中|还没|还在|在走|在办|审核)|(?:在|正在|还在)(?:做|办|走)?(?:icp)?备案|\bicp\b[^.;,]{0,20}\b(?:filing|pending|in progress|under review)\b|\bfiling\b[^.;,]{0,20}\b(?:pending|in progress|under review|not (?:done|through))\b/i,
  ],
  [
    'review',
    /(?:腾讯|微信|官方|阿里云?|平台)[^,;。]{0,6}(?:审核|审批|在审|审)|(?:在|正在|还在)?等(?:待)?[^,;。]{0,6}(?:审核|审批)|审核中|在审核|待审核|审核还没|\b(?:tencent|wechat|aliyun|alibaba cloud)\b[^.;,]{0,24}\b(?:review|reviewing|approv\w*)\b|\bunder review\b|\bbeing reviewed\b|\bin review\b|\bwaiting (?:for|on) (?:the )?(?:review|approval)\b|\bpending (?:review|approval)\b/i,
  ],
  [
    'application',
    /申请中|(?:在|正在)申请|已(?:经)?(?:提交)?申请|提交了?申请|申请了|等(?:待)?(?:批|下来|开通|审批)|还没(?:批|下来|批下来)|\bapplied\b|\bapplying\b|\bapplication\b[^.;,]{0,20}\b(?:pending|in progress|submitted)\b/i,
  ],
];

/** "还没申请", "haven't applied": nobody else has it yet; the client has not started. */
const NOT_STARTED =
  /(?:还没|没有?|未|尚未)(?:去)?(?:申请|提交|备案)(?!中)|\b(?:haven'?t|have not|has not|hasn'?t|not yet)\s+(?:applied|submitted|started|filed)\b/i;

const CN_NUMBER: Record<string, number> = {
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const CN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function count(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  if (word === '十') return 10;
  if (/^十[一二三四五六七八九]$/.test(word)) return 10 + (CN_NUMBER[word[1] ?? ''] ?? 0);
  return CN_NUMBER[word];
}

const EN_COUNT: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
};

/** The first date the words give, as said. */
export function readWhen(text: string): When | undefined {
  const t = text.toLowerCase();
  let m = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/.exec(t);
  if (m) return { kind: 'date', month: Number(m[1]), day: Number(m[2]) };
  m = new RegExp(`\\b(${EN_MONTHS.join('|')})[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(t) ?? null;
  if (m) return { kind: 'date', month: EN_MONTHS.indexOf(m[1] ?? '') + 1, day: Number(m[2]) };
  m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${EN_MONTHS.join('|')})[a-z]*\\b`).exec(t) ?? null;
  if (m) return { kind: 'date', month: EN_MONTHS.indexOf(m[2] ?? '') + 1, day: Number(m[1]) };
  m = /(下|这|本)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])/.exec(t);
  if (m) return { kind: 'weekday', weekday: CN_WEEKDAY[m[2] ?? ''] ?? Number(m[2]), week: m[1] === '下' ? 1 : 0 };
  m = new RegExp(`\\b(next\\s+)?(${EN_WEEKDAYS.join('|')})\\b`).exec(t);
  if (m) return { kind: 'weekday', weekday: EN_WEEKDAYS.indexOf(m[2] ?? '') + 1, week: m[1] ? 1 : 0 };
  m = /(\d{1,3}|[一两二三四五六七八九十]{1,2})\s*(?:个)?\s*(工作日|天|周|星期|个月)/.exec(t);
  if (m) {
    const n = count(m[1] ?? '');
    const unit = m[2] ?? '';
    if (n !== undefined)
      return {
        kind: 'days',
        days: unit === '周' || unit === '星期' ? n * 7 : unit === '个月' ? n * 30 : n,
        working: unit === '工作日',
      };
  }
  m =
    /\b(\d{1,3}|a|an|one|two|three|four|five|six|seven|ten)\s+(working days?|business days?|days?|weeks?|months?)\b/.exec(
      t,
    );
  if (m) {
    const n = count(m[1] ?? '') ?? EN_COUNT[m[1] ?? ''];
    const unit = m[2] ?? '';
    if (n !== undefined)
      return {
        kind: 'days',
        days: unit.startsWith('week') ? n * 7 : unit.startsWith('month') ? n * 30 : n,
        working: /working|business/.test(unit),
      };
  }
  m = /(?<![\d月])(\d{1,2})\s*[号日]|\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/.exec(t);
  if (m) return { kind: 'day', day: Number(m[1] ?? m[2]) };
  if (/月底|月末|\bend of (?:the |this )?month\b/.test(t)) return { kind: 'month_end' };
  if (/下周|\bnext week\b/.test(t)) return { kind: 'days', days: 7, working: false };
  if (/后天|\bday after tomorrow\b/.test(t)) return { kind: 'days', days: 2, working: false };
  if (/明天|\btomorrow\b/.test(t)) return { kind: 'days', days: 1, working: false };
  return undefined;
}

/** Whom the reply says the item waits on, and until when; undefined when it names nobody else. */
/** "模板已经申请下来了，审核通过", "approved this morning": what was waited for has come; nobody is waited on. */
const CAME_THROUGH =
  /(?<![没未不])(?:申请|批|审核|审批)(?:已经?|也)?(?:下来|通过)|(?<![没未不])已(?:经)?(?:审核)?通过|(?<!\bnot (?:yet )?)\bapproved\b|\bwent through\b/i;

export function readWaitingOn(text: string): WaitingOn | undefined {
  if (NOT_STARTED.test(text) || CAME_THROUGH.test(text)) return undefined;
  // The most telling party wins: "申请中，等银行" waits on the bank.
  let found: { party: Party; at: number } | undefined;
  for (const [party, re] of PARTIES) {
    const m = re.exec(text);
    if (m) {
      found = { party, at: m.index };
      break;
    }
  }
  if (!found) return undefined;
  const when = readWhen(text);
  return when ? { ...found, when } : found;
}

function weekdayOf(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The calendar day a `When` names, said on `today`: "下周三" is next week's Wednesday, "周三" the coming one,
 * "the 15th" this month's or the next, "3 个工作日" three working days on the calendar. A date that does not
 * exist ("2月30日") names nothing.
 */
export function resolveWhen(when: When, today: LocalDate, calendar: WorkingCalendar): LocalDate | undefined {
  switch (when.kind) {
    case 'days':
      return when.working ? calendar.addWorkingDays(today, when.days) : addDays(today, when.days);
    case 'weekday': {
      const dow = weekdayOf(today);
      if (when.week === 1) return addDays(today, 7 - dow + when.weekday);
      const ahead = (when.weekday - dow + 7) % 7;
      return addDays(today, ahead === 0 ? 7 : ahead);
    }
    case 'day': {
      const thisMonth =
        when.day > today.day ? today : addDays({ ...today, day: 1 }, daysInMonth(today.year, today.month));
      return when.day <= daysInMonth(thisMonth.year, thisMonth.month)
        ? { year: thisMonth.year, month: thisMonth.month, day: when.day }
        : undefined;
    }
    case 'date': {
      if (when.month < 1 || when.month > 12) return undefined;
      const year =
        when.month > today.month || (when.month === today.month && when.day > today.day) ? today.year : today.year + 1;
      return when.day >= 1 && when.day <= daysInMonth(year, when.month)
        ? { year, month: when.month, day: when.day }
        : undefined;
    }
    case 'month_end': {
      const last = daysInMonth(today.year, today.month);
      return today.day < last
        ? { ...today, day: last }
        : addDays(today, daysInMonth(today.month === 12 ? today.year + 1 : today.year, (today.month % 12) + 1));
    }
  }
}
