DROP INDEX `reminders_release`;--> statement-breakpoint
CREATE INDEX `reminders_release_due` ON `reminders` (`release_id`,`state`,`due_at`);