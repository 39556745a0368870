import type { BaseDb } from "../db/base-db.js";
import type { SessionRecord } from "../db/types.js";
import { InputValidationError } from "../errors.js";
import { nowSeconds, uuid } from "../utils/ids.js";

/**
 * A deep copy of a stored session under a new id: every run gets a new run id (member runs keep
 * pointing at their team run's new id), records the session it was first made in, and moves to
 * the new session; the new session records its immediate source.
 */
export function forkedRecord(source: SessionRecord, userId: string | undefined): SessionRecord {
  const copy = structuredClone(source);
  const sessionId = uuid();
  const newIds = new Map<string, string>();
  for (const run of copy.runs ?? []) {
    if (typeof run.run_id === "string") newIds.set(run.run_id, uuid());
  }
  for (const run of copy.runs ?? []) {
    const r = run as Record<string, unknown>;
    if (typeof r.run_id === "string") r.run_id = newIds.get(r.run_id);
    if (typeof r.parent_run_id === "string" && newIds.has(r.parent_run_id)) {
      r.parent_run_id = newIds.get(r.parent_run_id);
    }
    r.session_id = sessionId;
    r.forked_from_session_id ??= source.session_id;
  }
  const now = nowSeconds();
  return {
    ...copy,
    session_id: sessionId,
    user_id: userId ?? source.user_id ?? null,
    session_data: { ...(copy.session_data ?? {}), forked_from_session_id: source.session_id },
    created_at: now,
    updated_at: now,
  };
}

/**
 * Stores a copy of `source` (the session `sourceId`, as read for the caller) under a new id, so a
 * conversation can go another way without touching the original. Each copied run remembers the
 * session it was first made in (`forked_from_session_id`), the new session its immediate source.
 * An empty or missing source is an {@link InputValidationError}. Returns the new session's id.
 */
export async function forkStoredSession(
  db: BaseDb,
  sourceId: string,
  source: { runs: unknown[]; toRecord(): SessionRecord } | null,
  userId: string | undefined,
): Promise<string> {
  if (!source || source.runs.length === 0) {
    throw new InputValidationError(`Session "${sourceId}" has no runs to fork.`);
  }
  const record = forkedRecord(source.toRecord(), userId);
  await db.upsertSession(record);
  return record.session_id;
}
