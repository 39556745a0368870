// Helpers shared by this package's tests (not part of the public API): real AgentOS servers on
// 127.0.0.1, with TestModel components.
import {
  Agent,
  AgentFactory,
  type BaseDb,
  FactoryPermissionError,
  InMemoryDb,
  Step,
  Team,
  TestModel,
  tool,
  Workflow,
} from "@agno/core";
import { AgentOS, type AgentOSOptions, type AgentOSServer } from "@agno/os";
import { z } from "zod";

/** Starts an AgentOS on a free port of 127.0.0.1; `close()` stops it. */
export async function startAgentOS(options: AgentOSOptions): Promise<AgentOSServer> {
  const os = new AgentOS(options);
  return os.serve({ port: 0, host: "127.0.0.1", handleSignals: false });
}

export const add = tool({
  name: "add",
  description: "Add two numbers.",
  inputSchema: {
    type: "object",
    properties: { a: { type: "number" }, b: { type: "number" } },
    required: ["a", "b"],
  },
  execute: (args: Record<string, any>) => String(args.a + args.b),
});

export const confirmDelete = tool({
  name: "delete_records",
  description: "Delete a customer's records.",
  inputSchema: { type: "object", properties: { customer_id: { type: "string" } } },
  requiresConfirmation: true,
  execute: (args: Record<string, any>) => `Deleted records of ${args.customer_id}`,
});

/** The components of the test AgentOS: an agent with a tool, a team, a workflow and a factory. */
export function demoComponents(db: BaseDb = new InMemoryDb({ id: "client-test-db" })) {
  const assistant = new Agent({
    id: "assistant",
    name: "Assistant",
    description: "Adds numbers.",
    role: "calculator",
    model: new TestModel({ toolArgs: { add: { a: 2, b: 3 } }, chunkSize: 5 }),
    tools: [add],
    instructions: "Add numbers with the add tool.",
    db,
  });
  const guarded = new Agent({
    id: "guarded",
    name: "Guarded",
    model: new TestModel({ toolArgs: { delete_records: { customer_id: "c-42" } } }),
    tools: [confirmDelete],
    db,
  });
  const slow = new Agent({
    id: "slow",
    name: "Slow",
    model: new TestModel({
      latencyMs: 30,
      chunkSize: 1,
      text: "a slow answer, one letter at a time",
    }),
    db,
  });
  const writer = new Agent({
    id: "writer",
    name: "Writer",
    model: new TestModel({ text: "A short poem about numbers." }),
    db,
  });
  const team = new Team({
    id: "research-team",
    name: "Research Team",
    description: "Delegates to the assistant.",
    model: new TestModel({ callTools: ["delegate_task_to_member"] }),
    members: [assistant],
    db,
  });
  const workflow = new Workflow({
    id: "qa-workflow",
    name: "QA Workflow",
    description: "Writes, then adds.",
    steps: [new Step({ name: "write", agent: writer })],
    db,
  });
  const tenantAgent = new AgentFactory({
    id: "tenant-agent",
    name: "Tenant Agent",
    description: "An agent built per tenant.",
    db,
    inputSchema: z.object({ tenant: z.string() }),
    factory: (ctx) => {
      const tenant = (ctx.input as { tenant: string }).tenant;
      if (tenant === "blocked")
        throw new FactoryPermissionError(`Tenant "${tenant}" may not use this agent.`);
      return new Agent({
        name: `Agent for ${tenant}`,
        model: new TestModel({ text: `Hello from ${tenant}` }),
      });
    },
  });
  return { db, assistant, guarded, slow, writer, team, workflow, tenantAgent };
}
