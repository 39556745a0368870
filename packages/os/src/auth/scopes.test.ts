import { ConfigurationError } from "@agno/core";
import { describe, expect, it } from "vitest";
import {
  compileScopeMappings,
  DEFAULT_SCOPE_MAPPINGS,
  globToRegExp,
  requiredScopesForRoute,
} from "./scope-mappings.js";
import {
  accessibleResourceIds,
  checkRouteScopes,
  hasRequiredScopes,
  insufficientPermissionsDetail,
  resourceContextFromPath,
} from "./scopes.js";

const defaults = compileScopeMappings();

describe("globToRegExp (fnmatch semantics)", () => {
  it("lets * span slashes and ? match one character", () => {
    expect(globToRegExp("/agents/*").test("/agents/a/runs/r")).toBe(true);
    expect(globToRegExp("/agents/*").test("/agents")).toBe(false);
    expect(globToRegExp("/a?c").test("/abc")).toBe(true);
    expect(globToRegExp("/a?c").test("/abbc")).toBe(false);
  });

  it("supports sets, negated sets and escapes regex characters", () => {
    expect(globToRegExp("/v[12]/x").test("/v1/x")).toBe(true);
    expect(globToRegExp("/v[!12]/x").test("/v1/x")).toBe(false);
    expect(globToRegExp("/v[!12]/x").test("/v3/x")).toBe(true);
    expect(globToRegExp("/a.b+(c)").test("/a.b+(c)")).toBe(true);
    expect(globToRegExp("/a.b").test("/aXb")).toBe(false);
    expect(globToRegExp("/[x").test("/[x")).toBe(true);
  });
});

describe("requiredScopesForRoute (default table)", () => {
  it.each([
    ["GET", "/config", ["config:read"]],
    ["GET", "/models", ["config:read"]],
    ["GET", "/agents", ["agents:read"]],
    ["GET", "/agents/a1", ["agents:read"]],
    ["POST", "/agents", ["agents:write"]],
    ["PATCH", "/teams/t1", ["teams:write"]],
    ["DELETE", "/workflows/w1", ["workflows:delete"]],
    ["POST", "/agents/a1/runs", ["agents:run"]],
    ["POST", "/teams/t1/runs/r1/continue", ["teams:run"]],
    ["POST", "/workflows/w1/runs/r1/cancel", ["workflows:run"]],
    ["GET", "/agents/a1/runs/r1", ["agents:read"]],
    ["GET", "/sessions", ["sessions:read"]],
    ["POST", "/sessions/s1/rename", ["sessions:write"]],
    ["DELETE", "/sessions", ["sessions:delete"]],
    ["GET", "/memory_topics", ["memories:read"]],
    ["POST", "/optimize-memories", ["memories:write"]],
    ["GET", "/knowledge/content/c1/status", ["knowledge:read"]],
    ["GET", "/knowledge/kb1/sources/s1/files", ["knowledge:read"]],
    ["GET", "/metrics", ["metrics:read"]],
    ["POST", "/metrics/refresh", ["metrics:write"]],
    ["GET", "/eval-runs/e1", ["evals:read"]],
    ["DELETE", "/eval-runs", ["evals:delete"]],
    ["GET", "/traces/filter-schema", ["traces:read"]],
    ["POST", "/traces/search", ["traces:read"]],
    ["POST", "/databases/db1/migrate", ["config:write"]],
    ["GET", "/components/c1/configs/current", ["components:read"]],
  ])("%s %s needs %j", (method, path, scopes) => {
    expect(requiredScopesForRoute(defaults, method, path)).toEqual(scopes);
  });

  it("leaves unmapped routes open, counts HEAD as GET and ignores a trailing slash", () => {
    expect(requiredScopesForRoute(defaults, "POST", "/agents/a1/runs/r1/resume")).toEqual([]);
    expect(requiredScopesForRoute(defaults, "GET", "/metrics/refresh/status")).toEqual([]);
    expect(requiredScopesForRoute(defaults, "HEAD", "/sessions")).toEqual(["sessions:read"]);
    expect(requiredScopesForRoute(defaults, "GET", "/sessions/")).toEqual(["sessions:read"]);
  });

  it("merges custom mappings over the defaults and tries custom patterns first", () => {
    const m = compileScopeMappings({
      "GET /agents": ["custom:agents:list"],
      "GET /agents/{agent_id}/stats": ["metrics:read"],
      "GET /public": [],
      "post /custom/action": ["custom:write"],
    });
    expect(requiredScopesForRoute(m, "GET", "/agents")).toEqual(["custom:agents:list"]);
    expect(requiredScopesForRoute(m, "GET", "/agents/a1/stats")).toEqual(["metrics:read"]);
    expect(requiredScopesForRoute(m, "GET", "/agents/a1")).toEqual(["agents:read"]);
    expect(requiredScopesForRoute(m, "GET", "/public")).toEqual([]);
    expect(requiredScopesForRoute(m, "POST", "/custom/action")).toEqual(["custom:write"]);
    expect(Object.keys(DEFAULT_SCOPE_MAPPINGS)).toContain("GET /agents");
  });

  it("rejects malformed keys", () => {
    expect(() => compileScopeMappings({ "/agents": ["x:y"] })).toThrow(ConfigurationError);
    expect(() => compileScopeMappings({ "GET agents": ["x:y"] })).toThrow(/METHOD \/path/);
  });
});

describe("hasRequiredScopes", () => {
  const agent = { type: "agents" as const, id: "a1" };

  it("accepts global, wildcard and same-id scopes on a route naming a resource", () => {
    expect(hasRequiredScopes(["agents:run"], ["agents:run"], agent)).toBe(true);
    expect(hasRequiredScopes(["agents:*:run"], ["agents:run"], agent)).toBe(true);
    expect(hasRequiredScopes(["agents:a1:run"], ["agents:run"], agent)).toBe(true);
    expect(hasRequiredScopes(["agents:a2:run"], ["agents:run"], agent)).toBe(false);
    expect(hasRequiredScopes(["agents:a1:read"], ["agents:run"], agent)).toBe(false);
    expect(hasRequiredScopes(["teams:a1:run"], ["agents:run"], agent)).toBe(false);
  });

  it("needs a global or wildcard scope on routes without an id", () => {
    expect(hasRequiredScopes(["agents:a1:write"], ["agents:write"], { type: "agents" })).toBe(
      false,
    );
    expect(hasRequiredScopes(["agents:*:write"], ["agents:write"], { type: "agents" })).toBe(true);
    expect(hasRequiredScopes(["sessions:read"], ["sessions:read"])).toBe(true);
    expect(hasRequiredScopes(["sessions:write"], ["sessions:read"])).toBe(false);
  });

  it("honours the admin scope, a custom admin scope and the legacy system alias", () => {
    expect(hasRequiredScopes(["agent_os:admin"], ["config:write"])).toBe(true);
    expect(hasRequiredScopes(["root"], ["config:write"], {}, "root")).toBe(true);
    expect(hasRequiredScopes(["agent_os:admin"], ["config:write"], {}, "root")).toBe(false);
    expect(hasRequiredScopes(["system:read"], ["config:read"])).toBe(true);
  });

  it("never matches unknown-format scopes and requires every listed scope", () => {
    expect(hasRequiredScopes(["agents"], ["agents:read"])).toBe(false);
    expect(hasRequiredScopes(["a:b:c:d"], ["a:b:c:d"])).toBe(false);
    expect(hasRequiredScopes(["x:read"], ["x:read", "y:read"])).toBe(false);
    expect(hasRequiredScopes(["x:read", "y:read"], ["x:read", "y:read"])).toBe(true);
    expect(hasRequiredScopes([], [])).toBe(true);
  });

  it("matches an explicit three-part requirement literally", () => {
    expect(hasRequiredScopes(["custom:agents:list"], ["custom:agents:list"])).toBe(true);
    expect(hasRequiredScopes(["custom:*:list"], ["custom:agents:list"])).toBe(true);
    expect(hasRequiredScopes(["custom:teams:list"], ["custom:agents:list"])).toBe(false);
  });
});

describe("resourceContextFromPath", () => {
  it("finds the family and id under /agents, /teams, /workflows and /a2a", () => {
    expect(resourceContextFromPath("/agents")).toEqual({ type: "agents" });
    expect(resourceContextFromPath("/agents/a1/runs")).toEqual({ type: "agents", id: "a1" });
    expect(resourceContextFromPath("/a2a/teams/t1")).toEqual({ type: "teams", id: "t1" });
    expect(resourceContextFromPath("/knowledge/agents/sources")).toEqual({});
    expect(resourceContextFromPath("/agentsx")).toEqual({});
  });
});

describe("accessibleResourceIds", () => {
  it("answers all for admin, global and wildcard scopes", () => {
    expect(accessibleResourceIds(["agent_os:admin"], "agents")).toBe("all");
    expect(accessibleResourceIds(["agents:read"], "agents")).toBe("all");
    expect(accessibleResourceIds(["agents:*:run"], "agents")).toBe("all");
  });

  it("collects per-resource ids for the asked actions only", () => {
    const scopes = ["agents:a1:read", "agents:a2:run", "teams:t1:read", "agents:a3:write"];
    expect(accessibleResourceIds(scopes, "agents")).toEqual(new Set(["a1", "a2"]));
    expect(accessibleResourceIds(scopes, "agents", ["read"])).toEqual(new Set(["a1"]));
    expect(accessibleResourceIds(scopes, "agents", ["delete"])).toEqual(new Set());
    expect(accessibleResourceIds(["agents:run"], "agents", ["read"])).toEqual(new Set());
  });
});

describe("checkRouteScopes", () => {
  it("lets a listing through with the readable ids when the global scope is missing", () => {
    const r = checkRouteScopes(["agents:a1:read", "agents:a2:run"], defaults, "GET", "/agents");
    expect(r).toEqual({
      allowed: true,
      requiredScopes: ["agents:read"],
      accessibleIds: new Set(["a1"]),
    });
  });

  it("does not extend the listing rule to writes or to other families", () => {
    expect(checkRouteScopes(["agents:a1:write"], defaults, "POST", "/agents").allowed).toBe(false);
    expect(checkRouteScopes([], defaults, "GET", "/sessions").allowed).toBe(false);
    const m = compileScopeMappings({ "GET /agents": ["knowledge:read"] });
    expect(checkRouteScopes(["agents:a1:read"], m, "GET", "/agents").allowed).toBe(false);
  });

  it("reports the required scopes of a denial", () => {
    const r = checkRouteScopes(["agents:a1:run"], defaults, "POST", "/agents/a2/runs");
    expect(r).toEqual({ allowed: false, requiredScopes: ["agents:run"] });
    expect(insufficientPermissionsDetail(r.requiredScopes)).toBe(
      "Insufficient permissions. Required scope(s): agents:run",
    );
    expect(insufficientPermissionsDetail([])).toBe("Insufficient permissions");
  });
});
