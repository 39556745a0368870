import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AgnoError,
  BaseFactory,
  createRequestContext,
  FactoryError,
  FactoryPermissionError,
  FactoryValidationError,
  isFactory,
} from "./index.js";

const db = { id: "db" };

describe("BaseFactory", () => {
  it("rejects an empty id or a missing db at construction", () => {
    expect(() => new BaseFactory({ id: "", db, factory: () => ({}) })).toThrow(/non-empty id/);
    expect(() => new BaseFactory({ id: "x", db: undefined, factory: () => ({}) })).toThrow(
      /Factory "x" needs a db/,
    );
  });

  it("builds with sync and async factories from the request context", async () => {
    const sync = new BaseFactory({ id: "a", db, factory: (ctx) => ({ user: ctx.userId }) });
    const async = new BaseFactory({ id: "b", db, factory: async (ctx) => ({ user: ctx.userId }) });
    const ctx = createRequestContext({ userId: "u1" });
    expect(await sync.build(ctx)).toEqual({ user: "u1" });
    expect(await async.build(ctx)).toEqual({ user: "u1" });
    expect(isFactory(sync)).toBe(true);
    expect(isFactory({})).toBe(false);
  });

  it("validates factory_input with defaults, and names the problem when invalid", async () => {
    const factory = new BaseFactory({
      id: "research-agent",
      db,
      inputSchema: z.object({
        persona: z.enum(["analyst", "advisor", "skeptic"]).default("analyst"),
        depth: z.number().default(3),
      }),
      factory: (ctx) => ctx.input,
    });
    expect(await factory.validateInput(undefined)).toEqual({ persona: "analyst", depth: 3 });
    const error = (await factory
      .validateInput({ persona: "poet" })
      .catch((e: unknown) => e)) as FactoryValidationError;
    expect(error).toBeInstanceOf(FactoryValidationError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/Invalid factory_input for "research-agent": persona/);
  });

  it("keeps permission errors and wraps other failures as 500", async () => {
    const denied = new BaseFactory({
      id: "d",
      db,
      factory: () => {
        throw new FactoryPermissionError("Missing agents:run scope");
      },
    });
    const broken = new BaseFactory({
      id: "e",
      db,
      factory: () => {
        throw new TypeError("secret internals");
      },
    });
    const ctx = createRequestContext();
    const permission = (await denied.build(ctx).catch((e: unknown) => e)) as FactoryPermissionError;
    expect(permission).toBeInstanceOf(FactoryPermissionError);
    expect(permission.status).toBe(403);
    const generic = (await broken.build(ctx).catch((e: unknown) => e)) as FactoryError;
    expect(generic).toBeInstanceOf(FactoryError);
    expect(generic.status).toBe(500);
    expect(generic.message).toBe('Factory "e" failed.');
    expect(AgnoError.isInstance(generic)).toBe(true);
  });
});

describe("RequestContext", () => {
  it("is immutable, including its claims and scopes", () => {
    const claims = { role: "admin" };
    const ctx = createRequestContext({ userId: "u", claims, scopes: ["agents:run"] });
    claims.role = "changed";
    expect(ctx.trusted.claims.role).toBe("admin");
    expect(ctx.trusted.scopes.has("agents:run")).toBe(true);
    expect(() => (ctx.trusted.scopes as Set<string>).add("admin")).toThrow(/read-only/);
    expect(() => {
      (ctx as { userId: string }).userId = "other";
    }).toThrow();
    expect(ctx.input).toBeNull();
  });
});
