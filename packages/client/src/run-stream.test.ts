import { describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { AgnoClientError } from "./errors.js";

const encoder = new TextEncoder();
const sse = (event: Record<string, unknown>) =>
  `event: ${event.event}\ndata: ${JSON.stringify(event)}\n\n`;

/** A fetch answering an SSE body; records the request's signal and whether the body was cancelled. */
function sseFetch(events: Array<Record<string, unknown>>, options: { endless?: boolean } = {}) {
  const state = {
    signal: undefined as AbortSignal | undefined,
    cancelled: false,
    form: undefined as FormData | undefined,
  };
  const fetch = async (_url: string, init: RequestInit) => {
    state.signal = init.signal ?? undefined;
    state.form = init.body as FormData;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const e of events) controller.enqueue(encoder.encode(sse(e)));
        if (!options.endless) controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  };
  return { state, client: new AgentOSClient({ baseUrl: "http://os.test", fetch }) };
}

const base = { created_at: 1, agent_id: "a", agent_name: "A", session_id: "s1", nested_depth: 0 };

describe("RunStream", () => {
  it("yields typed events and builds the output from the terminal event", async () => {
    const { client, state } = sseFetch([
      { ...base, event: "RunStarted", run_id: "r1", model: "test", model_provider: "Test" },
      { ...base, event: "RunContent", run_id: "r1", content: "Hel", content_type: "str" },
      { ...base, event: "RunContent", run_id: "r1", content: "lo", content_type: "str" },
      {
        ...base,
        event: "RunCompleted",
        run_id: "r1",
        content: "Hello",
        metrics: { total_tokens: 3 },
      },
    ]);
    const stream = client.runAgentStream("a", "hi", { streamEvents: true });
    expect(stream.runId).toBeUndefined();
    const names: string[] = [];
    let text = "";
    for await (const event of stream) {
      names.push(event.event);
      if (event.event === "RunContent") text += String(event.content);
      if (event.event === "RunStarted") expect(stream.runId).toBe("r1");
    }
    expect(names).toEqual(["RunStarted", "RunContent", "RunContent", "RunCompleted"]);
    expect(text).toBe("Hello");
    expect(state.form?.get("stream")).toBe("true");
    expect(state.form?.get("stream_events")).toBe("true");
    const output = await stream.output;
    expect(output).toMatchObject({
      run_id: "r1",
      agent_id: "a",
      session_id: "s1",
      content: "Hello",
      status: "COMPLETED",
      model: "test",
      metrics: { total_tokens: 3 },
    });
    expect(output.toDict()).not.toHaveProperty("nested_depth");
    expect(stream.sessionId).toBe("s1");
  });

  it("aborts the request when the loop is left early", async () => {
    const { client, state } = sseFetch([{ ...base, event: "RunStarted", run_id: "r1" }], {
      endless: true,
    });
    const stream = client.runAgentStream("a", "hi");
    for await (const event of stream) {
      expect(event.event).toBe("RunStarted");
      break;
    }
    expect(state.signal?.aborted).toBe(true);
    expect(state.cancelled).toBe(true);
    const error = await stream.output.catch((e) => e);
    expect(AgnoClientError.isInstance(error)).toBe(true);
    expect(error.code).toBe("stream_closed");
  });

  it("abort() stops a stream being read", async () => {
    const { client, state } = sseFetch([{ ...base, event: "RunStarted", run_id: "r1" }], {
      endless: true,
    });
    const stream = client.runAgentStream("a", "hi");
    const first = await stream.next();
    expect(first.value).toMatchObject({ event: "RunStarted" });
    const pending = stream.next();
    stream.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    expect(state.signal?.aborted).toBe(true);
  });

  it("completes a content-only stream that ends cleanly; rejects an empty one", async () => {
    const { client } = sseFetch([
      { ...base, event: "RunContent", run_id: "r1", content: "Hi " },
      { ...base, event: "RunContent", run_id: "r1", content: "there" },
    ]);
    const stream = client.runAgentStream("a", "hi", { streamEvents: false });
    for await (const _ of stream) {
      // read to the end
    }
    expect(await stream.output).toMatchObject({ status: "COMPLETED", content: "Hi there" });
    const empty = sseFetch([]).client.runAgentStream("a", "hi");
    for await (const _ of empty) {
      // nothing
    }
    const error = await empty.output.catch((e) => e);
    expect(error.code).toBe("incomplete_stream");
  });

  it("resolves an errored run's output with status ERROR (as a non-streamed run answers)", async () => {
    const { client } = sseFetch([
      { ...base, event: "RunStarted", run_id: "r1" },
      { ...base, event: "RunError", run_id: "r1", content: "model failed", error_type: "X" },
    ]);
    const stream = client.runAgentStream("a", "hi");
    for await (const _ of stream) {
      // read to the end
    }
    expect(await stream.output).toMatchObject({
      status: "ERROR",
      content: "model failed",
      error_type: "X",
    });
  });

  it("builds a team's output from its own events, not its members'", async () => {
    const team = { created_at: 1, team_id: "t", team_name: "T", session_id: "s", nested_depth: 0 };
    const { client } = sseFetch([
      { ...team, event: "TeamRunStarted", run_id: "t1" },
      { ...base, event: "RunStarted", run_id: "m1", parent_run_id: "t1" },
      { ...base, event: "RunContent", run_id: "m1", content: "member text" },
      { ...base, event: "RunCompleted", run_id: "m1", content: "member text" },
      { ...team, event: "TeamRunContent", run_id: "t1", content: "team " },
      { ...team, event: "TeamRunContent", run_id: "t1", content: "answer" },
      { ...team, event: "TeamRunCompleted", run_id: "t1", content: "team answer" },
    ]);
    const stream = client.runTeamStream("t", "hi");
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names).toContain("RunContent");
    expect(stream.runId).toBe("t1");
    expect(await stream.output).toMatchObject({
      run_id: "t1",
      team_id: "t",
      content: "team answer",
      status: "COMPLETED",
    });
  });

  it("builds a workflow's output from WorkflowCompleted, and WorkflowError's `error`", async () => {
    const wf = {
      created_at: 1,
      workflow_id: "w",
      workflow_name: "W",
      session_id: "s",
      nested_depth: 0,
    };
    const ok = sseFetch([
      { ...wf, event: "WorkflowStarted", run_id: "w1" },
      { ...wf, event: "StepStarted", run_id: "w1", step_name: "one" },
      { ...wf, event: "StepCompleted", run_id: "w1", step_name: "one", content: "x" },
      {
        ...wf,
        event: "WorkflowCompleted",
        run_id: "w1",
        content: "done",
        step_results: [{ content: "x" }],
      },
    ]).client.runWorkflowStream("w", "go");
    for await (const _ of ok) {
      // read to the end
    }
    expect(await ok.output).toMatchObject({
      run_id: "w1",
      workflow_name: "W",
      content: "done",
      status: "COMPLETED",
      step_results: [{ content: "x" }],
    });
    const bad = sseFetch([
      { ...wf, event: "WorkflowStarted", run_id: "w2" },
      { ...wf, event: "WorkflowError", run_id: "w2", error: "step failed" },
    ]).client.runWorkflowStream("w", "go");
    for await (const _ of bad) {
      // read to the end
    }
    expect(await bad.output).toMatchObject({ status: "ERROR", content: "step failed" });
  });

  it("throws on an event whose data is not JSON", async () => {
    const fetch = async () =>
      new Response("event: RunContent\ndata: {not json\n\n", {
        headers: { "content-type": "text/event-stream" },
      });
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    const error = await (async () => {
      for await (const _ of client.runAgentStream("a", "hi")) {
        // read
      }
    })().catch((e) => e);
    expect(error.code).toBe("invalid_event");
  });
});
