/**
 * Server functions for the classroom pages' first render (server components), reading the
 * database directly. Pass the cookie values from `next/headers`:
 *
 *   const jar = await cookies();
 *   const dashboard = classDashboard(jar.get("pp_session")?.value, classId);
 *   if (!dashboard) notFound(); // or redirect to sign-in
 *
 * Each returns undefined when the cookie does not give access (not signed in, not the owner,
 * not a member), exactly as the HTTP API would answer 401/403/404.
 */
import type { ClassStateView, DashboardView, DrillView, StudentClassView } from "../../game/class-protocol";
import type { InstructorView } from "../auth/instructor-store";
import { hashToken, isToken } from "../auth/tokens";
import { classStateView } from "./class-views";
import { buildDashboard } from "./dashboard-view";
import { buildDrill } from "./drill-view";
import { levelInfo } from "./level-info";
import { classReportRows, type ReportRow } from "./report-csv";
import { sharedHttpDeps } from "./http/http-deps";
import { studentClassView } from "./student-view";

export type ClassSummary = ClassStateView & { readonly students: number; readonly createdAt: string };

export function instructorForSession(sessionToken: string | undefined): InstructorView | undefined {
  return sharedHttpDeps().auth.instructorFor(sessionToken);
}

export function instructorClasses(sessionToken: string | undefined): ClassSummary[] | undefined {
  const deps = sharedHttpDeps();
  const instructor = deps.auth.instructorFor(sessionToken);
  if (!instructor) return undefined;
  return deps.store.classesOf(instructor.id).map((row) => ({ ...classStateView(row), students: deps.store.activeStudents(row.id).length, createdAt: row.createdAt }));
}

function ownedRow(sessionToken: string | undefined, classId: string) {
  const deps = sharedHttpDeps();
  const instructor = deps.auth.instructorFor(sessionToken);
  const row = instructor ? deps.store.classById(classId) : undefined;
  return row && row.instructorId === instructor!.id ? { deps, row } : undefined;
}

/** The dashboard's first view; then the page's socket sends class.watch and applies dashboard.batch pushes. */
export function classDashboard(sessionToken: string | undefined, classId: string): DashboardView | undefined {
  const owned = ownedRow(sessionToken, classId);
  return owned && buildDashboard({ orm: owned.deps.orm, store: owned.deps.store, presence: owned.deps.runtime.presence }, owned.row);
}

export function studentDrill(sessionToken: string | undefined, classId: string, studentId: string, levelId?: string): DrillView | undefined {
  const owned = ownedRow(sessionToken, classId);
  const student = owned?.deps.store.student(studentId);
  if (!owned || !student || student.classId !== classId) return undefined;
  const { deps } = owned;
  return buildDrill({ orm: deps.orm, attempts: deps.attempts, levels: deps.levels, presence: deps.runtime.presence }, classId, student, levelId);
}

export interface ClassReport {
  readonly class: ClassStateView;
  readonly levels: DashboardView["levels"];
  /** What report.csv holds, row for row: each student (join order) at each level (class order). */
  readonly rows: readonly ReportRow[];
}

/** The report page's table: the same rows as GET /api/classes/[classId]/report.csv. */
export function classReport(sessionToken: string | undefined, classId: string): ClassReport | undefined {
  const owned = ownedRow(sessionToken, classId);
  if (!owned) return undefined;
  const { deps, row } = owned;
  return {
    class: classStateView(row),
    levels: row.levelIds.map((id) => {
      const info = levelInfo(id);
      return { id, title: info?.title ?? id, track: info?.track ?? "" };
    }),
    rows: classReportRows(deps.orm, deps.store, row),
  };
}

/** The class a pp_student cookie is in, as its student sees it; undefined if none or removed. */
export function joinedClass(studentToken: string | undefined): StudentClassView | undefined {
  if (!isToken(studentToken)) return undefined;
  const deps = sharedHttpDeps();
  const student = deps.store.studentByToken(hashToken(studentToken));
  const row = student && !student.removedAt ? deps.store.classById(student.classId) : undefined;
  return row && student && studentClassView(deps.orm, deps.store, row, student);
}

/**
 * The class a pp_student cookie's student was removed from (its title), so a page can say so
 * instead of offering to join as if nothing happened; undefined for any other cookie.
 */
export function removedFromClass(studentToken: string | undefined): { readonly title: string } | undefined {
  if (!isToken(studentToken)) return undefined;
  const deps = sharedHttpDeps();
  const student = deps.store.studentByToken(hashToken(studentToken));
  const row = student?.removedAt ? deps.store.classById(student.classId) : undefined;
  return row && { title: row.title };
}
