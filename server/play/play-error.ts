/** A refusal the player should read (bad seq, not your attempt, no more hints); anything else is a bug. */
export class PlayError extends Error {
  override readonly name = "PlayError";
}
