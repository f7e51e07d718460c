CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`name` text,
	`platform` text NOT NULL,
	`address` text NOT NULL,
	`role` text DEFAULT 'both' NOT NULL,
	`locale` text,
	`timezone` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_address` ON `contacts` (`client_id`,`platform`,`address`);--> statement-breakpoint
CREATE TABLE `watchers` (
	`client_id` integer NOT NULL,
	`user` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watchers_client_user` ON `watchers` (`client_id`,`user`);--> statement-breakpoint
ALTER TABLE `clients` ADD `opens_at` integer DEFAULT 540 NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `closes_at` integer DEFAULT 1080 NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `carried_from` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `confirm_pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `releases` ADD `seq` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `releases` ADD `name` text;--> statement-breakpoint
UPDATE `releases` SET `seq` = (SELECT count(*) FROM `releases` r2 WHERE r2.`client_id` = `releases`.`client_id` AND r2.`id` <= `releases`.`id`);--> statement-breakpoint
INSERT INTO `contacts` (`client_id`, `platform`, `address`, `role`) SELECT t.`client_id`, t.`platform`, t.`channel`, 'both' FROM `threads` t WHERE t.`kind` <> 'appchat' AND t.`id` = (SELECT min(t2.`id`) FROM `threads` t2 WHERE t2.`client_id` = t.`client_id` AND t2.`kind` <> 'appchat');
