const MARKER = Symbol.for("agno.error");

/**
 * The marker of one error class: a registered symbol, so that it is the same in every copy of
 * the package. Every error class declares its own (`static override readonly marker`).
 */
export function errorMarker(className: string): symbol {
  return Symbol.for(`agno.error.${className}`);
}

/** An error class, as `isInstance` sees it. */
type ErrorClass<T> = abstract new (...args: any[]) => T;

/**
 * Base class of every error thrown by Agno packages.
 *
 * Each error class has its own marker, set on its instances (and those of its subclasses), so
 * `StorageError.isInstance(err)` recognises storage errors from any copy of the package (duplicate
 * installs, bundled copies), where `instanceof` would not.
 */
export class AgnoError extends Error {
  /** This class's marker. */
  static readonly marker: symbol = MARKER;
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
    // Every class of the chain marks the instance with its own marker.
    for (let cls: unknown = new.target; cls && cls !== Error; cls = Object.getPrototypeOf(cls)) {
      if (Object.hasOwn(cls as object, "marker")) {
        (this as unknown as Record<symbol, boolean>)[(cls as typeof AgnoError).marker] = true;
      }
    }
  }

  /**
   * True when `value` is an error of this class (or a subclass), whichever copy of the package
   * created it: `AgnoError.isInstance(e)`, `StorageError.isInstance(e)`.
   */
  static isInstance<T>(this: ErrorClass<T>, value: unknown): value is T {
    const marker = (this as unknown as { marker: symbol }).marker;
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    );
  }
}

/** Base of all factory errors; surfaces as HTTP 500 unless a subclass says otherwise. */
export class FactoryError extends AgnoError {
  static override readonly marker = errorMarker("FactoryError");
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
  static override readonly marker = errorMarker("FactoryValidationError");
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
  static override readonly marker = errorMarker("FactoryPermissionError");
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "factory_permission", status: 403, cause: options.cause });
    this.name = "FactoryPermissionError";
  }
}

/** A factory was matched where no `RequestContext` is available to build it. */
export class FactoryContextRequired extends FactoryError {
  static override readonly marker = errorMarker("FactoryContextRequired");
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: "factory_context_required", status: 400, cause: options.cause });
    this.name = "FactoryContextRequired";
  }
}
