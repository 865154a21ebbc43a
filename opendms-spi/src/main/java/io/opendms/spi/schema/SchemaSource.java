package io.opendms.spi.schema;

import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Set;
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

  /**
   * The current counters of the identity, serial and AUTO_INCREMENT columns of the tables {@code
   * wanted} accepts, read now (not in any snapshot): what the target's counters are set to at
   * cut-over. Tables without such a column are left out.
   */
  List<IdentityCounter> identityCounters(Predicate<TableId> wanted);

  /**
   * The sequences of the given schemas that no column owns, read now; empty for engines without
   * standalone sequences.
   */
  List<StandaloneSequence> standaloneSequences(Set<String> schemas);
}
