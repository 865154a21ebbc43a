package io.opendms.spi.change;

/**
 * A change to a table inside a transaction: a row change, a truncation, or a change of the
 * table's definition (DDL).
 */
public sealed interface DataChange extends ChangeEvent permits RowChange, Truncate, SchemaChange {}
