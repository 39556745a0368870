import { Agent, InMemoryDb, Step, Team, TestModel, Workflow } from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import type { AgentOSServer } from "../options.js";
import { eventually, form, parseSse, serveOnLoopback } from "../test-helpers.js";

const db = new InMemoryDb({ id: "wf-db" });
const drafter = new Agent({ name: "Drafter", model: new TestModel({ text: "A draft." }) });
const editor = new Agent({ name: "Editor", model: new TestModel({ text: "The final text." }) });
const blog = new Workflow({
  name: "Blog Post",
  description: "Draft then edit",
  steps: [
    new Step({ name: "draft", description: "Write the first draft", agent: drafter }),
    new Step({ name: "edit", description: "Edit and finalize", agent: editor }),
  ],
});
const slow = new Workflow({
  id: "slow-flow",
  steps: [
    new Step({
      name: "think",
      agent: new Agent({
        model: new TestModel({ latencyMs: 30, chunkSize: 1, text: "slowly thinking" }),
      }),
    }),
  ],
});
const team = new Team({
  name: "Writers",
  model: new TestModel({ callTools: false, text: "Team answer." }),
  members: [drafter, editor],
});

const os = new AgentOS({ workflows: [blog, slow], teams: [team], db });
let server: AgentOSServer;
beforeAll(async () => {
  server = await serveOnLoopback(os);
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: "POST", body: form(fields) });

describe("workflows", () => {
  it("lists and describes workflows (ids from names, steps)", async () => {
    const list = (await (await fetch(`${server.url}/workflows`)).json()) as Array<
      Record<string, unknown>
    >;
    expect(list[0]).toEqual({
      id: "blog-post",
      name: "Blog Post",
      description: "Draft then edit",
      db_id: "wf-db",
      is_factory: false,
      is_component: false,
    });
    const detail = (await (await fetch(`${server.url}/workflows/blog-post`)).json()) as Record<
      string,
      any
    >;
    expect(detail.steps.map((s: { name: string }) => s.name)).toEqual(["draft", "edit"]);
    expect((await fetch(`${server.url}/workflows/nope`)).status).toBe(404);
  });

  it("streams a workflow run (WorkflowStarted ... WorkflowCompleted)", async () => {
    const res = await post("/workflows/blog-post/runs", {
      message: "Tide pools",
      session_id: "wf-stream",
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const frames = parseSse(await res.text());
    const names = frames.map((f) => f.event);
    expect(names[0]).toBe("WorkflowStarted");
    expect(names.at(-1)).toBe("WorkflowCompleted");
    expect(names).toContain("StepStarted");
    expect(names).toContain("StepCompleted");
    expect(frames.at(-1)!.data).toMatchObject({
      workflow_id: "blog-post",
      content: "The final text.",
    });
  });

  it("answers the run's JSON with stream=false and lists it", async () => {
    const res = await post("/workflows/blog-post/runs", {
      message: "Tide pools",
      stream: "false",
      session_id: "wf-json",
    });
    expect(res.status).toBe(200);
    const run = (await res.json()) as Record<string, any>;
    expect(run).toMatchObject({
      workflow_id: "blog-post",
      status: "COMPLETED",
      content: "The final text.",
    });
    const runs = (await (
      await fetch(`${server.url}/workflows/blog-post/runs?session_id=wf-json`)
    ).json()) as Array<Record<string, unknown>>;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      run_id: run.run_id,
      run_input: "Tide pools",
      status: "COMPLETED",
    });
    const one = await fetch(
      `${server.url}/workflows/blog-post/runs/${run.run_id}?session_id=wf-json`,
    );
    expect(((await one.json()) as Record<string, unknown>).run_id).toBe(run.run_id);
    const cont = await post(`/workflows/blog-post/runs/${run.run_id}/continue`, {
      session_id: "wf-json",
    });
    expect(cont.status).toBe(409);
    expect(await cont.json()).toEqual({ detail: "run is already completed" });
    const missing = await post("/workflows/blog-post/runs/none/continue", {
      session_id: "wf-json",
    });
    expect(missing.status).toBe(404);
  });

  it("runs in the background: 202 then the run is polled until completed", async () => {
    const res = await post("/workflows/blog-post/runs", {
      message: "Background",
      stream: "false",
      background: "true",
      session_id: "wf-bg",
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { run_id: string; session_id: string; status: string };
    expect(accepted).toMatchObject({ session_id: "wf-bg", status: "PENDING" });
    const done = await eventually(async () => {
      const r = await fetch(
        `${server.url}/workflows/blog-post/runs/${accepted.run_id}?session_id=wf-bg`,
      );
      const json = (await r.json()) as Record<string, unknown>;
      return json.status === "COMPLETED" ? json : undefined;
    });
    expect(done.content).toBe("The final text.");
  });

  it("cancels a running workflow through the cancel route", async () => {
    const res = await post("/workflows/slow-flow/runs", { message: "go", session_id: "wf-cancel" });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    const runId = /"run_id":"([^"]+)"/.exec(text)![1]!;
    const cancel = await post(`/workflows/slow-flow/runs/${runId}/cancel`, {});
    expect(cancel.status).toBe(200);
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(parseSse(text).at(-1)!.event).toBe("WorkflowCancelled");
    const stored = (await db.getSession("wf-cancel"))?.runs?.[0];
    expect(stored?.status).toBe("CANCELLED");
  });
});

describe("teams", () => {
  it("describes a team with its mode and members", async () => {
    const detail = (await (await fetch(`${server.url}/teams/writers`)).json()) as Record<
      string,
      any
    >;
    expect(detail).toMatchObject({
      id: "writers",
      name: "Writers",
      mode: "coordinate",
      is_factory: false,
    });
    expect(detail.members.map((m: { name: string }) => m.name)).toEqual(["Drafter", "Editor"]);
  });

  it("streams TeamRun* events and answers JSON", async () => {
    const res = await post("/teams/writers/runs", { message: "Write" });
    const names = parseSse(await res.text()).map((f) => f.event);
    expect(names[0]).toBe("TeamRunStarted");
    expect(names.at(-1)).toBe("TeamRunCompleted");
    const json = await post("/teams/writers/runs", { message: "Write", stream: "false" });
    expect(((await json.json()) as Record<string, unknown>).team_id).toBe("writers");
    expect((await post("/teams/nope/runs", { message: "x" })).status).toBe(404);
    expect(await (await post("/teams/nope/runs", { message: "x" })).json()).toEqual({
      detail: "Team not found",
    });
  });
});
