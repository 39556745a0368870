import { type BaseDb, type Component, cancelRun, type SessionRecord } from "@agno/core";
import { canAccess } from "../auth/index.js";
import { type AppContext, scopedUserId } from "../env.js";
import { httpError } from "../errors.js";
import { missingField } from "../http/validation.js";
import { log } from "../logger.js";
import type { Entry, Registry } from "../registry.js";
import type { KindSpec } from "./run-kinds.js";
import { runOwners } from "./run-owners.js";

/**
 * The registered component named by the path, after the per-resource access check (403 "Access
 * denied to <action> this <kind>", checked first as in the reference) and the 404.
 */
export function lookupEntry<T>(
  c: AppContext,
  registry: Registry,
  kind: KindSpec,
  action: "read" | "run",
): Entry<T> {
  const id = c.req.param(kind.param) ?? "";
  if (!canAccess(c, kind.plural, id, action)) {
    throw httpError(403, `Access denied to ${action} this ${kind.lower}`);
  }
  const entry = registry.of(kind.type).get(id);
  if (!entry) throw httpError(404, `${kind.label} not found`);
  return entry as Entry<T>;
}

/** A required query parameter (422 when missing, as the reference). */
export function requireQuery(c: AppContext, name: string): string {
  const value = c.req.query(name);
  if (value === undefined || value === "") throw missingField("query", name);
  return value;
}

/**
 * A stored session of this component (of this kind, its id and database) that the caller may
 * read, else a 404 with `notFound`: missing, of another type or component, or (for a caller
 * confined to its own data) another user's.
 */
export async function readableSession(
  c: AppContext,
  kind: KindSpec,
  component: { readonly id: string; readonly db?: BaseDb | undefined },
  sessionId: string,
  notFound: string,
): Promise<SessionRecord> {
  const { db } = component;
  if (!db) throw httpError(404, notFound);
  const record = await db.getSession(sessionId);
  if (!record || record.session_type !== kind.type) throw httpError(404, notFound);
  const owner = record[kind.idKey];
  if (owner && owner !== component.id) throw httpError(404, notFound);
  const scoped = scopedUserId(c);
  if (scoped !== undefined && (record.user_id ?? "") !== scoped) throw httpError(404, notFound);
  return record;
}

/** The reference's 409 wording for a run that cannot be continued. */
export function notContinuable(status: unknown): string {
  switch (status) {
    case "RUNNING":
    case "PENDING":
      return "run is already running";
    case "COMPLETED":
      return "run is already completed";
    case "ERROR":
      return "run has errored";
    case "CANCELLED":
      return "run is already cancelled";
    default:
      return `run is not paused (status=${String(status)})`;
  }
}

/** Background runs still going, so that a shutdown can wait for them. */
const backgroundRuns = new Set<Promise<unknown>>();

/** Runs `task` after the response, logging its failure; shutdown waits for it. */
export function runInBackground(label: string, task: () => Promise<unknown>): void {
  const promise = task()
    .catch((error) => log.error(`${label} failed: ${(error as Error)?.message ?? String(error)}`))
    .finally(() => backgroundRuns.delete(promise));
  backgroundRuns.add(promise);
}

/** Resolves when the background runs started so far have ended. */
export async function backgroundRunsSettled(): Promise<void> {
  await Promise.allSettled([...backgroundRuns]);
}

/**
 * `POST /<kind>/{id}/runs/{run_id}/cancel`: cancels a run of this component that belongs to the
 * caller. The owner is the one recorded when AgentOS started the run (or, for a run this process
 * no longer knows, the stored run of the named session); another user's run, another
 * component's, and an unknown run all answer 404 "Run not found". Factories are not invoked.
 */
export function cancelRunHandler(registry: Registry, kind: KindSpec) {
  return async (c: AppContext): Promise<Response> => {
    const entry = lookupEntry<unknown>(c, registry, kind, "run");
    const runId = c.req.param("run_id") ?? "";
    const scoped = scopedUserId(c);
    const sessionId = c.req.query("session_id") || undefined;
    if (scoped !== undefined && !sessionId) {
      throw httpError(400, "session_id is required for this action");
    }
    const notFound = () => httpError(404, "Run not found");
    const known = runOwners.get(runId);
    if (known) {
      const { owner } = known;
      if (owner.kind !== kind.type || owner.componentId !== entry.id) throw notFound();
      if (scoped !== undefined && (owner.userId ?? "") !== scoped) throw notFound();
      if (sessionId !== undefined && owner.sessionId !== sessionId) throw notFound();
      if (known.live) cancelRun(runId);
      return c.json({});
    }
    if (!sessionId) throw notFound();
    const db = entry.factory ? entry.factory.db : (entry.component as Component).db;
    const record = await readableSession(c, kind, { id: entry.id, db }, sessionId, "Run not found");
    const run = (record.runs ?? []).find(
      (r) => r.run_id === runId && (!r[kind.idKey] || r[kind.idKey] === entry.id),
    );
    if (!run) throw notFound();
    if (scoped !== undefined && (run.user_id ?? record.user_id ?? "") !== scoped) throw notFound();
    if (run.status === "RUNNING" || run.status === "PENDING") cancelRun(runId);
    return c.json({});
  };
}
