import type { Context } from "hono";

/** A route as Hono lists it in `app.routes`. */
export interface RouteLike {
  method: string;
  path: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** A Hono path pattern (`/agents/:agent_id`, `:id{[0-9]+}`, `*`) as an anchored regular expression. */
export function routePathRegExp(path: string): RegExp {
  let out = "";
  for (const segment of path.split("/").slice(1)) {
    const param = /^:[A-Za-z0-9_]+(?:\{(.+)\})?(\?)?$/.exec(segment);
    if (param) {
      out += param[2]
        ? `(?:/${param[1] ? `(?:${param[1]})` : "[^/]+"})?`
        : `/${param[1] ? `(?:${param[1]})` : "[^/]+"}`;
    } else if (segment === "*") {
      out += "(?:/.*)?";
    } else {
      out += `/${segment.split("*").map(escapeRegExp).join(".*")}`;
    }
  }
  return new RegExp(`^${out || "/"}$`);
}

/**
 * Answers a request no route took: 405 `{"detail": "Method Not Allowed"}` with an `Allow` header
 * when routes exist for its path under other methods (as FastAPI does; `HEAD` comes with `GET`),
 * else 404 `{"detail": "Not Found"}`.
 */
export function notFoundOrMethodNotAllowed(
  routes: () => readonly RouteLike[],
): (c: Context, path: string) => Response {
  let compiled: Array<{ method: string; regex: RegExp }> = [];
  let compiledFrom = -1;
  return (c, path) => {
    const current = routes();
    if (current.length !== compiledFrom) {
      compiled = current
        .filter((r) => r.method !== "ALL")
        .map((r) => ({ method: r.method, regex: routePathRegExp(r.path) }));
      compiledFrom = current.length;
    }
    const methods = new Set<string>();
    for (const { method, regex } of compiled) if (regex.test(path)) methods.add(method);
    if (methods.has("GET")) methods.add("HEAD");
    methods.delete(c.req.method);
    if (
      methods.size === 0 ||
      compiled.some((r) => r.method === c.req.method && r.regex.test(path))
    ) {
      return c.json({ detail: "Not Found" }, 404);
    }
    return c.json({ detail: "Method Not Allowed" }, 405, { Allow: [...methods].sort().join(", ") });
  };
}
