import { type AppContext, scopedUserId } from "../env.js";
import { log } from "../logger.js";
import { checkId } from "./ids.js";
import type { RunKwargs } from "./run-kwargs.js";

/** Who a request acts for, after precedence: verified middleware values first, then the form. */
export interface Identity {
  userId?: string;
  sessionId?: string;
}

function nonEmpty(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === "" ? undefined : value;
}

/**
 * The reference's identity precedence: (1) a non-admin caller under authorization is confined to
 * its own user id; else (2) the verified `user_id` set by middleware wins; else (3) the form field.
 * A verified `session_id` overrides the form's. Disagreements are overridden with a warning.
 */
export function resolveIdentity(
  c: AppContext,
  formUserId: string | undefined,
  formSessionId: string | undefined,
): Identity {
  let userId = nonEmpty(formUserId);
  if (userId !== undefined) checkId("request", "user_id", userId);
  const scoped = scopedUserId(c);
  const verifiedUser = nonEmpty(c.get("user_id"));
  if (verifiedUser !== undefined) checkId("token", "user_id", verifiedUser);
  const forced = scoped !== undefined ? scoped : verifiedUser;
  if (forced !== undefined) {
    if (userId !== undefined && userId !== forced) {
      log.warn(
        `user_id "${userId}" in the request differs from the verified user id; using the verified one.`,
      );
    }
    userId = forced;
  }
  let sessionId = nonEmpty(formSessionId);
  if (sessionId !== undefined) checkId("request", "session_id", sessionId);
  const verifiedSession = nonEmpty(c.get("session_id"));
  if (verifiedSession !== undefined) checkId("token", "session_id", verifiedSession);
  if (verifiedSession !== undefined) {
    if (sessionId !== undefined && sessionId !== verifiedSession) {
      log.warn(
        `session_id "${sessionId}" in the request differs from the verified session id; using the verified one.`,
      );
    }
    sessionId = verifiedSession;
  }
  return {
    ...(userId !== undefined ? { userId } : {}),
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}

/**
 * Values extracted from verified claims (`dependencies`, `session_state`) override the same-named
 * request fields, as in the reference.
 */
export function applyVerifiedState(c: AppContext, kwargs: RunKwargs): RunKwargs {
  const dependencies = c.get("dependencies");
  const sessionState = c.get("session_state");
  const out = { ...kwargs };
  if (dependencies && Object.keys(dependencies).length > 0) {
    if (kwargs.dependencies)
      log.warn("dependencies sent in the request are replaced by the verified ones.");
    out.dependencies = dependencies;
  }
  if (sessionState && Object.keys(sessionState).length > 0) {
    if (kwargs.sessionState)
      log.warn("session_state sent in the request is replaced by the verified one.");
    out.sessionState = sessionState;
  }
  return out;
}
