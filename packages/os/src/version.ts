/** Version of `@agno/os`, reported as `agno_version` by `GET /info`. */
export const AGNO_VERSION = "0.1.0";
