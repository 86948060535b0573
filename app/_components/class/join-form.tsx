"use client";
/**
 * Join a class: the code (from the projector's QR code, or typed loosely) and a nickname,
 * checked here first (app/_lib/join-form.ts) with the wrong field named, then POST /api/join;
 * the server's refusal is shown as it words it. On success, the class page.
 */
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { checkJoin, type JoinField } from "@/app/_lib/join-form";

export function JoinForm({ initialCode }: { initialCode: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [nickname, setNickname] = useState("");
  const [problem, setProblem] = useState<{ field?: JoinField; text: string }>();
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const nickRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const check = checkJoin(code, nickname);
    if (!check.ok) {
      setProblem({ field: check.field, text: check.error });
      (check.field === "code" ? codeRef : nickRef).current?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const r = await fetch("/api/join", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: check.code, nickname: check.nickname }) });
      if (r.ok) {
        router.push("/class");
        router.refresh();
        return;
      }
      const body = (await r.json().catch(() => ({}))) as { error?: unknown };
      setProblem({ text: typeof body.error === "string" ? body.error : `the server answered ${r.status}` });
    } catch {
      setProblem({ text: "could not reach the PodPath server: check the connection and try again" });
    }
    setBusy(false);
  };

  const fieldError = (field: JoinField) => (problem?.field === field ? problem.text : undefined);
  const input = "field mt-1 block w-full";
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="mt-6 space-y-4" aria-describedby={problem && !problem.field ? "join-error" : undefined}>
      <div>
        <label htmlFor="join-code" className="block font-semibold text-white">
          Join code
        </label>
        <p id="join-code-hint" className="text-sm text-muted">
          6 letters and digits, from your instructor&apos;s screen.
        </p>
        <input
          ref={codeRef}
          id="join-code"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className={`${input} font-mono text-lg uppercase tracking-widest`}
          aria-invalid={fieldError("code") ? true : undefined}
          aria-describedby={fieldError("code") ? "join-code-hint join-code-error" : "join-code-hint"}
        />
        {fieldError("code") ? (
          <p id="join-code-error" className="mt-1 text-sm text-bad" role="alert">
            {fieldError("code")}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="join-nickname" className="block font-semibold text-white">
          Nickname
        </label>
        <p id="join-nickname-hint" className="text-sm text-muted">
          What your instructor sees: 1 to 32 characters.
        </p>
        <input
          ref={nickRef}
          id="join-nickname"
          name="nickname"
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          autoComplete="nickname"
          className={input}
          aria-invalid={fieldError("nickname") ? true : undefined}
          aria-describedby={fieldError("nickname") ? "join-nickname-hint join-nickname-error" : "join-nickname-hint"}
        />
        {fieldError("nickname") ? (
          <p id="join-nickname-error" className="mt-1 text-sm text-bad" role="alert">
            {fieldError("nickname")}
          </p>
        ) : null}
      </div>
      {problem && !problem.field ? (
        <p id="join-error" role="alert" className="rounded border border-bad/60 bg-bad/10 px-3 py-2 text-sm text-fg">
          <span className="font-semibold text-bad">Could not join:</span> {problem.text}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? "Joining…" : "Join the class"}
      </button>
    </form>
  );
}
