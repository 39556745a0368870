import {
  Agent,
  FunctionModel,
  InMemoryDb,
  type Message,
  type ModelResponse,
  Team,
  TestModel,
  tool,
} from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import type { AgentOSServer } from "../options.js";
import { form, parseSse, serveOnLoopback } from "../test-helpers.js";

const deleteRecords = tool({
  name: "delete_records",
  description: "Delete a customer's records.",
  inputSchema: { type: "object", properties: { customer_id: { type: "string" } } },
  requiresConfirmation: true,
  execute: (args: Record<string, unknown>) => `Deleted records of ${String(args.customer_id)}`,
});

/** A leader that delegates to the clerk once, then answers with the clerk's result. */
const leader = () =>
  new FunctionModel((messages: Message[]): ModelResponse | string => {
    const last = messages.at(-1)!;
    if (last.role === "tool") return `Leader summary: ${last.content}`;
    return {
      content: null,
      toolCalls: [
        {
          id: "d1",
          type: "function",
          function: {
            name: "delegate_task_to_member",
            arguments: JSON.stringify({ member_id: "clerk", task: "Delete c-1" }),
          },
        },
      ],
    };
  });

const db = new InMemoryDb({ id: "team-pause-db" });
const clerk = new Agent({
  id: "clerk",
  name: "Clerk",
  model: new TestModel(),
  tools: [deleteRecords],
});
const team = new Team({ id: "desk", name: "Desk", model: leader(), members: [clerk], db });
const os = new AgentOS({ teams: [team], db });
let server: AgentOSServer;
beforeAll(async () => {
  server = await serveOnLoopback(os);
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: "POST", body: form(fields) });

describe("a member's pause over HTTP", () => {
  it("pauses the team run, and POST /teams/{id}/runs/{run_id}/continue resumes the member", async () => {
    const paused = (await (
      await post("/teams/desk/runs", { message: "Clean up", stream: "false", session_id: "hp-1" })
    ).json()) as { run_id: string; status: string; tools: Array<Record<string, unknown>> };
    expect(paused.status).toBe("PAUSED");
    expect(paused.tools).toEqual([
      expect.objectContaining({
        tool_name: "delete_records",
        requires_confirmation: true,
        member_agent_id: "clerk",
      }),
    ]);
    const requirements = paused.tools.map((t) => ({ tool_execution: { ...t, confirmed: true } }));
    const res = await post(`/teams/desk/runs/${paused.run_id}/continue`, {
      requirements: JSON.stringify(requirements),
      session_id: "hp-1",
    });
    expect(res.status).toBe(200);
    const frames = parseSse(await res.text());
    const names = frames.map((f) => f.event);
    expect(names).toContain("ToolCallCompleted"); // the member's confirmed tool ran
    expect(names.at(-1)).toBe("TeamRunCompleted");
    const completed = frames.at(-1)!.data as { content: string; member_responses: unknown[] };
    expect(completed.content).toContain("Deleted records of");
    const stored = (await (
      await fetch(`${server.url}/teams/desk/runs/${paused.run_id}?session_id=hp-1`)
    ).json()) as { status: string; team_id: string };
    expect(stored).toMatchObject({ status: "COMPLETED", team_id: "desk" });
  });

  it("streams member events with the team's session id", async () => {
    const res = await post("/teams/desk/runs", { message: "Clean up", session_id: "hp-2" });
    const frames = parseSse(await res.text());
    const sessions = new Set(
      frames
        .filter((f) => f.event === "RunStarted" || f.event === "TeamRunStarted")
        .map((f) => f.data.session_id),
    );
    expect(sessions).toEqual(new Set(["hp-2"]));
  });
});
