export { type DbHarness, dbContractSuite } from "./db-contract.js";
export {
  reachable,
  serviceAvailable,
  servicesRequired,
  TEST_PG_URL,
  TEST_REDIS_URL,
} from "./services.js";
