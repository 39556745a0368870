// A consumer of the published @agno/client: type-checked against its built .d.ts in a directory
// where @agno/core cannot be resolved (see src/published-types.test.ts).
import {
  AgentOSClient,
  AgentOSHttpError,
  type AgentRunStream,
  COMPONENT_BRAND,
  type ComponentType,
  RemoteAgent,
  type RemoteRunOutput,
  RemoteTeam,
  RemoteWorkflow,
  type RemoteWorkflowRunOutput,
  type RunOutputEvent,
  RunStatus,
  type SessionDetail,
  type ToolExecution,
  type WorkflowStreamEvent,
} from "@agno/client";

const client = new AgentOSClient({ baseUrl: "http://localhost:7777", timeout: 30 });

export async function streamedRun(): Promise<string> {
  const stream: AgentRunStream = client.runAgentStream("assistant", "Tell me a story", {
    sessionId: "s1",
    userId: "ada",
  });
  let text = "";
  const tools: string[] = [];
  for await (const event of stream) {
    if (event.event === "RunContent" && typeof event.content === "string") text += event.content;
    if (event.event === "ToolCallStarted") {
      const tool: ToolExecution | undefined = event.tool;
      if (tool?.tool_name) tools.push(tool.tool_name);
    }
    if (event.event === "RunError") {
      const message: string | undefined = event.content;
      text += message ?? "";
    }
    if (event.event === "TeamRunCompleted") {
      const teamId: string = event.team_id;
      text += teamId;
    }
  }
  const output: RemoteRunOutput = await stream.output;
  const status: RunStatus = output.status;
  const done: boolean = status === RunStatus.completed;
  const tokens: number | undefined = output.metrics?.total_tokens;
  const runId: string | undefined = stream.runId;
  // @ts-expect-error a run id is a string: the published types are real types, not `any`
  const wrong: number = output.run_id;
  return `${text} ${tools.join(",")} ${done} ${tokens ?? 0} ${runId} ${wrong}`;
}

export async function remoteComponents(): Promise<unknown[]> {
  const agent = new RemoteAgent({ baseUrl: "http://localhost:7777", agentId: "assistant" });
  const kind: ComponentType = agent[COMPONENT_BRAND];
  const plain: RemoteRunOutput = await agent.run("What is 2 + 2?", { userId: "ada" });
  const names: Array<RunOutputEvent["event"]> = [];
  for await (const event of agent.run("And 3 + 3?", { stream: true })) names.push(event.event);
  const session: SessionDetail | null = await agent.getSession();
  const state: Record<string, unknown> = await agent.updateSessionState({ theme: "dark" });
  const last: RemoteRunOutput | null = await agent.getLastRunOutput();
  const cancelled: boolean = await agent.cancelRun("run-1");
  if (plain.isPaused) {
    const answered = plain.activeRequirements.map((t) => ({ ...t, confirmed: true }));
    await agent.continueRun({ runOutput: plain, updatedTools: answered });
  }

  const team = new RemoteTeam({ baseUrl: "http://localhost:7777", teamId: "research-team" });
  const teamOutput = await team.run("Research AI trends");
  const members: number = teamOutput.member_responses.length;

  const workflow = new RemoteWorkflow({ baseUrl: "http://localhost:7777", workflowId: "qa" });
  const steps: string[] = [];
  const workflowStream = workflow.run("Write", { stream: true });
  for await (const event of workflowStream) {
    const e: WorkflowStreamEvent = event;
    if (e.event === "StepCompleted" && e.step_name) steps.push(e.step_name);
  }
  const workflowOutput: RemoteWorkflowRunOutput = await workflowStream.output;

  try {
    await client.getAgent("missing");
  } catch (error) {
    if (AgentOSHttpError.isInstance(error)) steps.push(String(error.status));
  }
  return [kind, names, session, state, last, cancelled, members, steps, workflowOutput.content];
}
