import type { EvalRunRecord } from "@agno/core";
import type { DataRouterContext } from "../../data-context.js";
import { httpError } from "../../errors.js";
import { RouteGroup } from "../../http/route-group.js";
import { BodyFields } from "./body-fields.js";
import { QueryParams } from "./query-params.js";
import {
  compact,
  iso,
  NAMED_SORT_FIELDS,
  paginated,
  pickDb,
  SORT_ORDERS,
  slicePage,
} from "./shared.js";

export const EVAL_TYPES = ["accuracy", "agent_as_judge", "performance", "reliability"] as const;
const FILTER_TYPES = ["agent", "team", "workflow"] as const;

/** EvalSchema. */
export function evalSchema(run: EvalRunRecord): Record<string, unknown> {
  return compact({
    id: run.run_id,
    agent_id: run.agent_id,
    model_id: run.model_id,
    model_provider: run.model_provider,
    team_id: run.team_id,
    workflow_id: run.workflow_id,
    name: run.name,
    evaluated_component_name: run.evaluated_component_name,
    eval_type: run.eval_type,
    eval_data: run.eval_data ?? {},
    eval_input: run.eval_input,
    created_at: iso(run.created_at),
    updated_at: iso(run.updated_at),
  });
}

/** Evals router: list, read, rename and delete stored eval runs. Running evals answers 501. */
export function evalRoutes(ctx: DataRouterContext): RouteGroup {
  const routes = new RouteGroup();

  routes.get("/eval-runs", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const agentId = q.str("agent_id");
    const teamId = q.str("team_id");
    const workflowId = q.str("workflow_id");
    const modelId = q.str("model_id");
    const filterType = q.enumOf("type", FILTER_TYPES);
    const limit = q.pageSize();
    const page = q.page();
    const sortBy = q.sortBy(NAMED_SORT_FIELDS, "created_at");
    const sortOrder = q.enumOf("sort_order", SORT_ORDERS, "desc");
    q.done();
    const rawTypes = q.list("eval_types");
    const invalid = rawTypes?.find((t) => !(EVAL_TYPES as readonly string[]).includes(t));
    if (invalid !== undefined)
      throw httpError(
        422,
        `Invalid eval_type: '${invalid}' is not a valid EvalType. Valid types: ${EVAL_TYPES.join(", ")}`,
      );
    const db = pickDb(c, ctx);
    const filter = {
      ...(agentId !== undefined ? { agentId } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
      ...(workflowId !== undefined ? { workflowId } : {}),
      ...(modelId !== undefined ? { modelId } : {}),
      ...(rawTypes ? { evalType: rawTypes } : {}),
      sortBy,
      sortOrder,
    };
    let items: EvalRunRecord[];
    let total: number;
    if (filterType) {
      // "Runs of an agent / team / workflow": the component's id column is set.
      const column = `${filterType}_id` as const;
      const all = (await db.getEvalRuns(filter)).items.filter((r) => r[column]);
      total = all.length;
      items = slicePage(all, page, limit);
    } else {
      ({ items, total } = await db.getEvalRuns({ ...filter, limit, page: page }));
    }
    return c.json(paginated(items.map(evalSchema), { page, limit, total, startedAt }));
  });

  routes.get("/eval-runs/:eval_run_id", async (c) => {
    const id = c.req.param("eval_run_id");
    const run = await pickDb(c, ctx).getEvalRun(id);
    if (!run) throw httpError(404, `Eval run with id '${id}' not found`);
    return c.json(evalSchema(run));
  });

  routes.delete("/eval-runs", async (c) => {
    const body = await BodyFields.read(c, { required: true });
    const ids = body.strList("eval_run_ids", { required: true, minItems: 1 });
    body.done();
    await pickDb(c, ctx).deleteEvalRuns(ids ?? []);
    return c.body(null, 204);
  });

  routes.patch("/eval-runs/:eval_run_id", async (c) => {
    const id = c.req.param("eval_run_id");
    const body = await BodyFields.read(c, { required: true });
    const name = body.str("name", { required: true, minLength: 1, maxLength: 255 });
    body.done();
    const run = await pickDb(c, ctx).renameEvalRun(id, name as string);
    if (!run) throw httpError(404, `Eval run with id '${id}' not found`);
    return c.json(evalSchema(run));
  });

  routes.post("/eval-runs", async (c) => {
    const body = await BodyFields.read(c, { required: true });
    const agentId = body.str("agent_id");
    const teamId = body.str("team_id");
    body.str("model_id");
    body.str("model_provider");
    body.enumOf("eval_type", EVAL_TYPES, { required: true });
    body.str("input", { required: true, minLength: 1 });
    body.str("additional_guidelines");
    body.str("additional_context");
    body.int("num_iterations", 1, { ge: 1, le: 100 });
    body.str("name");
    body.str("expected_output");
    body.str("criteria");
    body.enumOf("scoring_strategy", ["numeric", "binary"] as const, { default: "binary" });
    body.int("threshold", 7, { ge: 1, le: 10 });
    body.int("warmup_runs", 0, { ge: 0, le: 10 });
    body.strList("expected_tool_calls");
    body.bool("allow_additional_tool_calls", false);
    body.obj("expected_tool_call_arguments");
    body.done();
    pickDb(c, ctx);
    if (agentId && teamId) throw httpError(400, "Only one of agent_id or team_id must be provided");
    if (!agentId && !teamId) throw httpError(400, "One of agent_id or team_id must be provided");
    throw httpError(501, "Running evals is not available yet in this AgentOS");
  });

  return routes;
}
