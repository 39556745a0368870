import type { RunInput } from "./run-input.js";
import { RunOutput, type RunOutputInit } from "./run-output.js";

/** The output of a team run: the leader's answer, and the members' outputs when stored. */
export class TeamRunOutput<TContent = unknown> extends RunOutput<TContent> {
  team_id?: string;
  team_name?: string;
  /** Outputs of the member runs (with `storeMemberResponses`). */
  member_responses: RunOutput<any>[] = [];

  constructor(
    init: RunOutputInit<TContent> & {
      team_id?: string;
      team_name?: string;
      member_responses?: RunOutput<any>[];
    } = {},
  ) {
    super(init);
    // Field initializers run after super(): set the team fields again.
    if (init.team_id !== undefined) this.team_id = init.team_id;
    if (init.team_name !== undefined) this.team_name = init.team_name;
    if (init.member_responses) this.member_responses = init.member_responses;
  }

  /** A team run from its stored dict (member runs as outputs too). */
  static override fromDict<TContent = unknown>(
    dict: Record<string, unknown>,
  ): TeamRunOutput<TContent> {
    const { input, member_responses, ...rest } = dict;
    const output = new TeamRunOutput<TContent>({
      ...(rest as RunOutputInit<TContent>),
      member_responses: Array.isArray(member_responses)
        ? member_responses.map((m) =>
            (m as Record<string, unknown>).team_id && !(m as Record<string, unknown>).agent_id
              ? TeamRunOutput.fromDict(m as Record<string, unknown>)
              : RunOutput.fromDict(m as Record<string, unknown>),
          )
        : [],
    });
    if (input && typeof input === "object") output.input = input as RunInput;
    return output;
  }

  override toDict(): Record<string, unknown> {
    const base = super.toDict();
    const out: Record<string, unknown> = { run_id: base.run_id };
    if (this.team_id !== undefined) out.team_id = this.team_id;
    if (this.team_name !== undefined) out.team_name = this.team_name;
    Object.assign(out, base);
    if (this.member_responses.length > 0)
      out.member_responses = this.member_responses.map((m) => m.toDict());
    return out;
  }
}
