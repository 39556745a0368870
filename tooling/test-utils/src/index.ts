export { type DbHarness, dbContractSuite } from "./db-contract.js";
export {
  containsCodePoints,
  HOSTILE_STRINGS,
  type HostileStrings,
  hostileSeed,
  hostileStrings,
  seededRandom,
  shown,
} from "./hostile-strings.js";
export {
  reachable,
  serviceAvailable,
  servicesRequired,
  TEST_PG_URL,
  TEST_REDIS_URL,
} from "./services.js";
