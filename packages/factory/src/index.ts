export { BaseFactory, type BaseFactoryOptions, type FactoryFn, isFactory } from "./base-factory.js";
export {
  AgnoError,
  errorMarker,
  FactoryContextRequired,
  FactoryError,
  FactoryPermissionError,
  FactoryValidationError,
} from "./errors.js";
export {
  createRequestContext,
  type RequestContext,
  type RequestContextOptions,
  type TrustedContext,
} from "./request-context.js";
export {
  formatIssues,
  type InferSchemaOutput,
  isStandardSchema,
  type StandardSchemaIssue,
  type StandardSchemaResult,
  type StandardSchemaV1,
} from "./standard-schema.js";
