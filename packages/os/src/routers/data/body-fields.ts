import type { AppContext } from "../../env.js";
import { parseJsonBody } from "../../http/body.js";
import { checkId, isIdName } from "../../http/ids.js";
import { limitsOf } from "../../http/limits.js";
import { Checker, type IntRule, validationError } from "../../http/validation.js";

/** Options of a string field. */
export interface StrRule {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}

/**
 * Reads the JSON body of a request. Malformed JSON is a 400 naming the parse problem; an absent
 * body is `undefined`.
 */
export async function readJson(c: AppContext): Promise<unknown> {
  return parseJsonBody(await c.req.text(), limitsOf(c));
}

/** Reads and checks the fields of a JSON object body. */
export class BodyFields extends Checker {
  private constructor(readonly body: Record<string, unknown>) {
    super("body");
  }

  /**
   * Parses the request's JSON body. With `required`, an absent body is a 422; a body that is not
   * a JSON object always is.
   */
  static async read(c: AppContext, options: { required?: boolean } = {}): Promise<BodyFields> {
    const raw = await readJson(c);
    if (raw === undefined) {
      const fields = new BodyFields({});
      if (options.required) {
        fields.issues.push({ type: "missing", loc: ["body"], msg: "Field required" });
        fields.done();
      }
      return fields;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw validationError([
        {
          type: "model_attributes_type",
          loc: ["body"],
          msg: "Input should be a valid dictionary or object to extract fields from",
          input: raw,
        },
      ]);
    }
    return new BodyFields(raw as Record<string, unknown>);
  }

  private present(name: string, required: boolean | undefined): boolean {
    const v = this.body[name];
    if (v === undefined || (v === null && !required)) {
      if (required) this.fail("missing", [name], "Field required");
      return false;
    }
    return true;
  }

  str(name: string, rule: StrRule = {}): string | undefined {
    if (!this.present(name, rule.required)) return undefined;
    const v = this.body[name];
    if (typeof v !== "string") {
      this.fail("string_type", [name], "Input should be a valid string", v);
      return undefined;
    }
    if (rule.minLength !== undefined && v.length < rule.minLength) {
      const unit = rule.minLength === 1 ? "character" : "characters";
      this.fail(
        "string_too_short",
        [name],
        `String should have at least ${rule.minLength} ${unit}`,
        v,
      );
      return undefined;
    }
    if (rule.maxLength !== undefined && v.length > rule.maxLength) {
      const unit = rule.maxLength === 1 ? "character" : "characters";
      this.fail(
        "string_too_long",
        [name],
        `String should have at most ${rule.maxLength} ${unit}`,
        v,
      );
      return undefined;
    }
    // Fields named like ids (`session_id`, `user_id`...) hold safe ids (400 otherwise).
    if (v !== "" && isIdName(name)) checkId("body", name, v);
    return v;
  }

  /** A list of strings; `minItems` bounds its length. Items of `*_ids` lists are safe ids. */
  strList(
    name: string,
    rule: { required?: boolean; minItems?: number } = {},
  ): string[] | undefined {
    if (!this.present(name, rule.required)) return undefined;
    const v = this.body[name];
    if (!Array.isArray(v)) {
      this.fail("list_type", [name], "Input should be a valid list", v);
      return undefined;
    }
    let ok = true;
    v.forEach((item, i) => {
      if (typeof item !== "string") {
        this.fail("string_type", [name, i], "Input should be a valid string", item);
        ok = false;
      }
    });
    if (!ok) return undefined;
    if (name.endsWith("_ids")) for (const item of v) checkId("body", name, item as string);
    if (rule.minItems !== undefined && v.length < rule.minItems) {
      const unit = rule.minItems === 1 ? "item" : "items";
      this.fail(
        "too_short",
        [name],
        `List should have at least ${rule.minItems} ${unit} after validation, not ${v.length}`,
        v,
      );
      return undefined;
    }
    return v as string[];
  }

  /** A list whose items are each one of `values`. */
  enumList<T extends string>(
    name: string,
    values: readonly T[],
    rule: { required?: boolean; minItems?: number } = {},
  ): T[] | undefined {
    const list = this.strList(name, rule);
    if (!list) return undefined;
    const out: T[] = [];
    list.forEach((item, i) => {
      const v = this.asEnum([name, i], item, values);
      if (v !== undefined) out.push(v);
    });
    return out.length === list.length ? out : undefined;
  }

  /** A JSON object (dictionary). */
  obj(name: string, rule: { required?: boolean } = {}): Record<string, unknown> | undefined {
    if (!this.present(name, rule.required)) return undefined;
    const v = this.body[name];
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.fail("dict_type", [name], "Input should be a valid dictionary", v);
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  int(name: string, defaultValue: number, rule?: IntRule): number;
  int(name: string, defaultValue?: undefined, rule?: IntRule): number | undefined;
  int(name: string, defaultValue?: number, rule: IntRule = {}): number | undefined {
    if (!this.present(name, false)) return defaultValue;
    return this.asInt([name], this.body[name], rule) ?? defaultValue;
  }

  bool(name: string, defaultValue: boolean): boolean {
    if (!this.present(name, false)) return defaultValue;
    return this.asBool([name], this.body[name]) ?? defaultValue;
  }

  enumOf<T extends string>(
    name: string,
    values: readonly T[],
    rule: { required?: boolean; default?: T } = {},
  ): T | undefined {
    if (!this.present(name, rule.required)) return rule.default;
    return this.asEnum([name], this.body[name], values);
  }
}
