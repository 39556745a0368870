import { startOpenAIServer } from "@agno/test-utils/openai-server";
import { describe, expect, it } from "vitest";

/** The scripted server itself, over plain fetch (its consumers rely on these answers). */
describe("startOpenAIServer", () => {
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer k" },
      body: JSON.stringify(body),
    });

  it("records requests and answers a clear 500 when no response is scripted", async () => {
    await using server = await startOpenAIServer();
    expect(server.baseURL).toBe(`${server.url}/v1`);
    const res = await post(`${server.baseURL}/chat/completions?x=1`, { model: "m", messages: [] });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toMatch(/no scripted response/);
    expect(server.requests).toEqual([
      {
        method: "POST",
        path: "/v1/chat/completions",
        query: { x: "1" },
        headers: expect.objectContaining({ authorization: "Bearer k" }),
        body: { model: "m", messages: [] },
        rawBody: '{"model":"m","messages":[]}',
      },
    ]);
  });

  it("answers unknown routes with 404 and keeps the queue", async () => {
    await using server = await startOpenAIServer({ responses: ["kept"] });
    expect((await post(`${server.baseURL}/embeddings`, {})).status).toBe(404);
    expect(server.pending).toBe(1);
  });

  it("renders one script entry as chat SSE and as responses SSE", async () => {
    await using server = await startOpenAIServer();
    server.enqueue({ text: "ab cd", usage: { inputTokens: 3, outputTokens: 2 } });
    const chat = await (
      await post(`${server.baseURL}/chat/completions`, {
        model: "m",
        stream: true,
        stream_options: { include_usage: true },
      })
    ).text();
    const data = chat.split("\n\n").filter(Boolean);
    expect(data.at(-1)).toBe("data: [DONE]");
    const chunks = data.slice(0, -1).map((line) => JSON.parse(line.slice("data: ".length)));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("ab cd");
    expect(chunks.at(-1).usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2 });

    server.enqueue({ text: "ab cd" });
    const responses = await (
      await post(`${server.baseURL}/responses`, { model: "m", stream: true })
    ).text();
    const events = responses
      .split("\n\n")
      .filter(Boolean)
      .map((block) => {
        const [eventLine, dataLine] = block.split("\n");
        const payload = JSON.parse(dataLine!.slice("data: ".length));
        expect(eventLine).toBe(`event: ${payload.type}`);
        return payload;
      });
    expect(events[0].type).toBe("response.created");
    expect(events.at(-1).type).toBe("response.completed");
    expect(
      events
        .filter((e) => e.type === "response.output_text.delta")
        .map((e) => e.delta)
        .join(""),
    ).toBe("ab cd");
  });

  it("sends scripted errors with an OpenAI error body and headers", async () => {
    await using server = await startOpenAIServer();
    server.enqueue({ error: { status: 429, headers: { "retry-after": "0" } } });
    const res = await post(`${server.baseURL}/responses`, { model: "m" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("0");
    expect(await res.json()).toEqual({
      error: {
        message: expect.stringContaining("Rate limit"),
        type: "rate_limit_exceeded",
        param: null,
        code: null,
      },
    });
  });
});
