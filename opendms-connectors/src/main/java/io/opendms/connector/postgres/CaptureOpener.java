package io.opendms.connector.postgres;

import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.source.SnapshotSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a capture up as a {@link CaptureRequest} asks: checks the server, makes the publication,
 * creates or finds the slot, and for a full load imports the slot's exported snapshot.
 */
final class CaptureOpener {
  private static final Logger log = LoggerFactory.getLogger(CaptureOpener.class);

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private CaptureOpener() {}

  static PostgresChangeCapture open(PostgresErrors errors, Connection catalog,
      BlockRangePartitioner partitioner, CaptureRequest request) {
    CaptureSettings settings = CaptureSettings.of(errors.endpoint(), request.taskId());
    String slot = settings.slotName();
    ReplicationSlots slots = new ReplicationSlots(catalog, errors);
    Connection replication = null;
    SnapshotSession snapshot = null;
    try {
      slots.requireLogicalDecoding();
      slots.ensurePublication(settings.publicationName(), request.tables());
      if (settings.captureDdls()) {
        DropTableTrigger.install(catalog, settings.ddlArtifactsSchema());
      }
      PgLsn start;
      if (request.start() == CaptureRequest.Start.EXISTING) {
        PgLsn confirmed = slots.confirmedFlush(slot).orElseThrow(() -> missingSlot(errors, slot));
        PgLsn from = request.from().map(p -> (PgLsn) p).orElse(confirmed);
        // the server streams from the later of the two; say so rather than pretend otherwise
        start = from.compareTo(confirmed) >= 0 ? from : confirmed;
        replication = PostgresConnections.openReplication(errors.endpoint());
      } else {
        slots.dropSlot(slot);
        replication = PostgresConnections.openReplication(errors.endpoint());
        boolean export = request.start() == CaptureRequest.Start.CREATE_WITH_SNAPSHOT;
        try (Statement statement = replication.createStatement();
            ResultSet row = statement.executeQuery("CREATE_REPLICATION_SLOT " + SqlNames.quote(slot)
                + " LOGICAL pgoutput " + (export ? "EXPORT_SNAPSHOT" : "NOEXPORT_SNAPSHOT"))) {
          row.next();
          start = PgLsn.parse(row.getString("consistent_point"));
          if (export) {
            // the slot's snapshot lives until the replication connection's next command
            snapshot = PostgresSnapshotSession.importing(errors, partitioner, row.getString("snapshot_name"), start);
          }
        }
      }
      log.info("capture: slot {} publication {} starts at {}", slot, settings.publicationName(), start);
      return new PostgresChangeCapture(errors, settings, replication, request.tables(), start, snapshot,
          RelationChanges.attributeNumbers(catalog, request.tables()));
    } catch (SQLException e) {
      cleanUp(snapshot, replication);
      throw errors.translate(e, "cannot set up capture with replication slot " + slot, null);
    } catch (RuntimeException e) {
      cleanUp(snapshot, replication);
      throw e;
    }
  }

  /**
   * A snapshot at a temporary slot's consistent point: what the task's own slot streams after
   * that point is exactly what the snapshot does not hold. The slot ends with its replication
   * connection, right after its snapshot was imported into an ordinary transaction.
   */
  static SnapshotSession openStreamAligned(PostgresErrors errors, BlockRangePartitioner partitioner) {
    String slot = "opendms_reload_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    Connection replication = null;
    try {
      replication = PostgresConnections.openReplication(errors.endpoint());
      try (Statement statement = replication.createStatement();
          ResultSet row = statement.executeQuery("CREATE_REPLICATION_SLOT " + slot
              + " TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT")) {
        row.next();
        PgLsn point = PgLsn.parse(row.getString("consistent_point"));
        log.info("reload snapshot: temporary slot {} consistent at {}", slot, point);
        return PostgresSnapshotSession.importing(errors, partitioner, row.getString("snapshot_name"), point);
      }
    } catch (SQLException e) {
      throw errors.translate(e, "cannot open a snapshot to reload tables (temporary replication"
          + " slot " + slot + ")", null);
    } finally {
      PostgresConnections.closeQuietly(replication);
    }
  }

  static OpenDmsException missingSlot(PostgresErrors errors, String slot) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER, "replication slot " + slot
        + " does not exist on " + errors.endpoint().describe() + " (dropped?): the changes it"
        + " held are lost to this task; start it again with --start reload-target (or"
        + " start-replication) to create a new slot and reload");
  }

  private static void cleanUp(SnapshotSession snapshot, Connection replication) {
    if (snapshot != null) {
      snapshot.close();
    }
    PostgresConnections.closeQuietly(replication);
  }

  /** Drops the task's slot and publication; for reload-target and cleanup. */
  static void drop(PostgresErrors errors, Connection catalog, String taskId) {
    CaptureSettings settings = CaptureSettings.of(errors.endpoint(), taskId);
    ReplicationSlots slots = new ReplicationSlots(catalog, errors);
    try {
      slots.dropSlot(settings.slotName());
      slots.dropPublication(settings.publicationName());
    } catch (SQLException e) {
      throw errors.translate(e, "cannot drop replication slot " + settings.slotName(), null);
    }
  }

}
