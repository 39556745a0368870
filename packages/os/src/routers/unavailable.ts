import { httpError } from "../errors.js";
import { type HttpMethod, RouteGroup } from "../http/route-group.js";

/** The reference's routes whose engine this AgentOS does not have yet, by feature. */
const FEATURES: Array<{
  feature: string;
  tag: string;
  routes: Array<[HttpMethod, string]>;
  /** Prefixes whose every sub-path also answers 501. */
  prefixes?: string[];
}> = [
  {
    feature: "Run checkpoints",
    tag: "Runs",
    routes: [
      ["GET", "/agents/:agent_id/runs/:run_id/checkpoints"],
      ["GET", "/agents/:agent_id/runs/:run_id/checkpoints/:message_index"],
      ["GET", "/teams/:team_id/runs/:run_id/checkpoints"],
      ["GET", "/teams/:team_id/runs/:run_id/checkpoints/:message_index"],
    ],
  },
  {
    feature: "Knowledge ingestion",
    tag: "Knowledge",
    routes: [
      ["POST", "/knowledge/content"],
      ["POST", "/knowledge/remote-content"],
      ["PATCH", "/knowledge/content/:content_id"],
    ],
  },
  {
    feature: "Running evals",
    tag: "Evals",
    routes: [["POST", "/eval-runs"]],
  },
  {
    feature: "Approvals",
    tag: "Approvals",
    routes: [
      ["GET", "/approvals"],
      ["GET", "/approvals/count"],
      ["GET", "/approvals/:approval_id"],
      ["GET", "/approvals/:approval_id/status"],
      ["POST", "/approvals/:approval_id/resolve"],
      ["DELETE", "/approvals/:approval_id"],
    ],
    prefixes: ["/approvals"],
  },
  {
    feature: "Schedules",
    tag: "Schedules",
    routes: [
      ["GET", "/schedules"],
      ["POST", "/schedules"],
      ["GET", "/schedules/:schedule_id"],
      ["PATCH", "/schedules/:schedule_id"],
      ["DELETE", "/schedules/:schedule_id"],
      ["POST", "/schedules/:schedule_id/enable"],
      ["POST", "/schedules/:schedule_id/disable"],
      ["POST", "/schedules/:schedule_id/trigger"],
      ["GET", "/schedules/:schedule_id/runs"],
      ["GET", "/schedules/:schedule_id/runs/:run_id"],
    ],
    prefixes: ["/schedules"],
  },
  {
    feature: "Learnings",
    tag: "Learnings",
    routes: [
      ["GET", "/learnings"],
      ["POST", "/learnings"],
      ["GET", "/learnings/users"],
      ["DELETE", "/learnings/users/:user_id"],
      ["GET", "/learnings/:learning_id"],
      ["PATCH", "/learnings/:learning_id"],
      ["DELETE", "/learnings/:learning_id"],
    ],
    prefixes: ["/learnings"],
  },
  {
    feature: "Components",
    tag: "Components",
    routes: [
      ["GET", "/components"],
      ["POST", "/components"],
      ["GET", "/components/:component_id"],
    ],
    prefixes: ["/components"],
  },
  { feature: "The registry", tag: "Registry", routes: [["GET", "/registry"]] },
  {
    feature: "Service accounts",
    tag: "Service Accounts",
    routes: [
      ["GET", "/service-accounts"],
      ["POST", "/service-accounts"],
      ["DELETE", "/service-accounts/:service_account_id"],
    ],
    prefixes: ["/service-accounts"],
  },
];

const CATCH_ALL_METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * 501 `{"detail": "<feature> is not available yet in this AgentOS"}` for the reference's routes
 * whose engine is not built, so that clients see a clear answer rather than a 404. Mounted after
 * the data routes: a route they implement wins.
 */
export function unavailableRoutes(): RouteGroup {
  const group = new RouteGroup();
  for (const { feature, tag, routes, prefixes } of FEATURES) {
    const handler = () => {
      throw httpError(501, `${feature} is not available yet in this AgentOS`);
    };
    for (const [method, path] of routes) {
      group.add(
        {
          method,
          path,
          tag,
          summary: `${feature} (not available yet)`,
          responses: { 501: `${feature} is not available yet in this AgentOS` },
        },
        handler,
      );
    }
    for (const prefix of prefixes ?? []) {
      for (const method of CATCH_ALL_METHODS) {
        group.add({ method, path: `${prefix}/*`, tag, summary: feature, hidden: true }, handler);
      }
    }
  }
  return group;
}
