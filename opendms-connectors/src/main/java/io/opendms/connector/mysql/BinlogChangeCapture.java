package io.opendms.connector.mysql;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeConsumer;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a MySQL/MariaDB binary log as a replica does, with mysql-binlog-connector-java, from a
 * file and offset between transactions. Every run connects with a server id of its own (a replica
 * connecting with the id of another is disconnected by the server). The library's own reconnect is
 * off: a lost connection ends {@link #stream} with a transient error, and the engine restarts
 * capture at the position the target stored, never in the middle of a transaction. MySQL keeps no
 * state for a reader, so {@link #acknowledge} has nothing to tell it.
 */
final class BinlogChangeCapture implements ChangeCapture {
  private static final Logger log = LoggerFactory.getLogger(BinlogChangeCapture.class);

  /** Server error 1236: the requested file or position is not in the binlog any more. */
  private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
  private static final long HEARTBEAT_MILLIS = 5_000;

  private final EndpointConfig endpoint;
  private final MySqlSettings settings;
  private final MySqlErrors errors;
  private final Map<TableId, TableDefinition> tables = new HashMap<>();
  private final Map<TableId, List<Charset>> charsets;
  private final BinlogPosition start;
  private final long serverId = ThreadLocalRandom.current().nextLong(100_000, 1L << 31);
  private SnapshotSession snapshot;
  private volatile boolean stopping;
  private volatile BinaryLogClient client;

  BinlogChangeCapture(EndpointConfig endpoint, MySqlSettings settings, MySqlErrors errors,
      List<TableDefinition> tables, Map<TableId, List<Charset>> charsets, BinlogPosition start,
      SnapshotSession snapshot) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.errors = errors;
    tables.forEach(t -> this.tables.put(t.id(), t));
    this.charsets = charsets;
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
    BinaryLogClient binlog = new BinaryLogClient(endpoint.host(), endpoint.port(),
        endpoint.username(), endpoint.password());
    binlog.setServerId(serverId);
    binlog.setBinlogFilename(start.file());
    binlog.setBinlogPosition(start.offset());
    binlog.setKeepAlive(false);
    binlog.setHeartbeatInterval(HEARTBEAT_MILLIS);
    binlog.setSSLMode(sslMode());
    MySqlTls.configure(binlog, endpoint);
    binlog.setEventDeserializer(deserializer());
    BinlogTableReader reader = new BinlogTableReader(endpoint, settings, errors);
    BinlogEventHandler handler = new BinlogEventHandler(tables, charsets, start.file(), reader, consumer);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    binlog.registerEventListener(event -> {
      if (failure.get() != null || stopping) {
        disconnect(binlog); // also a stop() that came before connect() got going
        return;
      }
      try {
        handler.accept(event);
      } catch (RuntimeException e) {
        failure.set(e);
        disconnect(binlog);
      }
    });
    binlog.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
      @Override
      public void onCommunicationFailure(BinaryLogClient c, Exception e) {
        failure.compareAndSet(null, lost(e));
      }

      @Override
      public void onEventDeserializationFailure(BinaryLogClient c, Exception e) {
        failure.compareAndSet(null, errors.failure("cannot read the binlog at "
            + handler.file() + ":" + c.getBinlogPosition(), null, String.valueOf(e), e));
        disconnect(c);
      }
    });
    client = binlog;
    if (stopping) {
      return;
    }
    log.info("{}: streaming the binlog from {} as server id {}", endpoint.describe(), start, serverId);
    try {
      binlog.connect();
    } catch (IOException e) {
      throw lost(e);
    } finally {
      client = null;
      reader.close();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    if (!stopping) {
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, "the binlog connection to "
          + endpoint.describe() + " closed at " + handler.file() + ":" + binlog.getBinlogPosition());
    }
  }

  private OpenDmsException lost(Exception e) {
    if (TrustedCertificates.isVerificationFailure(e)) {
      return new OpenDmsException(ErrorCode.AUTHENTICATION_FAILED, "the binlog connection to "
          + endpoint.describe() + " failed: " + e.getMessage() + "; "
          + TrustedCertificates.verificationHint(endpoint), e);
    }
    if (e instanceof ServerException server && server.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
      return new OpenDmsException(ErrorCode.INVALID_PARAMETER, "the source " + endpoint.describe()
          + " no longer has binlog position " + start.format() + " (" + server.getMessage() + "):"
          + " the binlogs were purged before the changes were applied; raise the retention"
          + " (binlog_expire_logs_seconds / expire_logs_days) and start the task again with"
          + " --start reload-target", e);
    }
    return new OpenDmsException(ErrorCode.CONNECTION_FAILED, "binlog stream from "
        + endpoint.describe() + " failed: " + e.getMessage(), e);
  }

  /**
   * The library's deserializers for the events a capture reads, with {@link BinlogCells} for row
   * cells; other events are skipped undecoded. Strings stay bytes: the charset is the column's.
   */
  private static EventDeserializer deserializer() {
    Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    Map<EventType, EventDataDeserializer> readers = new IdentityHashMap<>();
    readers.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
    readers.put(EventType.ROTATE, new RotateEventDataDeserializer());
    readers.put(EventType.QUERY, new QueryEventDataDeserializer());
    readers.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
    readers.put(EventType.XID, new XidEventDataDeserializer());
    readers.put(EventType.GTID, new GtidEventDataDeserializer());
    readers.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
    readers.put(EventType.WRITE_ROWS, new BinlogCells.Write(tableMaps));
    readers.put(EventType.UPDATE_ROWS, new BinlogCells.Update(tableMaps));
    readers.put(EventType.DELETE_ROWS, new BinlogCells.Delete(tableMaps));
    readers.put(EventType.EXT_WRITE_ROWS, new BinlogCells.Write(tableMaps).setMayContainExtraInformation(true));
    readers.put(EventType.EXT_UPDATE_ROWS, new BinlogCells.Update(tableMaps).setMayContainExtraInformation(true));
    readers.put(EventType.EXT_DELETE_ROWS, new BinlogCells.Delete(tableMaps).setMayContainExtraInformation(true));
    EventDeserializer deserializer = new EventDeserializer(new EventHeaderV4Deserializer(),
        new NullEventDataDeserializer(), readers, tableMaps);
    deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
    return deserializer;
  }

  private SSLMode sslMode() {
    return switch (endpoint.sslMode()) {
      case DISABLE, ALLOW, PREFER -> SSLMode.DISABLED;
      case REQUIRE -> SSLMode.REQUIRED;
      case VERIFY_CA -> SSLMode.VERIFY_CA;
      case VERIFY_FULL -> SSLMode.VERIFY_IDENTITY;
    };
  }

  private static void disconnect(BinaryLogClient binlog) {
    try {
      binlog.disconnect();
    } catch (IOException ignored) {
      // closing a connection that is failing anyway
    }
  }

  /** Nothing to tell: a MySQL server keeps its binlogs for their retention, whoever reads them. */
  @Override
  public void acknowledge(SourcePosition position) {}

  @Override
  public void stop() {
    stopping = true;
    BinaryLogClient current = client;
    if (current != null) {
      disconnect(current);
    }
  }

  @Override
  public void close() {
    stop();
    SnapshotSession left = takeSnapshot().orElse(null);
    if (left != null) {
      left.close();
    }
  }
}
