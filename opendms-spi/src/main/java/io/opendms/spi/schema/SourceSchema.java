package io.opendms.spi.schema;

import java.util.List;

/**
 * What a source describes for schema conversion.
 *
 * @param tables the selected tables in {@link io.opendms.spi.table.TableId} order
 * @param skipped objects of the selected schemas the source itself cannot hand over
 */
public record SourceSchema(List<TableSchema> tables, List<SkippedObject> skipped) {
  public SourceSchema {
    tables = List.copyOf(tables);
    skipped = List.copyOf(skipped);
  }
}
