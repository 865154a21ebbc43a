package io.opendms.spi.change;

import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task asks of a source's change capture.
 *
 * @param taskId the task's identifier: default slot and publication names derive from it
 * @param tables the tables to capture, as discovered; changes of other tables are not streamed
 * @param start where the stream begins
 * @param from with {@link Start#EXISTING}: the position to stream from (a transaction committed
 *     before it is not streamed); empty means where the source last confirmed; a position before
 *     that confirmed one starts at the confirmed one, since the source no longer has what lies
 *     between
 */
public record CaptureRequest(
    String taskId, List<TableDefinition> tables, Start start, Optional<SourcePosition> from) {

  /** How the capture's source-side state (a PostgreSQL slot) is obtained. */
  public enum Start {
    /**
     * Create it anew (dropping one of the same name) and export a snapshot of exactly its start
     * point, for a full load followed by CDC.
     */
    CREATE_WITH_SNAPSHOT,
    /** Create it anew (dropping one of the same name): changes from now on. */
    CREATE,
    /** Use the existing one; fail clearly when it is gone. */
    EXISTING
  }

  public CaptureRequest {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(from, "from");
    tables = List.copyOf(tables);
    if (from.isPresent() && start != Start.EXISTING) {
      throw new IllegalArgumentException("a start position needs Start.EXISTING, not " + start);
    }
  }
}
