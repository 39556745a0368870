export { RedisDb, type RedisDbOptions } from "./redis-db.js";
