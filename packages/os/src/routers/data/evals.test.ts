import { InMemoryDb } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { send, testApp } from "./test-helpers.js";

describe("evals router", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    const base = { eval_data: { score: 1 }, eval_input: { input: "2+2" } };
    await db.createEvalRun({
      ...base,
      run_id: "e1",
      eval_type: "accuracy",
      agent_id: "math",
      model_id: "gpt",
      name: "first",
      created_at: 1_700_000_000,
    });
    await db.createEvalRun({
      ...base,
      run_id: "e2",
      eval_type: "performance",
      team_id: "crew",
      created_at: 1_700_000_100,
    });
    await db.createEvalRun({
      ...base,
      run_id: "e3",
      eval_type: "reliability",
      agent_id: "math",
      created_at: 1_700_000_200,
    });
  });

  it("lists eval runs (EvalSchema, newest first) with filters", async () => {
    const all = await send(app, "GET", "/eval-runs");
    expect(all.status).toBe(200);
    expect(all.body.data.map((e: any) => e.id)).toEqual(["e3", "e2", "e1"]);
    expect(all.body.data[2]).toEqual({
      id: "e1",
      agent_id: "math",
      model_id: "gpt",
      name: "first",
      eval_type: "accuracy",
      eval_data: { score: 1 },
      eval_input: { input: "2+2" },
      created_at: "2023-11-14T22:13:20Z",
    });
    const byAgent = await send(app, "GET", "/eval-runs?agent_id=math&sort_order=asc");
    expect(byAgent.body.data.map((e: any) => e.id)).toEqual(["e1", "e3"]);
    const byType = await send(app, "GET", "/eval-runs?type=team");
    expect(byType.body.data.map((e: any) => e.id)).toEqual(["e2"]);
    expect(byType.body.meta.total_count).toBe(1);
    const byEvalTypes = await send(app, "GET", "/eval-runs?eval_types=accuracy,reliability");
    expect(byEvalTypes.body.data.map((e: any) => e.id)).toEqual(["e3", "e1"]);
    const paged = await send(app, "GET", "/eval-runs?type=agent&limit=1&page=2");
    expect(paged.body.data.map((e: any) => e.id)).toEqual(["e1"]);
    expect(paged.body.meta).toMatchObject({ total_count: 2, total_pages: 2 });
  });

  it("rejects unknown eval types and filter types", async () => {
    const bad = await send(app, "GET", "/eval-runs?eval_types=accuracy,vibes");
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/Invalid eval_type: 'vibes'/);
    const badType = await send(app, "GET", "/eval-runs?type=robot");
    expect(badType.status).toBe(422);
  });

  it("gets, renames and deletes eval runs", async () => {
    expect((await send(app, "GET", "/eval-runs/e2")).body.team_id).toBe("crew");
    const missing = await send(app, "GET", "/eval-runs/zzz");
    expect(missing).toEqual({ status: 404, body: { detail: "Eval run with id 'zzz' not found" } });
    const renamed = await send(app, "PATCH", "/eval-runs/e2", { json: { name: "Speed" } });
    expect(renamed.body).toMatchObject({ id: "e2", name: "Speed" });
    expect(renamed.body.updated_at).toMatch(/Z$/);
    const renameMissing = await send(app, "PATCH", "/eval-runs/zzz", { json: { name: "x" } });
    expect(renameMissing.status).toBe(404);
    const badName = await send(app, "PATCH", "/eval-runs/e2", { json: { name: "" } });
    expect(badName.status).toBe(422);
    const deleted = await send(app, "DELETE", "/eval-runs", {
      json: { eval_run_ids: ["e1", "e2"] },
    });
    expect(deleted.status).toBe(204);
    expect((await db.getEvalRuns()).items.map((e) => e.run_id)).toEqual(["e3"]);
    const noIds = await send(app, "DELETE", "/eval-runs", { json: {} });
    expect(noIds.status).toBe(422);
  });

  it("answers 501 for running an eval, after checking the body", async () => {
    const bad = await send(app, "POST", "/eval-runs", { json: { eval_type: "magic", input: "" } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: any) => d.loc.join("."))).toEqual([
      "body.eval_type",
      "body.input",
    ]);
    const both = await send(app, "POST", "/eval-runs", {
      json: { eval_type: "accuracy", input: "2+2", agent_id: "a", team_id: "t" },
    });
    expect(both).toEqual({
      status: 400,
      body: { detail: "Only one of agent_id or team_id must be provided" },
    });
    const ok = await send(app, "POST", "/eval-runs", {
      json: { eval_type: "accuracy", input: "2+2", agent_id: "math" },
    });
    expect(ok.status).toBe(501);
    expect(ok.body.detail).toBe("Running evals is not available yet in this AgentOS");
  });
});
