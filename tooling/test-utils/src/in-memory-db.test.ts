import { type BaseDb, InMemoryDb, type TableStore } from "@agno/core";
import { dbContractSuite } from "./db-contract.js";

const stores = new WeakMap<BaseDb, TableStore>();

function storeOf(db: BaseDb): TableStore {
  return (db as unknown as { store: TableStore }).store;
}

dbContractSuite("InMemoryDb", {
  create: async () => new InMemoryDb(),
  sibling: async (db) => {
    // Two handles on one in-process store: the in-memory analogue of two connections.
    const other = new InMemoryDb({ id: db.id });
    Object.defineProperty(other, "store", { value: storeOf(db) });
    stores.set(other, storeOf(db));
    return other;
  },
  corruptSession: async (db, sessionId, userId) => {
    await storeOf(db).put("sessions", [
      {
        session_id: sessionId,
        session_type: "not-a-type",
        user_id: userId,
        runs: "oops",
        created_at: "yesterday",
      },
    ]);
  },
});
