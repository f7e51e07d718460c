ALTER TABLE `items` ADD `set_role` text;--> statement-breakpoint
ALTER TABLE `items` ADD `set_how` text;--> statement-breakpoint
ALTER TABLE `items` ADD `pm_note` text;