/** The bar at the top of the landing and catalog pages. */
import Link from "next/link";
import { Logo } from "./logo";

export function SiteHeader({ current }: { current?: "play" | "join" | "teach" }) {
  const item = (href: string, label: string, key: "play" | "join" | "teach") => (
    <li>
      <Link href={href} prefetch={key === "play" ? undefined : false} aria-current={current === key ? "page" : undefined} className={`rounded px-2 py-1 no-underline hover:text-white ${current === key ? "text-white underline decoration-accent decoration-2 underline-offset-4" : "text-muted"}`}>
        {label}
      </Link>
    </li>
  );
  return (
    <header className="border-b border-ink-700 bg-ink-900">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-fg no-underline">
          <Logo />
          PodPath
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-3 text-[0.95rem]">
            {item("/play", "Play", "play")}
            {item("/join", "Join a class", "join")}
            {item("/teach", "Teach", "teach")}
          </ul>
        </nav>
      </div>
    </header>
  );
}
