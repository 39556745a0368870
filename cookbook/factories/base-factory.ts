/**
 * The @agno/factory building blocks on their own (AgentOS uses them per request).
 * Run: pnpm tsx cookbook/factories/base-factory.ts
 */
import { BaseFactory, createRequestContext, FactoryPermissionError } from "@agno/factory";
import { z } from "zod";

const greeter = new BaseFactory({
  id: "greeter",
  db: { id: "memory" },
  inputSchema: z.object({ tone: z.enum(["formal", "casual"]).default("casual") }),
  factory: (ctx) => {
    if (!ctx.trusted.scopes.has("agents:run"))
      throw new FactoryPermissionError("Missing agents:run");
    const { tone } = ctx.input as { tone: string };
    return { greet: () => `${tone === "formal" ? "Good day" : "Hi"}, ${ctx.userId}` };
  },
});

const input = await greeter.validateInput({ tone: "formal" });
const ctx = createRequestContext({ userId: "ada", input, scopes: ["agents:run"] });
console.log((await greeter.build(ctx)).greet());
