DROP INDEX `outbox_channel`;--> statement-breakpoint
CREATE INDEX `outbox_lane` ON `outbox` (`state`,`platform`,`address`,`id`);