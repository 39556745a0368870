import { Agent, InMemoryDb, TestModel } from "@agno/core";
import { describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import { form } from "../test-helpers.js";
import {
  RUN_SCHEMA_KEYS,
  runSchema,
  TEAM_RUN_SCHEMA_KEYS,
  teamRunSchema,
  WORKFLOW_RUN_SCHEMA_KEYS,
  workflowRunSchema,
} from "./runs.js";

describe("run list schemas", () => {
  it("give every key of the reference's schemas, nulls included, in its order", () => {
    expect(Object.keys(runSchema({ run_id: "r1" }))).toEqual([...RUN_SCHEMA_KEYS]);
    expect(Object.keys(teamRunSchema({ run_id: "r1" }))).toEqual([...TEAM_RUN_SCHEMA_KEYS]);
    expect(Object.keys(workflowRunSchema({ run_id: "r1" }))).toEqual([...WORKFLOW_RUN_SCHEMA_KEYS]);
    expect(runSchema({ run_id: "r1", content: "hi", content_type: "str" })).toMatchObject({
      run_id: "r1",
      parent_run_id: null,
      content: "hi",
      run_response_format: "text",
      followups: null,
      last_checkpoint_at_message_index: null,
    });
  });

  it("GET /agents/{id}/runs returns RunSchema with every key", async () => {
    const os = new AgentOS({
      id: "runs-os",
      db: new InMemoryDb({ id: "runs-db" }),
      agents: [new Agent({ id: "helper", model: new TestModel() })],
    });
    const app = os.getApp();
    const run = await app.request("/agents/helper/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false", session_id: "s1", user_id: "u1" }),
    });
    expect(run.status).toBe(200);
    const res = await app.request("/agents/helper/runs?session_id=s1&user_id=u1");
    expect(res.status).toBe(200);
    const [item] = (await res.json()) as Array<Record<string, unknown>>;
    expect(Object.keys(item ?? {}).slice(0, RUN_SCHEMA_KEYS.length)).toEqual([...RUN_SCHEMA_KEYS]);
    expect(item).toMatchObject({
      agent_id: "helper",
      user_id: "u1",
      status: "COMPLETED",
      run_input: "hi",
      content: "TestModel response to: hi",
      run_response_format: "text",
      parent_run_id: null,
      reasoning_content: null,
      forked_from_run_id: null,
      regenerated_from: null,
    });
  });
});
