import type { Agent, BaseDb, Workflow } from "@agno/core";
import { log } from "../logger.js";

/** An agent, team or workflow run here: its options are on `options`, its id on `id`. */
type LocalComponent = Agent<any> | Workflow;

/**
 * Gives a component a new id, db or `storeEvents` without touching the caller's options object:
 * the component gets a copy of its options with the changes, and its id is pinned.
 *
 * NOTE: `@agno/core` has no public way to change these after construction (see the package
 * README); this is the one place AgentOS does it.
 */
export function applyDefaults(
  component: LocalComponent,
  patch: { id?: string; db?: BaseDb; storeEvents?: boolean },
): void {
  const changes: Record<string, unknown> = {};
  if (patch.id !== undefined) changes.id = patch.id;
  if (patch.db !== undefined) changes.db = patch.db;
  if (patch.storeEvents !== undefined) changes.storeEvents = patch.storeEvents;
  if (Object.keys(changes).length === 0) return;
  Object.defineProperty(component, "options", {
    value: { ...component.options, ...changes },
    writable: false,
    enumerable: true,
    configurable: true,
  });
  if (patch.id !== undefined) {
    Object.defineProperty(component, "id", {
      value: patch.id,
      writable: false,
      enumerable: false,
      configurable: true,
    });
  }
}

/**
 * The reference's post-resolve step for a component a factory produced: its id is forced to the
 * factory's (with a warning when it differed), the factory's db is its fallback, and its events
 * are stored on the run.
 */
export function adoptProduced(
  component: LocalComponent,
  factory: { id: string; db: BaseDb },
): void {
  const ownId = (component.options as { id?: string }).id;
  if (ownId !== undefined && ownId !== factory.id) {
    log.warn(
      `Factory "${factory.id}" produced a component with id "${ownId}"; its id is set to "${factory.id}".`,
    );
  }
  applyDefaults(component, {
    id: factory.id,
    storeEvents: true,
    ...(component.options.db ? {} : { db: factory.db }),
  });
}
