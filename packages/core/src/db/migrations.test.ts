import { describe, expect, it } from "vitest";
import { InMemoryDb, MigrationManager } from "../index.js";

describe("MigrationManager", () => {
  it("moves tables up and down and records their versions", async () => {
    const db = new InMemoryDb();
    const manager = new MigrationManager(db);
    expect(manager.latestSchemaVersion).toBe("2.3.0");
    expect(manager.availableVersions).toEqual([
      ["v2_0_0", "2.0.0"],
      ["v2_3_0", "2.3.0"],
    ]);
    expect(await manager.up()).toHaveLength(5);
    expect(await db.getSchemaVersion("memories")).toBe("2.3.0");
    expect(await manager.up()).toEqual([]);
    expect(await manager.up({ tableType: "memory", force: true })).toEqual(["memories"]);
    expect(await manager.down({ targetVersion: "2.0.0", tableType: "memory" })).toEqual([
      "memories",
    ]);
    expect(await db.getSchemaVersion("memories")).toBe("2.0.0");
    expect(await db.getSchemaVersion("sessions")).toBe("2.3.0");
    await expect(manager.up({ targetVersion: "9.9.9" })).rejects.toThrow(
      /Unknown schema version "9.9.9"/,
    );
  });
});
