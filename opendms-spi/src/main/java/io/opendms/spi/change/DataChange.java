package io.opendms.spi.change;

/** A change to table data inside a transaction: a row change or a truncation. */
public sealed interface DataChange extends ChangeEvent permits RowChange, Truncate {}
