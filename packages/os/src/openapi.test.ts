import {
  Agent,
  AgentFactory,
  InMemoryDb,
  Step,
  Team,
  TeamFactory,
  TestModel,
  Workflow,
  WorkflowFactory,
} from "@agno/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentOS } from "./agent-os.js";

const db = new InMemoryDb({ id: "doc-db" });
const helper = new Agent({ id: "helper", model: new TestModel() });

/** An AgentOS with every kind of component, prototypes and factories. */
function everything(): AgentOS {
  return new AgentOS({
    id: "doc-os",
    name: "Documented",
    version: "3.1.4",
    description: "Every route, described.",
    db,
    agents: [
      helper,
      new AgentFactory({
        id: "persona-agent",
        db,
        inputSchema: z.object({ persona: z.enum(["analyst", "skeptic"]).default("analyst") }),
        factory: () => new Agent({ model: new TestModel() }),
      }),
      new AgentFactory({
        id: "plain-agent",
        db,
        factory: () => new Agent({ model: new TestModel() }),
      }),
    ],
    teams: [
      new Team({ id: "squad", model: new TestModel(), members: [helper] }),
      new TeamFactory({
        id: "squad-factory",
        db,
        inputSchema: z.object({ size: z.number().int() }),
        factory: () => new Team({ model: new TestModel(), members: [helper] }),
      }),
    ],
    workflows: [
      new Workflow({ id: "pipeline", steps: [new Step({ name: "one", agent: helper })] }),
      new WorkflowFactory({
        id: "pipeline-factory",
        db,
        inputSchema: z.object({ topic: z.string() }),
        factory: () => new Workflow({ steps: [] }),
      }),
    ],
  });
}

describe("/openapi.json", () => {
  it("documents every route with its parameters, forms and answers, as it always has", async () => {
    const doc = (await (await everything().getApp().request("/openapi.json")).json()) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(doc, null, 2)).toMatchSnapshot();
  });

  it("serves the same method and path set", async () => {
    const routes = [
      ...new Set(
        everything()
          .getRoutes()
          .map((r) => `${r.method} ${r.path}`),
      ),
    ];
    expect(routes.join("\n")).toMatchSnapshot();
  });
});
