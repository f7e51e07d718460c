/**
 * A count of the reader's steps (characters scanned, keyword and token matches, readers run), so tests
 * can assert that reading stays linear in the message's length without timing anything.
 *
 *   const before = readerWork.steps; understand(text); readerWork.steps - before // ~ c × text.length
 */
export const readerWork = { steps: 0 };

export function tick(n = 1): void {
  readerWork.steps += n;
}
