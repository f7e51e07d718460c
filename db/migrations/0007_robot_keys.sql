CREATE TABLE `robot_keys` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`iv` text NOT NULL,
	`ciphertext` text NOT NULL,
	`tag` text NOT NULL,
	`last4` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
