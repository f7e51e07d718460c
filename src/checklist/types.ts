/**
 * The checklist's types in one import: the vocabulary (sections, owners, statuses, value shapes, in
 * vocabulary.ts) and the item keys, which are derived from the checklist record (items.ts) — one list.
 */
export * from './vocabulary.js';
export { byChecklistOrder, ITEM_KEYS, type ItemKey, isItemKey } from './items.js';
