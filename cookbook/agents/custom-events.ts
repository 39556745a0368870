/**
 * Custom events: a tool written as an async generator yields events that reach the stream.
 * Run: pnpm tsx cookbook/agents/custom-events.ts
 */
import { Agent, CustomEvent, TestModel, tool } from "@agno/core";

const getCustomerProfile = tool({
  name: "get_customer_profile",
  description: "Fetch the customer's profile.",
  async *execute() {
    yield new CustomEvent({ customer_name: "John Doe", customer_email: "john.doe@example.com" });
    return "Profile sent to the UI.";
  },
});

const agent = new Agent({ model: new TestModel(), tools: [getCustomerProfile] });
for await (const event of agent.run("Show my profile", { stream: true })) {
  if (event.event === "CustomEvent")
    console.log(`custom event: ${event.customer_name} <${event.customer_email}>`);
  if (event.event === "RunContent") process.stdout.write(String(event.content));
}
console.log();
