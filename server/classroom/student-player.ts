/**
 * A class student plays as their own player, `cs.<studentId>`. The dot keeps that id out of
 * reach of the pp_player cookie (which only holds [A-Za-z0-9_-]), so nobody can play as a
 * student by setting a cookie; the student's attempts are the membership's attempts.
 */
const PREFIX = "cs.";

export function studentPlayerId(studentId: string): string {
  return PREFIX + studentId;
}

export function studentIdOfPlayer(playerId: string): string | undefined {
  return playerId.startsWith(PREFIX) ? playerId.slice(PREFIX.length) : undefined;
}
