/**
 * `npm run bench -- reader-cost`: how long the reader takes on the worst messages it may meet — 20,000 characters
 * (READ_LIMIT, all that is read) of one repeated unit: a run of "-", of spaces, "1.1.1…", a list of addresses joined by
 * "，", a label repeated. Each once through `understand`, as the conversation calls it, after one warm-up. Regexes that
 * try every position of a long run were quadratic or cubic here (20 K of "-": over 15 s before round 14).
 */
import { READ_LIMIT, understand } from '../src/checklist/understand.js';

const UNITS = [
  '-',
  ' ',
  '1.',
  'a,',
  '中，',
  '广州市天河区天河路1号，',
  '门店',
  '地址:',
  'secret ',
  '①',
  '?',
  'a@',
  '→',
];

export async function run(): Promise<void> {
  understand('warm up: AppID wx5e6f7a8b9c0d1e2f', { expected: ['app_id'] });
  const rows: [string, number][] = UNITS.map((unit) => {
    const text = unit.repeat(Math.ceil(READ_LIMIT / unit.length)).slice(0, READ_LIMIT);
    const started = process.hrtime.bigint();
    understand(text, { expected: ['nearby_locations'] });
    return [unit, Number(process.hrtime.bigint() - started) / 1e6];
  });
  for (const [unit, ms] of rows) console.log(`${JSON.stringify(unit).padEnd(28)} ${ms.toFixed(0).padStart(6)} ms`);
  console.log(`worst: ${Math.max(...rows.map(([, ms]) => ms)).toFixed(0)} ms for ${READ_LIMIT} characters`);
}
