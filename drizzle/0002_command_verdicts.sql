ALTER TABLE `commands` ADD `verdict_solved` integer;--> statement-breakpoint
ALTER TABLE `commands` ADD `verdict_passed` integer;--> statement-breakpoint
ALTER TABLE `commands` ADD `verdict_total` integer;--> statement-breakpoint
ALTER TABLE `commands` ADD `verdict_json` text;--> statement-breakpoint
-- Every verdict of an attempt, from both places (server/db/schema.ts, attemptVerdicts). ord:
-- (seq * 2, plus 1 for an undo) * 2^31, plus the verdicts row's id (below 2^31).
CREATE VIEW `attempt_verdicts` AS
SELECT `attempt_id`, `seq`, `cause`, `solved`, `passed`, `total`, `json`, `created_at`,
  ((`seq` * 2 + (`cause` = 'undo')) << 31) + `id` AS `ord`
FROM `verdicts`
UNION ALL
SELECT `attempt_id`, `seq`, 'command', `verdict_solved`, `verdict_passed`, `verdict_total`, `verdict_json`, `created_at`,
  (`seq` * 2) << 31 AS `ord`
FROM `commands` WHERE `verdict_json` IS NOT NULL;
