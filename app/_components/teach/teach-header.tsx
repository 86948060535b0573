/** The bar at the top of the signed-in teach pages: home, the classes, who is signed in, sign out. */
import Link from "next/link";
import type { InstructorView } from "@/server/auth/instructor-store";
import { Logo } from "../logo";
import { SignOutButton } from "./sign-out-button";

export function TeachHeader({ instructor, wide = false }: { instructor: InstructorView; wide?: boolean }) {
  return (
    <header className="border-b border-ink-700 bg-ink-900">
      <div className={`mx-auto flex items-center justify-between gap-4 px-6 py-3 ${wide ? "max-w-[1800px]" : "max-w-6xl"}`}>
        <div className="flex items-center gap-5">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-fg no-underline">
            <Logo />
            PodPath
          </Link>
          <nav aria-label="Teach">
            <Link href="/teach/classes" className="rounded px-2 py-1 text-muted no-underline hover:text-white">
              Your classes
            </Link>
          </nav>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-muted">
            Signed in as <span className="text-fg">{instructor.name || instructor.email}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
