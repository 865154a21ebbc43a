package io.opendms.spi.schema;

import io.opendms.spi.table.TableId;
import java.util.function.Predicate;

/**
 * Implemented by source connectors that can describe their schema for conversion. Called on the
 * coordinating thread; blocks on the database; throws {@link
 * io.opendms.spi.error.OpenDmsException} like {@link
 * io.opendms.spi.source.SourceConnector#discover}.
 */
public interface SchemaSource {

  /** The tables {@code wanted} accepts with defaults, indexes and foreign keys. */
  SourceSchema describeSchema(Predicate<TableId> wanted);
}
