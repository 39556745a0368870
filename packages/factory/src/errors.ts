const MARKER = Symbol.for("agno.error");

/**
 * Base class of every error thrown by Agno packages.
 *
 * `AgnoError.isInstance(err)` recognises errors from any copy of the package (duplicate installs),
 * where `instanceof` would not.
 */
export class AgnoError extends Error {
  /** Stable machine-readable code, e.g. `"factory_permission"`. */
  readonly code: string;
  /** The HTTP status this failure maps to, when one applies. */
  readonly status?: number;
  readonly [MARKER] = true;

  constructor(message: string, options: { code?: string; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AgnoError";
    this.code = options.code ?? "agno_error";
    if (options.status !== undefined) this.status = options.status;
  }

  /** True when `value` is an Agno error, whichever copy of the package created it. */
  static isInstance(value: unknown): value is AgnoError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}

/** Base of all factory errors; surfaces as HTTP 500 unless a subclass says otherwise. */
export class FactoryError extends AgnoError {
  constructor(message: string, options: { code?: string; status?: number; cause?: unknown } = {}) {
    super(message, {
      code: options.code ?? "factory_error",
      status: options.status ?? 500,
      cause: options.cause,
    });
    this.name = "FactoryError";
  }
}

/** `factory_input` failed validation against the factory's `inputSchema` (HTTP 400). */
export class FactoryValidationError extends FactoryError {
  /** Validation issues, when the schema reported them. */
  readonly issues?: unknown;
  constructor(message: string, options: { issues?: unknown; cause?: unknown } = {}) {
    super(message, { code: "factory_validation", status: 400, cause: options.cause });
    this.name = "FactoryValidationError";
    if (options.issues !== undefined) this.issues = options.issues;
  }
}

/** The factory decided the caller may not have this component (HTTP 403). */
export class FactoryPermissionError extends FactoryError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "factory_permission", status: 403, cause: options.cause });
    this.name = "FactoryPermissionError";
  }
}

/** A factory was matched where no `RequestContext` is available to build it. */
export class FactoryContextRequired extends FactoryError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "factory_context_required", status: 400, cause: options.cause });
    this.name = "FactoryContextRequired";
  }
}
