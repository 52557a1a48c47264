export { type AttributeDef, TABLES, type TableDef, type TableName } from './tables.ts';
