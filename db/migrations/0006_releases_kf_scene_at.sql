ALTER TABLE `releases` ADD `kf_scene_at` text;--> statement-breakpoint
-- Links made before links expired count from this upgrade: they work 14 more days, then need a fresh invite.
UPDATE `releases` SET `kf_scene_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `kf_scene` IS NOT NULL;
