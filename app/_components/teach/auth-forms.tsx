"use client";
/**
 * Sign in, or create an instructor account. The password's length is checked here first
 * (10-200 characters, as the API requires); any refusal shows the API's own sentence next to
 * the form it came from.
 */
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { postJson } from "./post-json";

const MIN_PASSWORD = 10;
const MAX_PASSWORD = 200;

type Mode = "signin" | "signup";

function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signup = mode === "signup";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const name = String(data.get("name") ?? "").trim();
    if (!email) return setError("Email: enter your email address");
    if (signup && (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)) return setError(`Password: use ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`);
    if (!password) return setError("Password: enter your password");
    setError(undefined);
    setBusy(true);
    const answer = await postJson(signup ? "/api/auth/signup" : "/api/auth/signin", signup ? { email, password, ...(name ? { name } : {}) } : { email, password });
    if (!answer.ok) {
      setBusy(false);
      return setError(answer.error);
    }
    router.replace("/teach/classes");
    router.refresh();
  }

  const title = signup ? "Create an account" : "Sign in";
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-ink-700 bg-ink-900 p-5">
      <h2 id={`${id}-title`} className="text-xl font-semibold text-white">
        {title}
      </h2>
      <form noValidate onSubmit={submit} className="mt-4 flex flex-col gap-3" aria-describedby={error ? `${id}-error` : undefined}>
        {signup ? (
          <label className="flex flex-col gap-1 text-sm text-muted">
            Name (optional)
            <input name="name" type="text" autoComplete="name" maxLength={80} className="field py-1.5 text-sm" />
          </label>
        ) : null}
        <label className="flex flex-col gap-1 text-sm text-muted">
          Email
          <input name="email" type="email" autoComplete="email" required className="field py-1.5 text-sm" />
        </label>
        <label className="flex flex-col gap-1 text-sm text-muted">
          Password{signup ? ` (${MIN_PASSWORD}-${MAX_PASSWORD} characters)` : ""}
          <input name="password" type="password" autoComplete={signup ? "new-password" : "current-password"} required maxLength={MAX_PASSWORD} className="field py-1.5 text-sm" />
        </label>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-bad">
            {error}
          </p>
        ) : null}
        <button type="submit" className={`btn justify-center py-1.5 ${signup ? "" : "btn-primary"}`} disabled={busy}>
          {busy ? "Please wait…" : title}
        </button>
      </form>
    </section>
  );
}

export function AuthForms() {
  return (
    <div className="mt-6 grid gap-6 md:grid-cols-2">
      <AuthForm mode="signin" />
      <AuthForm mode="signup" />
    </div>
  );
}
