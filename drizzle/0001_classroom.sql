CREATE TABLE `class_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`class_id` text NOT NULL,
	`student_id` text,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `class_students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `class_messages_class` ON `class_messages` (`class_id`,`id`);--> statement-breakpoint
CREATE TABLE `class_students` (
	`id` text PRIMARY KEY NOT NULL,
	`class_id` text NOT NULL,
	`player_id` text NOT NULL,
	`nickname` text NOT NULL,
	`nickname_key` text NOT NULL,
	`token_hash` text NOT NULL,
	`seed` integer NOT NULL,
	`joined_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `class_students_nickname` ON `class_students` (`class_id`,`nickname_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `class_students_token` ON `class_students` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `class_students_player` ON `class_students` (`player_id`);--> statement-breakpoint
CREATE TABLE `classes` (
	`id` text PRIMARY KEY NOT NULL,
	`instructor_id` text NOT NULL,
	`title` text NOT NULL,
	`code` text NOT NULL,
	`level_ids` text NOT NULL,
	`pacing` text NOT NULL,
	`variants` integer NOT NULL,
	`seed` integer NOT NULL,
	`stuck_minutes` integer NOT NULL,
	`status` text NOT NULL,
	`machine` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `classes_open_code` ON `classes` (`code`) WHERE "classes"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX `classes_instructor` ON `classes` (`instructor_id`);--> statement-breakpoint
CREATE TABLE `instructor_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`instructor_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`instructor_id`) REFERENCES `instructors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `instructor_sessions_instructor` ON `instructor_sessions` (`instructor_id`);--> statement-breakpoint
CREATE TABLE `instructors` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instructors_email` ON `instructors` (`email`);