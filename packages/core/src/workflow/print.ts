import { safeStringify } from "../utils/json.js";
import type { WorkflowStreamEvent } from "./events.js";
import type { WorkflowRunOutput } from "./run-output.js";
import type { StepOutput } from "./types.js";

/** Options of {@link printWorkflowRun}. */
export interface PrintWorkflowRunOptions {
  input: unknown;
  /** Print agents' answers as they stream (else each step's content when it completes). */
  stream: boolean;
  /** Print each step's output. */
  showStepDetails: boolean;
  out: { write(chunk: string): unknown; isTTY?: boolean };
}

const ANSI = {
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  cyan: "\x1b[36m",
  red: "\x1b[31m",
  reset: "\x1b[0m",
};

const text = (value: unknown): string =>
  value === undefined || value === null
    ? ""
    : typeof value === "string"
      ? value
      : safeStringify(value);

/**
 * Renders a workflow run for the terminal: the message, each step as it starts (with its
 * output), composite steps' decisions, and the final content. Resolves to the run's output.
 */
export async function printWorkflowRun(
  events: AsyncGenerator<WorkflowStreamEvent, WorkflowRunOutput>,
  o: PrintWorkflowRunOptions,
): Promise<WorkflowRunOutput> {
  const color = o.out.isTTY === true && !process.env.NO_COLOR;
  const paint = (code: keyof typeof ANSI, s: string) =>
    color ? `${ANSI[code]}${s}${ANSI.reset}` : s;
  const heading = (title: string) => o.out.write(`${paint("bold", paint("cyan", `┃ ${title}`))}\n`);
  const started = performance.now();
  heading("Message");
  o.out.write(`${text(o.input)}\n\n`);
  let streaming = false;
  const endStream = () => {
    if (streaming) o.out.write("\n");
    streaming = false;
  };
  for (;;) {
    const next = await events.next();
    if (next.done) {
      endStream();
      const output = next.value;
      if (output.status === "COMPLETED") {
        heading("Response");
        o.out.write(`${text(output.content)}\n`);
      }
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      o.out.write(`${paint("dim", `(${output.status.toLowerCase()} in ${secs}s)`)}\n`);
      return output;
    }
    const e = next.value as WorkflowStreamEvent & Record<string, any>;
    const depth = Array.isArray(e.step_index) ? e.step_index.length - 1 : 0;
    const pad = "  ".repeat(depth);
    switch (e.event) {
      case "StepStarted":
        endStream();
        o.out.write(`${pad}${paint("bold", `▸ ${e.step_name ?? "step"}`)}\n`);
        break;
      case "RunContent":
      case "TeamRunContent":
        if (o.stream && o.showStepDetails && typeof e.content === "string" && !e.parent_run_id) {
          o.out.write(e.content);
          streaming = true;
        }
        break;
      case "StepCompleted": {
        const wasStreamed = streaming;
        endStream();
        const step = e.step_response as StepOutput | undefined;
        if (o.showStepDetails && !wasStreamed && step?.step_type === "Step")
          o.out.write(`${pad}  ${paint("dim", text(e.content))}\n`);
        break;
      }
      case "StepError":
        endStream();
        o.out.write(`${pad}  ${paint("red", `✗ ${e.error ?? ""}`)}\n`);
        break;
      case "ConditionExecutionStarted":
        o.out.write(
          `${pad}${paint("dim", `◆ ${e.step_name ?? "Condition"}: ${e.condition_result}`)}\n`,
        );
        break;
      case "ParallelExecutionStarted":
        o.out.write(
          `${pad}${paint("dim", `◆ ${e.step_name ?? "Parallel"}: ${e.parallel_step_count} steps at once`)}\n`,
        );
        break;
      case "RouterExecutionStarted":
        o.out.write(
          `${pad}${paint("dim", `◆ ${e.step_name ?? "Router"} → ${(e.selected_steps ?? []).join(", ")}`)}\n`,
        );
        break;
      case "LoopIterationStarted":
        endStream();
        o.out.write(
          `${pad}${paint("dim", `◆ ${e.step_name ?? "Loop"}: iteration ${e.iteration}/${e.max_iterations}`)}\n`,
        );
        break;
      case "WorkflowCancelled":
        endStream();
        o.out.write(`${paint("red", `Cancelled: ${e.reason ?? ""}`)}\n`);
        break;
      case "WorkflowError":
        endStream();
        o.out.write(`${paint("red", `Error: ${e.error ?? ""}`)}\n`);
        break;
      default:
        break;
    }
  }
}
