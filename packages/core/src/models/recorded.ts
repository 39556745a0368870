/** How many requests TestModel and FunctionModel keep, so a long-running demo does not grow. */
export const MAX_RECORDED_REQUESTS = 200;
