/** The signed-in instructor of a teach page's request, from the pp_session cookie (server components only: next/headers). */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { instructorForSession } from "@/server/classroom/pages";

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get("pp_session")?.value;
}

/** The instructor, or a redirect to the sign-in page. */
export async function requireInstructor() {
  const session = await sessionToken();
  const instructor = instructorForSession(session);
  if (!instructor) redirect("/teach");
  return { session, instructor };
}
