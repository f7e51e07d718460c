/**
 * Where a secret hides in free text. A well-formed App secret (32 hex on its own) is always one; a
 * near miss — 28 to 40 hex digits, typed in one run or in groups (`9675 e155 …`, `9675-e155-…`) —
 * is one when a secret keyword (secret, AppSecret, 密钥, 秘钥 …) stands near it or when the client is
 * answering the secret question. Each run found is sealed by the caller and shown as ••••last4
 * (the last 4 hex digits) wherever the text is stored or shown: events, the timeline, logs, exports.
 *
 *   const { masked, runs } = findSecretRuns('secret: 9675 e155 0a1b …', { secretAsked: false });
 *   masked // 'secret: ••••7e6d'   runs // ['9675 e155 0a1b …'] (to seal, in the order of the masks)
 */
/** What stands for the hidden part of a secret: `••••cdef`. */
export const MASK = '••••';

export interface SecretContext {
  /** The client was asked for a secret (App secret, Open Platform secret) and has not given it yet. */
  secretAsked?: boolean;
}

/** A well-formed App secret: exactly 32 hex digits with no hex digit either side. */
export const SECRET_RUN = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/gi;

/**
 * A near miss: hex groups (each at least 2 digits) joined by spaces or dashes, or one run; the
 * count of digits is checked after the match. Letters and digits either side end it.
 */
const HEX_RUN = /(?<![0-9a-z])[0-9a-f]{2,}(?:(?:[ \t\u00a0\u3000]{1,3}|[ \t]*[-–—][ \t]*)[0-9a-f]{2,})*(?![0-9a-z])/gi;
const NEAR_MISS_DIGITS = { min: 28, max: 40 };

/** Words that say "this is a secret", in either language (case-insensitive). */
const KEYWORD = /secret|app[\s_-]*secret|密钥|秘钥|密匙|秘匙|密码/i;
/** How far (characters) a keyword may stand from the run and still name it. */
const NEAR = 60;

function hexDigits(run: string): string {
  return run.replace(/[^0-9a-f]/gi, '');
}

/** The mask of a run: ••••, then its last 4 hex digits (what "••••cdef" means everywhere). */
export function maskRun(run: string): string {
  return `${MASK}${hexDigits(run).slice(-4)}`;
}

function isNearMiss(text: string, start: number, end: number, run: string, ctx: SecretContext): boolean {
  const digits = hexDigits(run);
  if (digits.length < NEAR_MISS_DIGITS.min || digits.length > NEAR_MISS_DIGITS.max) return false;
  // Random hex of this length has both letters and digits; a long number or an English word of a–f letters does not.
  if (!/[0-9]/.test(digits) || !/[a-f]/i.test(digits)) return false;
  if (ctx.secretAsked) return true;
  const around = text.slice(Math.max(0, start - NEAR), Math.min(text.length, end + NEAR));
  return KEYWORD.test(around);
}

/** Secret runs of `text` in order, and the text with each replaced by its mask. */
export function findSecretRuns(text: string, ctx: SecretContext = {}): { masked: string; runs: string[] } {
  const spans: { start: number; end: number; run: string }[] = [];
  for (const m of text.matchAll(SECRET_RUN)) spans.push({ start: m.index, end: m.index + m[0].length, run: m[0] });
  const taken = (start: number, end: number): boolean => spans.some((s) => start < s.end && s.start < end);
  for (const m of text.matchAll(HEX_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end)) continue; // a group run around a well-formed secret: the secret is masked on its own
    if (isNearMiss(text, start, end, m[0], ctx)) spans.push({ start, end, run: m[0] });
  }
  spans.sort((a, b) => a.start - b.start);
  let masked = '';
  let at = 0;
  for (const s of spans) {
    masked += text.slice(at, s.start) + maskRun(s.run);
    at = s.end;
  }
  return { masked: masked + text.slice(at), runs: spans.map((s) => s.run) };
}

/** The secret-shaped runs of a text, in order (to seal them before the text is stored masked). */
export function secretsIn(text: string, ctx: SecretContext = {}): string[] {
  return findSecretRuns(text, ctx).runs;
}

/** Masks every secret-shaped run (well-formed, or a near miss by a keyword), for events, logs and notices. */
export function maskSecretsIn(text: string, ctx: SecretContext = {}): string {
  return findSecretRuns(text, ctx).masked;
}

/**
 * Puts sealed runs back where the stored text shows them masked, for one call only: the n-th mask
 * whose last 4 match takes the n-th run.
 *
 *   unmaskRuns('secret: ••••7e6d', ['9675 … 7e6d'])  // 'secret: 9675 … 7e6d'
 */
export function unmaskRuns(text: string, plain: readonly string[]): string {
  let i = 0;
  return text.replace(new RegExp(`${MASK}[0-9a-f]{4}`, 'gi'), (masked) => {
    const run = plain[i];
    if (run === undefined || masked.toLowerCase() !== maskRun(run).toLowerCase()) return masked;
    i += 1;
    return run;
  });
}
