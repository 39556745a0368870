import { createHash } from "node:crypto";

/** A Lua script and its SHA-1 (for EVALSHA). */
export interface Script {
  source: string;
  sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * Compare-and-set of one row. Writes the new row, its index entry and the TTLs only when the
 * row still is what the caller read: absent when ARGV[1] is "", else a value whose SHA-1 is
 * ARGV[1]. Returns 1 when written, 0 on conflict.
 * KEYS: row key, index key. ARGV: expected SHA-1 or "", new JSON, score, member, TTL or "0".
 */
export const COMPARE_AND_SET = script(`
local current = redis.call("GET", KEYS[1])
if ARGV[1] == "" then
  if current then return 0 end
elseif (not current) or redis.sha1hex(current) ~= ARGV[1] then
  return 0
end
local ttl = tonumber(ARGV[5])
if ttl > 0 then
  redis.call("SET", KEYS[1], ARGV[2], "EX", ttl)
else
  redis.call("SET", KEYS[1], ARGV[2])
end
redis.call("ZADD", KEYS[2], ARGV[3], ARGV[4])
if ttl > 0 then redis.call("EXPIRE", KEYS[2], ttl) end
return 1
`);

/**
 * Drops index entries whose row key no longer exists (expired or deleted outside a
 * transaction), checking existence at the moment of removal so a row written concurrently
 * keeps its entry. KEYS: index key, then the row keys. ARGV: the members, in the same order.
 */
export const PRUNE_INDEX = script(`
local removed = 0
for i, member in ipairs(ARGV) do
  if redis.call("EXISTS", KEYS[i + 1]) == 0 then
    removed = removed + redis.call("ZREM", KEYS[1], member)
  end
end
return removed
`);
