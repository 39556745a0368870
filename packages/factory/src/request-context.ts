/** Values set only by verified middleware (for example `jwtMiddleware`). Use them for authorization. */
export interface TrustedContext {
  /** Token claims, read-only. Empty when no verified middleware ran. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** RBAC scopes granted to the caller. */
  readonly scopes: ReadonlySet<string>;
}

/** What a factory knows about the request it builds a component for. Immutable. */
export interface RequestContext<TInput = unknown> {
  /** Caller identity: the verified value when middleware set one, else the form field. */
  readonly userId: string | null;
  /** Session handle, with the same precedence as `userId`. */
  readonly sessionId: string | null;
  /** `factory_input`, validated by the factory's `inputSchema` when it has one; else the parsed object or null. */
  readonly input: TInput | null;
  /** Claims and scopes from verified middleware. */
  readonly trusted: TrustedContext;
  /** The raw request (a `Request` or the framework's context): an escape hatch. */
  readonly request?: unknown;
}

/** Options of {@link createRequestContext}. */
export interface RequestContextOptions<TInput = unknown> {
  userId?: string | null;
  sessionId?: string | null;
  input?: TInput | null;
  claims?: Record<string, unknown>;
  scopes?: Iterable<string>;
  request?: unknown;
}

/** Builds a frozen {@link RequestContext}; the claims and scopes are copied so callers cannot change them later. */
export function createRequestContext<TInput = unknown>(
  options: RequestContextOptions<TInput> = {},
): RequestContext<TInput> {
  const trusted: TrustedContext = Object.freeze({
    claims: Object.freeze({ ...(options.claims ?? {}) }),
    scopes: new FrozenSet(options.scopes ?? []),
  });
  return Object.freeze({
    userId: options.userId ?? null,
    sessionId: options.sessionId ?? null,
    input: options.input ?? null,
    trusted,
    request: options.request,
  });
}

const sealed = new WeakSet<object>();

class FrozenSet<T> extends Set<T> {
  constructor(values: Iterable<T>) {
    super(values);
    sealed.add(this);
  }
  override add(value: T): this {
    if (sealed.has(this)) throw new TypeError("RequestContext.trusted.scopes is read-only.");
    return super.add(value);
  }
  override delete(): boolean {
    throw new TypeError("RequestContext.trusted.scopes is read-only.");
  }
  override clear(): void {
    throw new TypeError("RequestContext.trusted.scopes is read-only.");
  }
}
