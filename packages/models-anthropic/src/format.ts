import {
  type File,
  getLogger,
  type Image,
  type Message,
  ModelProviderError,
  type ToolChoice,
  type ToolDefinition,
} from "@agno/core";
import type {
  ToolChoice as AnthropicToolChoice,
  Base64ImageSource,
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  MessageParam,
  RedactedThinkingBlockParam,
  TextBlockParam,
  ThinkingBlockParam,
  Tool,
  ToolResultBlockParam,
} from "@anthropic-ai/sdk/resources/messages";

/** Where a provider error raised while formatting comes from. */
export interface FormatContext {
  provider: string;
  modelId: string;
  /** Send thinking blocks back (only when thinking is on: the API rejects them otherwise). */
  thinking: boolean;
}

/** The thinking blocks kept on an assistant message's `provider_data`. */
export type StoredThinkingBlock = ThinkingBlockParam | RedactedThinkingBlockParam;

/** The request's system text and Messages API messages. */
export interface FormattedMessages {
  system: string | undefined;
  messages: MessageParam[];
}

/**
 * Converts Agno messages to the Messages API: system and developer messages become the top-level
 * `system`; tool results become `tool_result` blocks of one user message; assistant tool calls
 * become `tool_use` blocks; consecutive messages of one role are merged.
 */
export async function formatMessages(
  messages: Message[],
  ctx: FormatContext,
): Promise<FormattedMessages> {
  const system: string[] = [];
  const out: MessageParam[] = [];
  const push = (role: "user" | "assistant", content: string | ContentBlockParam[]) => {
    const last = out.at(-1);
    if (last && last.role === role) {
      last.content = [...toBlocks(last.content), ...toBlocks(content)];
      return;
    }
    out.push({ role, content });
  };

  for (const m of messages) {
    if (m.role === "system" || m.role === "developer") {
      if (m.content) system.push(m.content);
    } else if (m.role === "tool") {
      push("user", [await toolResultBlock(m, ctx)]);
    } else if (m.role === "assistant") {
      const blocks = assistantBlocks(m, ctx);
      if (blocks.length > 0) push("assistant", blocks);
    } else {
      push("user", await userContent(m, ctx));
    }
  }
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages: out };
}

function toBlocks(content: string | ContentBlockParam[]): ContentBlockParam[] {
  if (typeof content !== "string") return content;
  return content ? [{ type: "text", text: content }] : [];
}

function assistantBlocks(m: Message, ctx: FormatContext): ContentBlockParam[] {
  const blocks: ContentBlockParam[] = [];
  if (ctx.thinking) blocks.push(...thinkingBlocks(m));
  if (m.content) blocks.push({ type: "text", text: m.content });
  for (const call of m.tool_calls ?? []) {
    blocks.push({
      type: "tool_use",
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments),
    });
  }
  return blocks;
}

/** Thinking blocks of an earlier answer, from `provider_data` (signature, or every block). */
function thinkingBlocks(m: Message): StoredThinkingBlock[] {
  const data = m.provider_data ?? {};
  if (Array.isArray(data.thinking_blocks)) return data.thinking_blocks as StoredThinkingBlock[];
  if (m.reasoning_content && typeof data.signature === "string") {
    return [{ type: "thinking", thinking: m.reasoning_content, signature: data.signature }];
  }
  return [];
}

function parseArguments(args: string): Record<string, unknown> {
  if (!args.trim()) return {};
  try {
    const value = JSON.parse(args) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return {};
  }
}

async function toolResultBlock(m: Message, ctx: FormatContext): Promise<ToolResultBlockParam> {
  const block: ToolResultBlockParam = {
    type: "tool_result",
    tool_use_id: m.tool_call_id ?? "",
    content: m.content ?? "",
  };
  if (m.images?.length) {
    const images = await Promise.all(m.images.map((image) => imageBlock(image, ctx)));
    block.content = [...(m.content ? [{ type: "text" as const, text: m.content }] : []), ...images];
  }
  if (m.tool_call_error) block.is_error = true;
  return block;
}

async function userContent(m: Message, ctx: FormatContext): Promise<string | ContentBlockParam[]> {
  const text = m.content ?? "";
  const unsupported = (m.audio?.length ?? 0) + (m.videos?.length ?? 0);
  if (unsupported > 0) {
    getLogger().warn(
      `Claude model "${ctx.modelId}" does not take audio or video; ${unsupported} item(s) were not sent.`,
    );
  }
  if (!m.images?.length && !m.files?.length) return text;
  const blocks: ContentBlockParam[] = [];
  for (const image of m.images ?? []) blocks.push(await imageBlock(image, ctx));
  for (const file of m.files ?? []) blocks.push(await documentBlock(file, ctx));
  if (text) blocks.push({ type: "text", text } satisfies TextBlockParam);
  return blocks;
}

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
type ImageMediaType = Base64ImageSource["media_type"];

/** An `image` block: by URL when the image has one, else base64 of its bytes. */
export async function imageBlock(image: Image, ctx: FormatContext): Promise<ImageBlockParam> {
  if (image.url) {
    const data = parseDataUrl(image.url);
    if (data) {
      return {
        type: "image",
        source: {
          type: "base64",
          media_type: imageMediaType(data.mimeType, Buffer.from(data.base64, "base64"), ctx),
          data: data.base64,
        },
      };
    }
    return { type: "image", source: { type: "url", url: image.url } };
  }
  const bytes = await image.getContentBytes();
  if (!bytes) throw badRequest(ctx, "An image has neither a URL nor bytes to send.");
  return {
    type: "image",
    source: {
      type: "base64",
      media_type: imageMediaType(image.mimeType, bytes, ctx),
      data: Buffer.from(bytes).toString("base64"),
    },
  };
}

function imageMediaType(
  declared: string | undefined,
  bytes: Uint8Array,
  ctx: FormatContext,
): ImageMediaType {
  const mime = declared === "image/jpg" ? "image/jpeg" : declared;
  if (mime && (IMAGE_TYPES as readonly string[]).includes(mime)) return mime as ImageMediaType;
  const sniffed = sniffImage(bytes);
  if (sniffed) return sniffed;
  throw badRequest(
    ctx,
    `Claude reads JPEG, PNG, GIF and WebP images; got ${mime ?? "an image of unknown type"}. Convert it or pass mimeType.`,
  );
}

function sniffImage(b: Uint8Array): ImageMediaType | undefined {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return "image/gif";
  if (
    b[0] === 0x52 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x46 &&
    b[8] === 0x57 &&
    b[9] === 0x45 &&
    b[10] === 0x42 &&
    b[11] === 0x50
  )
    return "image/webp";
  return undefined;
}

const TEXT_TYPES = new Set(["application/json", "application/xml", "application/x-yaml"]);

/** A `document` block: a PDF by URL or base64, or a text file as plain text. */
export async function documentBlock(file: File, ctx: FormatContext): Promise<DocumentBlockParam> {
  const title = file.filename ? { title: file.filename } : {};
  const mime = file.mimeType;
  if (file.url && !parseDataUrl(file.url)) {
    return { type: "document", source: { type: "url", url: file.url }, ...title };
  }
  const data = file.url ? parseDataUrl(file.url) : undefined;
  const bytes = data ? Buffer.from(data.base64, "base64") : await file.getContentBytes();
  if (!bytes) throw badRequest(ctx, "A file has neither a URL nor bytes to send.");
  const type = data?.mimeType ?? mime;
  const isPdf =
    type === "application/pdf" ||
    (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46);
  if (isPdf) {
    return {
      type: "document",
      source: {
        type: "base64",
        media_type: "application/pdf",
        data: Buffer.from(bytes).toString("base64"),
      },
      ...title,
    };
  }
  if (type === undefined || type.startsWith("text/") || TEXT_TYPES.has(type)) {
    return {
      type: "document",
      source: { type: "text", media_type: "text/plain", data: Buffer.from(bytes).toString("utf8") },
      ...title,
    };
  }
  throw badRequest(
    ctx,
    `Claude reads PDF and text files; got ${type}${file.filename ? ` (${file.filename})` : ""}.`,
  );
}

function parseDataUrl(url: string): { mimeType: string; base64: string } | undefined {
  const match = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  const payload = match[3] ?? "";
  return {
    mimeType: match[1] ?? "text/plain",
    base64: match[2] ? payload : Buffer.from(decodeURIComponent(payload)).toString("base64"),
  };
}

function badRequest(ctx: FormatContext, message: string): ModelProviderError {
  return new ModelProviderError(message, {
    provider: ctx.provider,
    modelId: ctx.modelId,
    status: 400,
  });
}

/** Agno tool definitions as Messages API tools. */
export function formatTools(tools: ToolDefinition[]): Tool[] {
  return tools.map((t) => {
    const schema = { type: "object", ...t.parameters } as Tool.InputSchema;
    return {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      input_schema: schema,
    };
  });
}

/** `auto` → auto, `required` → any, `none` → none, one function → `{ type: "tool", name }`. */
export function formatToolChoice(choice: ToolChoice): AnthropicToolChoice {
  if (choice === "auto") return { type: "auto" };
  if (choice === "required") return { type: "any" };
  if (choice === "none") return { type: "none" };
  return { type: "tool", name: choice.function.name };
}
