import { InMemoryDb } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { agentRun, seedSession, send, testApp } from "./test-helpers.js";

const DAY1 = 1_700_000_100; // 2023-11-14
const DAY2 = DAY1 + 86_400; // 2023-11-15

describe("metrics router", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    await seedSession(db, {
      session_id: "s1",
      agent_id: "support",
      user_id: "alice",
      runs: [
        agentRun("r1", "hi", "hello", { created_at: DAY1, model: "test", model_provider: "Test" }),
        agentRun("r2", "again", "yes", { created_at: DAY2, model: "test", model_provider: "Test" }),
      ],
    });
    await seedSession(db, {
      session_id: "s2",
      agent_id: "support",
      user_id: "bob",
      runs: [agentRun("r3", "hey", "yo", { created_at: DAY1 })],
    });
  });

  it("is empty before a refresh", async () => {
    const res = await send(app, "GET", "/metrics");
    expect(res).toEqual({ status: 200, body: { metrics: [], updated_at: null } });
  });

  it("refreshes inline and answers the day rows (DayAggregatedMetrics)", async () => {
    const res = await send(app, "POST", "/metrics/refresh");
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const day1 = res.body.find((d: any) => d.date === "2023-11-14T00:00:00Z");
    expect(day1).toMatchObject({
      agent_runs_count: 2,
      agent_sessions_count: 2,
      team_runs_count: 0,
      users_count: 2,
      token_metrics: { total_tokens: 14 },
      model_metrics: [{ model_id: "test", model_provider: "Test", count: 1 }],
    });
    expect(day1.created_at).toMatch(/Z$/);
    const got = await send(app, "GET", "/metrics?starting_date=2023-11-15&ending_date=2023-11-30");
    expect(got.body.metrics.map((d: any) => d.date)).toEqual(["2023-11-15T00:00:00Z"]);
    expect(got.body.updated_at).toMatch(/Z$/);
  });

  it("answers 422 for a date that is not YYYY-MM-DD", async () => {
    const res = await send(app, "GET", "/metrics?starting_date=2023-13-01");
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(["query", "starting_date"]);
  });

  it("refreshes in the background (202) and reports the refresh status", async () => {
    expect((await send(app, "GET", "/metrics/refresh/status")).body).toEqual({ status: "idle" });
    const started = await send(app, "POST", "/metrics/refresh?background=true");
    expect(started).toEqual({
      status: 202,
      body: { status: "started", message: "Metrics refresh started in background" },
    });
    let status = (await send(app, "GET", "/metrics/refresh/status")).body;
    for (let i = 0; i < 50 && status.status === "running"; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      status = (await send(app, "GET", "/metrics/refresh/status")).body;
    }
    expect(status.status).toBe("completed");
    expect(status.started_at).toMatch(/Z$/);
    expect(status.finished_at).toMatch(/Z$/);
    expect((await send(app, "GET", "/metrics")).body.metrics).toHaveLength(2);
  });

  it("answers already_running while a background refresh is in progress", async () => {
    const first = await send(app, "POST", "/metrics/refresh?background=1");
    const second = await send(app, "POST", "/metrics/refresh?background=1");
    expect(first.body.status).toBe("started");
    // The second request may land after the first finished; both answers are valid then.
    expect(["already_running", "started"]).toContain(second.body.status);
    expect(second.status).toBe(202);
    const bad = await send(app, "POST", "/metrics/refresh?background=maybe");
    expect(bad.status).toBe(422);
  });
});
