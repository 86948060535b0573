CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`player_id` text NOT NULL,
	`level_id` text NOT NULL,
	`seed` integer NOT NULL,
	`started_at` text NOT NULL,
	`solved_at` text,
	`stars` integer DEFAULT 0 NOT NULL,
	`hints_shown` integer DEFAULT 0 NOT NULL,
	`solution_shown` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_active` ON `attempts` (`player_id`,`level_id`) WHERE "attempts"."active" = 1;--> statement-breakpoint
CREATE INDEX `attempts_player` ON `attempts` (`player_id`,`level_id`);--> statement-breakpoint
CREATE TABLE `commands` (
	`attempt_id` text NOT NULL,
	`seq` integer NOT NULL,
	`host` text NOT NULL,
	`line` text NOT NULL,
	`accepted` integer NOT NULL,
	`error` text,
	`output` text,
	`changed` integer NOT NULL,
	`undone` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commands_attempt_seq` ON `commands` (`attempt_id`,`seq`);--> statement-breakpoint
CREATE TABLE `players` (
	`id` text PRIMARY KEY NOT NULL,
	`nickname` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` text NOT NULL,
	`seq` integer NOT NULL,
	`cause` text NOT NULL,
	`solved` integer NOT NULL,
	`passed` integer NOT NULL,
	`total` integer NOT NULL,
	`json` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdicts_attempt` ON `verdicts` (`attempt_id`,`id`);