/**
 * A language router: the leader picks the member who speaks the user's language, and with
 * respondDirectly that member's answer is the team's answer.
 * Run: pnpm tsx cookbook/teams/language-router.ts
 */
import { Agent, FunctionModel, Team } from "@agno/core";
import { pickModel } from "../shared/model.js";

const english = new Agent({
  id: "english",
  name: "English Agent",
  role: "Answers in English",
  model: await pickModel({ text: "Hello! How can I help?" }),
});
const french = new Agent({
  id: "french",
  name: "French Agent",
  role: "Répond en français",
  model: await pickModel({ text: "Bonjour ! Comment puis-je vous aider ?" }),
});

// Offline, a FunctionModel routes by a naive language check; a real model reads the members' roles.
const offlineRouter = new FunctionModel((messages) => {
  const question = String(messages.findLast((m) => m.role === "user")?.content ?? "");
  const member = /bonjour|merci|je /i.test(question) ? "french" : "english";
  return {
    content: null,
    toolCalls: [
      {
        id: "r",
        type: "function",
        function: {
          name: "delegate_task_to_member",
          arguments: JSON.stringify({ member_id: member, task: question }),
        },
      },
    ],
  };
});

const team = new Team({
  name: "Language Router",
  model: process.env.OPENAI_API_KEY ? await pickModel() : offlineRouter,
  members: [english, french],
  respondDirectly: true,
  determineInputForMembers: false,
});

for (const question of ["Hi there!", "Bonjour, je cherche un hôtel"]) {
  const output = await team.run(question);
  console.log(`${question} -> ${output.content}`);
}
