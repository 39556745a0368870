import { baseEventName } from "../run/component-kind.js";
import type { RunOutputEvent } from "../run/events.js";
import type { RunOutput } from "../run/run-output.js";
import { safeStringify } from "../utils/json.js";

/** Options of {@link printRun}. */
export interface PrintRunOptions {
  input: unknown;
  stream: boolean;
  markdown: boolean;
  showMessage: boolean;
  showReasoning: boolean;
  showToolCalls: boolean;
  out: { write(chunk: string): unknown; isTTY?: boolean };
  /** Id of the component whose run this is: other components' events (team members) are not printed as content. */
  ownId: string;
  /** Returns the finished run's output. */
  collect: () => RunOutput<any> | undefined;
}

const ANSI = {
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  cyan: "\x1b[36m",
  green: "\x1b[32m",
  red: "\x1b[31m",
  reset: "\x1b[0m",
};

/** Renders a run for the terminal: the message, tool calls as they happen, and the answer (streamed or whole). */
export async function printRun(
  events: AsyncIterable<RunOutputEvent> & { runId: string },
  o: PrintRunOptions,
): Promise<RunOutput<any>> {
  const color = o.out.isTTY === true && !process.env.NO_COLOR;
  const paint = (code: keyof typeof ANSI, text: string) =>
    color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  const heading = (title: string) => o.out.write(`${paint("bold", paint("cyan", `┃ ${title}`))}\n`);
  const started = performance.now();
  if (o.showMessage) {
    heading("Message");
    o.out.write(`${typeof o.input === "string" ? o.input : safeStringify(o.input)}\n\n`);
  }
  let responseOpen = false;
  let buffered = "";
  let reasoning = "";
  const openResponse = () => {
    if (!responseOpen) {
      heading("Response");
      responseOpen = true;
    }
  };
  for await (const event of events) {
    const ids = event as { agent_id?: string; team_id?: string };
    const own = ids.agent_id === o.ownId || ids.team_id === o.ownId;
    const name = baseEventName(event.event);
    if (!own && name !== "ToolCallStarted" && name !== "ToolCallError") continue;
    const e = { ...event, event: name } as RunOutputEvent;
    switch (e.event) {
      case "ToolCallStarted":
        if (o.showToolCalls && e.tool) {
          if (responseOpen) o.out.write("\n");
          o.out.write(paint("dim", `• ${e.tool.tool_name}(${argsText(e.tool.tool_args)})\n`));
        }
        break;
      case "ToolCallError":
        if (o.showToolCalls) o.out.write(paint("red", `  ✗ ${e.error ?? ""}\n`));
        break;
      case "RunContent":
        if (e.reasoning_content) reasoning += e.reasoning_content;
        if (e.content === undefined || e.content === null) break;
        if (typeof e.content !== "string") {
          buffered = JSON.stringify(e.content, null, 2);
        } else if (o.stream) {
          openResponse();
          o.out.write(o.markdown ? renderMarkdown(e.content, color) : e.content);
        } else {
          buffered += e.content;
        }
        break;
      case "RunPaused":
        openResponse();
        o.out.write(`${paint("bold", "Paused:")} ${String(e.content ?? "")}\n`);
        for (const t of e.tools ?? []) {
          if (t.result === null) o.out.write(`  - ${t.tool_name}(${argsText(t.tool_args)})\n`);
        }
        break;
      case "RunError":
        o.out.write(`${paint("red", `Error: ${String(e.content ?? "")}`)}\n`);
        break;
      case "RunCancelled":
        o.out.write(`${paint("red", `Cancelled: ${e.reason ?? ""}`)}\n`);
        break;
      default:
        break;
    }
  }
  if (o.showReasoning && reasoning) {
    heading("Reasoning");
    o.out.write(`${reasoning}\n`);
  }
  if (buffered) {
    openResponse();
    o.out.write(o.markdown ? renderMarkdown(buffered, color) : buffered);
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  o.out.write(`\n${paint("dim", `(${secs}s)`)}\n`);
  const output = o.collect();
  if (!output) throw new Error(`Run ${events.runId} ended without an output.`);
  return output;
}

function argsText(args: Record<string, unknown> | null): string {
  return Object.entries(args ?? {})
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : safeStringify(v)}`)
    .join(", ");
}

/** A light markdown pass for terminals: headings and bold in bold, bullets as dots. */
function renderMarkdown(text: string, color: boolean): string {
  if (!color) return text;
  return text
    .replace(/^#{1,6}\s+(.*)$/gm, `${ANSI.bold}$1${ANSI.reset}`)
    .replace(/\*\*([^*]+)\*\*/g, `${ANSI.bold}$1${ANSI.reset}`)
    .replace(/^(\s*)[-*]\s+/gm, "$1• ");
}
