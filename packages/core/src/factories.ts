import { BaseFactory, type BaseFactoryOptions, type StandardSchemaV1 } from "@agno/factory";
import type { Agent } from "./agent/agent.js";
import type { OutputSchema } from "./agent/options.js";
import type { BaseDb } from "./db/base-db.js";
import type { Team } from "./team/team.js";
import type { Workflow } from "./workflow/workflow.js";

/**
 * Builds an {@link Agent} per request from the caller's context (claims, input, identity).
 *
 * @example
 * const tenantAgent = new AgentFactory({
 *   id: "tenant-agent",
 *   db,
 *   factory: (ctx) => new Agent({ model, instructions: `You serve tenant ${ctx.userId}.` }),
 * });
 */
export class AgentFactory<
  TSchema extends StandardSchemaV1 | undefined = undefined,
> extends BaseFactory<Agent<OutputSchema | undefined>, BaseDb, TSchema> {
  readonly kind = "agent" as const;
  // biome-ignore lint/complexity/noUselessConstructor: narrows the options type for users.
  constructor(options: BaseFactoryOptions<Agent<any>, BaseDb, TSchema>) {
    super(options);
  }
}

/** Builds a {@link Team} per request (members, model and instructions from the caller's context). */
export class TeamFactory<
  TSchema extends StandardSchemaV1 | undefined = undefined,
> extends BaseFactory<Team<OutputSchema | undefined>, BaseDb, TSchema> {
  readonly kind = "team" as const;
  // biome-ignore lint/complexity/noUselessConstructor: narrows the options type for users.
  constructor(options: BaseFactoryOptions<Team<any>, BaseDb, TSchema>) {
    super(options);
  }
}

/** Builds a {@link Workflow} per request (for example a step graph that depends on the caller's plan). */
export class WorkflowFactory<
  TSchema extends StandardSchemaV1 | undefined = undefined,
> extends BaseFactory<Workflow, BaseDb, TSchema> {
  readonly kind = "workflow" as const;
  // biome-ignore lint/complexity/noUselessConstructor: narrows the options type for users.
  constructor(options: BaseFactoryOptions<Workflow, BaseDb, TSchema>) {
    super(options);
  }
}
