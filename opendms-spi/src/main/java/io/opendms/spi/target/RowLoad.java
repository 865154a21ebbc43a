package io.opendms.spi.target;

import io.opendms.spi.data.RowConsumer;

/** A {@link BulkLoad} fed with decoded rows, in the column order of its {@link TargetTable}. */
public interface RowLoad extends BulkLoad, RowConsumer {}
