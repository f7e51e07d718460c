/** Every English string the bot shows, one module per area. Add a key here and in `../zh`. */
import { checklist } from './checklist.js';
import { clientPage } from './client-page.js';
import { cli } from './cli.js';
import { commands } from './commands.js';
import { conversation } from './conversation.js';
import { files } from './files.js';
import { planning } from './planning.js';
import { people } from './people.js';
import { pm } from './pm.js';
import { reminders } from './reminders.js';
import { secretCheck } from './secret-check.js';
import { slack } from './slack.js';
import { status } from './status.js';
import { web } from './web.js';
import { wecom } from './wecom.js';

export const en = {
  ...checklist,
  ...clientPage,
  ...cli,
  ...commands,
  ...conversation,
  ...files,
  ...planning,
  ...people,
  ...pm,
  ...reminders,
  ...secretCheck,
  ...slack,
  ...status,
  ...web,
  ...wecom,
} as const;
