package io.opendms.spi.source;

import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.function.Predicate;

/**
 * A source endpoint during one task run. Created by a {@link SourceConnectorFactory}; used by the
 * engine's coordinating thread only. Snapshot reading ({@link SnapshotSession}) and change
 * streaming are separate interfaces that the engine sequences.
 */
public interface SourceConnector extends AutoCloseable {

  /**
   * Describes the tables of the source that {@code wanted} accepts, with columns, primary key and
   * estimates. Blocks on the database; throws {@link io.opendms.spi.error.OpenDmsException} when
   * the source cannot be reached or read. Never returns null; the order is by {@link TableId}.
   */
  List<TableDefinition> discover(Predicate<TableId> wanted);

  /**
   * Opens a consistent read view of the whole source: every reader opened from it sees the same
   * committed state, without locking tables. The caller closes it after the full load.
   */
  SnapshotSession openSnapshot();

  /**
   * Like {@link #openSnapshot()}, told how many readers the caller will open at most. A source
   * that cannot share one view between connections opened later (MySQL: a consistent snapshot is
   * per connection, taken under a brief global read lock) opens that many up front; others
   * ignore the hint.
   */
  default SnapshotSession openSnapshot(int maxReaders) {
    return openSnapshot();
  }

  /** Releases connections. Idempotent; never throws for an already failed source. */
  @Override
  void close();
}
