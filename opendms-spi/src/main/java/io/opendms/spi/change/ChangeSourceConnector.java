package io.opendms.spi.change;

import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import java.util.List;

/** A source that can also stream changes. The engine checks for it with {@code instanceof}. */
public interface ChangeSourceConnector extends SourceConnector {

  /**
   * Checks the source can capture the request's tables and sets capture up (PostgreSQL: the slot
   * and the publication, created when missing). Called on the engine's coordinating thread; blocks
   * on the database. Throws {@link io.opendms.spi.error.OpenDmsException} naming the slot, table or
   * setting at fault: a missing slot for {@code EXISTING}, a source not configured for logical
   * decoding, an unsupported output plugin.
   */
  ChangeCapture openCapture(CaptureRequest request);

  /**
   * Warnings about tables whose changes cannot all be applied (PostgreSQL: no primary key and no
   * {@code REPLICA IDENTITY FULL}, so updates and deletes cannot identify the row). Empty when all
   * is well; never null. Called before capture starts, on the coordinating thread.
   */
  List<String> captureWarnings(List<TableDefinition> tables);

  /**
   * Parses a position in this source's native text form (PostgreSQL: an LSN such as {@code
   * 0/16B3748}; MySQL: {@code mysql-bin.000024:373}). A form that names no place by itself (a
   * MySQL GTID set) is resolved on the source, which then blocks; what {@code SourcePosition.format()}
   * wrote never needs that. Throws IllegalArgumentException saying the expected form.
   */
  SourcePosition parsePosition(String text);

  /**
   * DMS's {@code CdcStartTime}: the position of the first transaction that started at or after
   * {@code time}, to capture from with {@link CaptureRequest.Start#EXISTING}. Blocks on the
   * database. Throws {@link io.opendms.spi.error.OpenDmsException} (a user error) when the source
   * keeps no map from time to position (PostgreSQL) or no longer has that time.
   */
  SourcePosition positionAt(java.time.Instant time);

  /**
   * Drops the source-side capture state of a task (slot, publication) if it exists. Idempotent;
   * blocks on the database; for {@code reload-target} and for cleaning up.
   */
  void dropCapture(String taskId);

  /**
   * Opens a snapshot that lines up with the change stream, to reload tables while a capture of
   * the same source runs: its {@link SnapshotSession#position()} is present, and a transaction
   * whose {@link Commit#position()} is at or before that position is in the snapshot, one after
   * it is not. Opens connections of its own (PostgreSQL: a temporary slot created with
   * EXPORT_SNAPSHOT, gone when this returns; its snapshot is held by the session), so it may be
   * called from any thread. Blocks until the source's open transactions end. Throws {@link
   * io.opendms.spi.error.OpenDmsException} when the source cannot do it (no free slot).
   */
  SnapshotSession openStreamAlignedSnapshot();
}
