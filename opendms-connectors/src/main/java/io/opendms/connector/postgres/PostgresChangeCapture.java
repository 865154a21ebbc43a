package io.opendms.connector.postgres;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeConsumer;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.table.TableDefinition;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a slot with pgoutput (protocol 1) over a replication connection. The flush position
 * reported to the server is the engine's acknowledged position; when everything delivered has been
 * acknowledged and no transaction is open, it is the last position the server reported, so that
 * the slot advances on a database that changes nothing we capture. Heartbeats (a WAL message every
 * {@code HeartbeatFrequency}) keep that position moving when the database is idle altogether.
 */
final class PostgresChangeCapture implements ChangeCapture {
  private static final Logger log = LoggerFactory.getLogger(PostgresChangeCapture.class);

  private static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);
  private static final long IDLE_SLEEP_MILLIS = 5;
  /** How often the WAL the slot retains is measured: a catalog query, cheap at this rate. */
  private static final Duration RETAINED_INTERVAL = Duration.ofSeconds(10);
  private static final String RETAINED_WAL = "SELECT pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery()"
      + " THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END, restart_lsn)::int8"
      + " FROM pg_replication_slots WHERE slot_name = ?";

  private final PostgresErrors errors;
  private final CaptureSettings settings;
  private final Connection replication;
  private final List<TableDefinition> tables;
  private final PgLsn start;
  private final Map<TableId, Map<String, Integer>> attributeNumbers;
  private SnapshotSession snapshot;
  private final AtomicReference<PgLsn> acknowledged = new AtomicReference<>();
  private volatile boolean stopping;
  private volatile long retained = -1;
  /** Heartbeats and WAL measurements: an ordinary connection, opened when first needed. */
  private Connection sideConnection;
  private long nextHeartbeat;
  private long nextMeasurement;

  /**
   * @param attributeNumbers the captured columns' attribute numbers when the capture was opened
   *     ({@link RelationChanges#attributeNumbers})
   */
  PostgresChangeCapture(PostgresErrors errors, CaptureSettings settings, Connection replication,
      List<TableDefinition> tables, PgLsn start, SnapshotSession snapshot,
      Map<TableId, Map<String, Integer>> attributeNumbers) {
    this.attributeNumbers = Map.copyOf(attributeNumbers);
    this.errors = errors;
    this.settings = settings;
    this.replication = replication;
    this.tables = tables;
    this.start = start;
    this.snapshot = snapshot;
  }

  @Override
  public SourcePosition startPosition() {
    return start;
  }

  @Override
  public synchronized Optional<SnapshotSession> takeSnapshot() {
    SnapshotSession taken = snapshot;
    snapshot = null;
    return Optional.ofNullable(taken);
  }

  @Override
  public void stream(ChangeConsumer consumer) {
    RelationChanges relationChanges = new RelationChanges(() -> {
      try {
        return side();
      } catch (SQLException e) {
        throw errors.translate(e, "cannot read the catalog of the source", null);
      }
    }, errors, attributeNumbers);
    PgOutputDecoder decoder = new PgOutputDecoder(tables, errors, relationChanges);
    try (PGReplicationStream stream = withMessages(replication.unwrap(PGConnection.class)
        .getReplicationAPI().replicationStream().logical()
        .withSlotName(settings.slotName())
        .withStartPosition(LogSequenceNumber.valueOf(start.value()))
        .withSlotOption("proto_version", 1)
        .withSlotOption("publication_names", settings.publicationName()))
        .withStatusInterval((int) STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
        .start()) {
      new Loop(stream, decoder, consumer).run();
    } catch (SQLException e) {
      throw errors.translate(e, "cannot stream from replication slot " + settings.slotName(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      PostgresConnections.closeQuietly(sideConnection);
    }
  }

  /**
   * Asks for logical messages ({@link DropTableTrigger}'s) where pgoutput has them (PostgreSQL 14
   * and later; older servers refuse the option).
   */
  private ChainedLogicalStreamBuilder withMessages(ChainedLogicalStreamBuilder builder)
      throws SQLException {
    return replication.getMetaData().getDatabaseMajorVersion() >= 14
        ? builder.withSlotOption("messages", true) : builder;
  }

  /** The state of one {@link #stream} call, on the capture thread. */
  private final class Loop {
    private final PGReplicationStream stream;
    private final PgOutputDecoder decoder;
    private final ChangeConsumer consumer;
    private boolean inTransaction;
    private PgLsn lastDelivered;
    private PgLsn lastReported;

    Loop(PGReplicationStream stream, PgOutputDecoder decoder, ChangeConsumer consumer) {
      this.stream = stream;
      this.decoder = decoder;
      this.consumer = consumer;
    }

    void run() throws SQLException, InterruptedException {
      nextHeartbeat = settings.heartbeat() == null ? Long.MAX_VALUE
          : System.nanoTime() + settings.heartbeat().toNanos();
      while (!stopping) {
        measureRetainedIfDue();
        ByteBuffer message = stream.readPending();
        if (message == null) {
          reportFlush();
          heartbeatIfDue();
          Thread.sleep(IDLE_SLEEP_MILLIS);
          continue;
        }
        ChangeEvent event = decoder.decode(message);
        if (event instanceof Begin) {
          inTransaction = true;
        } else if (event instanceof Commit commit) {
          inTransaction = false;
          lastDelivered = (PgLsn) commit.position();
        }
        if (event != null) {
          consumer.accept(event);
        }
      }
      reportFlush();
      stream.forceUpdateStatus();
    }

    private void reportFlush() {
      PgLsn flush = acknowledged.get();
      boolean allApplied = lastDelivered == null || (flush != null && flush.compareTo(lastDelivered) >= 0);
      if (!inTransaction && allApplied) {
        PgLsn received = new PgLsn(stream.getLastReceiveLSN().asLong());
        flush = flush == null || received.compareTo(flush) > 0 ? received : flush;
      }
      if (flush != null && (lastReported == null || flush.compareTo(lastReported) > 0)) {
        LogSequenceNumber lsn = LogSequenceNumber.valueOf(flush.value());
        stream.setFlushedLSN(lsn);
        stream.setAppliedLSN(lsn);
        lastReported = flush;
      }
    }
  }

  /**
   * A non-transactional logical message: WAL that no table's changes carry, which moves the
   * server's reported position so an idle slot can confirm past it (DMS writes a heartbeat table
   * for the same reason; a message needs no table on the source).
   */
  private void heartbeatIfDue() {
    if (System.nanoTime() < nextHeartbeat) {
      return;
    }
    nextHeartbeat = System.nanoTime() + settings.heartbeat().toNanos();
    try (Statement statement = side().createStatement()) {
      statement.execute("SELECT pg_logical_emit_message(false, 'opendms_heartbeat', '')");
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(sideConnection);
      sideConnection = null;
      throw errors.translate(e, "cannot write a heartbeat for slot " + settings.slotName(), null);
    }
  }

  /**
   * Measures the WAL the slot keeps. A failure only leaves the last figure standing: a metric is
   * no reason to stop replicating, and a lost server fails the stream itself soon enough.
   */
  private void measureRetainedIfDue() {
    long now = System.nanoTime();
    if (now < nextMeasurement) {
      return;
    }
    nextMeasurement = now + RETAINED_INTERVAL.toNanos();
    try (PreparedStatement statement = side().prepareStatement(RETAINED_WAL)) {
      statement.setString(1, settings.slotName());
      try (ResultSet row = statement.executeQuery()) {
        if (row.next()) {
          retained = row.getLong(1);
        }
      }
    } catch (SQLException e) {
      log.debug("cannot measure the WAL retained by slot {}: {}", settings.slotName(), e.getMessage());
      PostgresConnections.closeQuietly(sideConnection);
      sideConnection = null;
    }
  }

  private Connection side() throws SQLException {
    if (sideConnection == null) {
      sideConnection = PostgresConnections.open(errors.endpoint());
    }
    return sideConnection;
  }

  @Override
  public OptionalLong retainedBytes() {
    long bytes = retained;
    return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
  }

  @Override
  public void acknowledge(SourcePosition position) {
    PgLsn lsn = (PgLsn) position;
    acknowledged.accumulateAndGet(lsn, (old, now) -> old == null || now.compareTo(old) > 0 ? now : old);
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public void close() {
    SnapshotSession left = takeSnapshot().orElse(null);
    if (left != null) {
      left.close();
    }
    PostgresConnections.closeQuietly(replication);
  }
}
