import { type ColumnDef, type ColumnKind, TABLES, type TableDef, type TableType } from "@agno/core";

/** PostgreSQL's identifier limit (NAMEDATALEN - 1, in bytes). */
export const MAX_IDENTIFIER_BYTES = 63;

/** Quotes an identifier (`"name"`, inner quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The SQL type of each column kind (the reference schema's types). */
export const SQL_TYPES: Record<ColumnKind, string> = {
  text: "VARCHAR",
  bigint: "BIGINT",
  json: "JSONB",
  bool: "BOOLEAN",
};

/** One table of one database: its definition, its name and how to select its columns. */
export interface TableInfo {
  type: TableType;
  def: TableDef;
  schema: string;
  name: string;
  /** `"schema"."name"` */
  qualified: string;
  columns: Map<string, ColumnDef>;
  /** The select list, in `def.columns` order; JSON columns come back as text and are parsed here. */
  selectList: string;
}

export function tableInfo(type: TableType, schema: string, name: string): TableInfo {
  const def = TABLES[type];
  return {
    type,
    def,
    schema,
    name,
    qualified: `${quoteIdent(schema)}.${quoteIdent(name)}`,
    columns: new Map(def.columns.map((c) => [c.name, c])),
    selectList: def.columns
      .map((c) => (c.kind === "json" ? `${quoteIdent(c.name)}::text` : quoteIdent(c.name)))
      .join(", "),
  };
}
