/** The registry of `release-bot` subcommands, in the order `help` lists them. */
import type { CliCommand } from './command.js';
import { exportCli } from './export.js';
import { chat } from './chat.js';
import { demo } from './demo.js';
import { migrate } from './migrate.js';
import { reminders } from './reminders.js';
import { status } from './status.js';
import { understandCommand } from './understand.js';
import { calendar } from './calendar.js';

export const COMMANDS: CliCommand[] = [migrate, status, reminders, calendar, exportCli, chat, demo, understandCommand];
