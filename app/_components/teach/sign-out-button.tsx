"use client";
/** Ends the instructor's session (and its sockets) and goes back to the sign-in page. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "./post-json";

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <span className="flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-sm text-bad">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const answer = await postJson("/api/auth/signout");
          setBusy(false);
          if (!answer.ok) return setError(answer.error);
          router.replace("/teach");
          router.refresh();
        }}
      >
        Sign out
      </button>
    </span>
  );
}
