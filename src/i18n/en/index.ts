/** Every English string the bot shows, one module per area. Add a key here and in `../zh`. */
import { checklist } from './checklist.js';

export const en = { ...checklist } as const;
