/**
 * The instructor's classes: GET/POST /api/classes, GET /api/classes/[classId], its dashboard,
 * one student's drill-in, and the CSV report. Only the owner sees a class.
 */
import { createClass, createClassSchema } from "../class-create";
import { classStateView } from "../class-views";
import { buildDashboard } from "../dashboard-view";
import { buildDrill } from "../drill-view";
import { classReportCsv, reportFileName } from "../report-csv";
import type { HttpDeps } from "./http-deps";
import { ownedClass, signedInInstructor } from "./owner";
import { crossSite, json, problem, readJson } from "./respond";

export async function listClasses(deps: HttpDeps, request: Request): Promise<Response> {
  const signed = signedInInstructor(deps, request);
  if (!signed.ok) return signed.response;
  const classes = deps.store.classesOf(signed.instructor.id).map((row) => ({ ...classStateView(row), students: deps.store.activeStudents(row.id).length, createdAt: row.createdAt }));
  return json(200, { classes });
}

export async function postClass(deps: HttpDeps, request: Request): Promise<Response> {
  const refused = crossSite(request);
  if (refused) return refused;
  const signed = signedInInstructor(deps, request);
  if (!signed.ok) return signed.response;
  const body = await readJson(request, createClassSchema, deps.runtime.limits.maxBodyBytes);
  if (!body.ok) return body.response;
  const made = createClass(deps.store, signed.instructor.id, body.value, deps.now());
  return made.ok ? json(201, { class: made.class }) : problem(made.status, made.error);
}

export async function getClass(deps: HttpDeps, request: Request, classId: string): Promise<Response> {
  const owned = ownedClass(deps, request, classId);
  return owned.ok ? json(200, { class: classStateView(owned.row) }) : owned.response;
}

export async function getDashboard(deps: HttpDeps, request: Request, classId: string): Promise<Response> {
  const owned = ownedClass(deps, request, classId);
  if (!owned.ok) return owned.response;
  return json(200, { dashboard: buildDashboard({ orm: deps.orm, store: deps.store, presence: deps.runtime.presence }, owned.row) });
}

export async function getDrill(deps: HttpDeps, request: Request, classId: string, studentId: string): Promise<Response> {
  const owned = ownedClass(deps, request, classId);
  if (!owned.ok) return owned.response;
  const student = /^[A-Za-z0-9_-]{16,64}$/.test(studentId) ? deps.store.student(studentId) : undefined;
  if (!student || student.classId !== classId) return problem(404, `there is no student ${studentId} in this class`);
  const level = new URL(request.url).searchParams.get("level") ?? undefined;
  if (level !== undefined && !owned.row.levelIds.includes(level)) return problem(400, `bad request: level: "${level}" is not one of this class's levels`);
  const drill = buildDrill({ orm: deps.orm, attempts: deps.attempts, levels: deps.levels, presence: deps.runtime.presence }, classId, student, level);
  return json(200, { drill });
}

export async function getReport(deps: HttpDeps, request: Request, classId: string): Promise<Response> {
  const owned = ownedClass(deps, request, classId);
  if (!owned.ok) return owned.response;
  return new Response(classReportCsv(deps.orm, deps.store, owned.row), {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${reportFileName(owned.row)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
