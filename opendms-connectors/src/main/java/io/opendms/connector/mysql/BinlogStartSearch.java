package io.opendms.connector.mysql;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds where capture starts for the forms of {@code CdcStartPosition} that name no binlog offset:
 * a GTID set ({@link #positionAfter}) and a time, DMS's {@code CdcStartTime} ({@link
 * #positionAt}). For a time: the position of the first transaction that started in
 * the second of a time or later. The binlog has no index by time, so the search takes the newest file whose
 * first event is not later than the time and reads it (and the files after it) up to the first
 * transaction (GTID event) that late; that event's offset is a transaction boundary. Row events
 * are skipped undecoded. Each read is a short non-blocking binlog connection. Stateless.
 */
final class BinlogStartSearch {

  private BinlogStartSearch() {}

  static BinlogPosition positionAt(MySqlErrors errors, Connection connection, Instant time)
      throws SQLException {
    List<String> files = BinlogCaptureOpener.binaryLogs(connection);
    if (files.isEmpty()) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "CdcStartTime: "
          + errors.endpoint().describe() + " has no binlog");
    }
    int candidate = -1;
    for (int i = files.size() - 1; i >= 0 && candidate < 0; i--) {
      Instant first = firstEventTime(errors, files.get(i));
      if (!first.isAfter(time)) {
        candidate = i;
      } else if (i == 0) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "CdcStartTime " + time
            + " lies before the oldest binlog of " + errors.endpoint().describe() + " (" + files.get(0)
            + ", which starts at " + first + "): the changes in between are no longer there");
      }
    }
    BinlogPosition found = scan(errors, files.get(candidate), time);
    if (found != null) {
      return found;
    }
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
      row.next(); // nothing that late yet: from the end of the binlog
      return new BinlogPosition(row.getString(1), row.getLong(2));
    }
  }

  private static Instant firstEventTime(MySqlErrors errors, String file) {
    AtomicReference<Instant> first = new AtomicReference<>();
    read(errors, file, (client, event) -> {
      if (event.getHeader().getTimestamp() > 0) {
        first.set(Instant.ofEpochMilli(event.getHeader().getTimestamp()));
        return true;
      }
      return false;
    });
    if (first.get() == null) {
      throw errors.failure("cannot read binlog " + file, null, "it has no timestamped event", null);
    }
    return first.get();
  }

  /** The first GTID event at or after {@code time} from {@code file} on; null when none yet. */
  private static BinlogPosition scan(MySqlErrors errors, String file, Instant time) {
    // binlog timestamps are whole seconds: a transaction of time's second may have come after it,
    // so the whole second counts (a change applied twice is mended, a change skipped is lost)
    long millis = time.getEpochSecond() * 1000;
    String[] current = {file};
    AtomicReference<BinlogPosition> found = new AtomicReference<>();
    read(errors, file, (client, event) -> {
      EventType type = event.getHeader().getEventType();
      if (type == EventType.ROTATE) {
        current[0] = ((RotateEventData) event.getData()).getBinlogFilename();
      } else if ((type == EventType.GTID || type == EventType.ANONYMOUS_GTID
          || type == EventType.MARIADB_GTID) && event.getHeader().getTimestamp() >= millis) {
        found.set(new BinlogPosition(current[0], ((EventHeaderV4) event.getHeader()).getPosition()));
        return true;
      }
      return false;
    });
    return found.get();
  }

  /**
   * DMS's GTID form of {@code CdcStartPosition} (MySQL {@code uuid:1-42}, MariaDB {@code 0-1-42}):
   * the position of the first transaction after the set. The server finds it: a replica connection
   * asks for the set and the first transaction it then sends is where capture starts; when none
   * follows yet, the end of the binlog.
   */
  static BinlogPosition positionAfter(MySqlErrors errors, Connection connection, String gtidSet)
      throws SQLException {
    requireExecuted(errors, connection, gtidSet);
    String[] current = {null};
    AtomicReference<BinlogPosition> found = new AtomicReference<>();
    read(errors, null, gtidSet, (client, event) -> {
      EventType type = event.getHeader().getEventType();
      if (type == EventType.ROTATE) {
        current[0] = ((RotateEventData) event.getData()).getBinlogFilename();
      } else if (type == EventType.GTID || type == EventType.ANONYMOUS_GTID
          || type == EventType.MARIADB_GTID) {
        found.set(new BinlogPosition(current[0], ((EventHeaderV4) event.getHeader()).getPosition(), gtidSet));
        return true;
      }
      return false;
    });
    if (found.get() != null) {
      return found.get();
    }
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
      row.next(); // every transaction so far is in the set: from the end of the binlog
      return new BinlogPosition(row.getString(1), row.getLong(2), gtidSet);
    }
  }

  /** A set naming transactions the server has not executed is a mistake, not "from the end". */
  private static void requireExecuted(MySqlErrors errors, Connection connection, String gtidSet)
      throws SQLException {
    String executed;
    boolean subset;
    try (Statement statement = connection.createStatement()) {
      try (ResultSet row = statement.executeQuery("SELECT @@global.gtid_binlog_pos")) {
        row.next();
        executed = row.getString(1);
        subset = mariaDbSubset(gtidSet, executed);
      } catch (SQLException notMariaDb) {
        try (var query = connection.prepareStatement(
                "SELECT GTID_SUBSET(?, @@global.gtid_executed), @@global.gtid_executed")) {
          query.setString(1, gtidSet);
          try (ResultSet row = query.executeQuery()) {
            row.next();
            subset = row.getBoolean(1);
            executed = row.getString(2);
          }
        }
      }
    }
    if (!subset) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "CdcStartPosition: GTID set "
          + gtidSet + " names transactions that " + errors.endpoint().describe()
          + " has not executed (it is at " + executed + ")");
    }
  }

  /** Whether every {@code domain-server-seq} of a MariaDB GTID list is at or before the server's. */
  static boolean mariaDbSubset(String gtids, String executed) {
    java.util.Map<String, Long> done = new java.util.HashMap<>();
    for (String gtid : executed.split(",")) {
      String[] parts = gtid.strip().split("-");
      if (parts.length == 3) {
        done.put(parts[0], Long.parseLong(parts[2]));
      }
    }
    for (String gtid : gtids.split(",")) {
      String[] parts = gtid.strip().split("-");
      if (parts.length != 3 || Long.parseLong(parts[2]) > done.getOrDefault(parts[0], -1L)) {
        return false;
      }
    }
    return true;
  }

  @FunctionalInterface
  private interface Until {
    boolean done(BinaryLogClient client, Event event);
  }

  private static void read(MySqlErrors errors, String file, Until until) {
    read(errors, file, null, until);
  }

  /**
   * Reads from {@code file}:4, or after the GTID set when {@code file} is null, until {@code
   * until} says so or the binlog ends.
   */
  private static void read(MySqlErrors errors, String file, String gtidSet, Until until) {
    var endpoint = errors.endpoint();
    BinaryLogClient client = new BinaryLogClient(endpoint.host(), endpoint.port(),
        endpoint.username(), endpoint.password());
    client.setServerId(ThreadLocalRandom.current().nextLong(100_000, 1L << 31));
    client.setBlocking(false);
    client.setKeepAlive(false);
    if (file != null) {
      client.setBinlogFilename(file);
      client.setBinlogPosition(4);
    } else {
      client.setGtidSet(gtidSet);
    }
    EventDeserializer deserializer = new EventDeserializer();
    for (EventType rows : List.of(EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS,
        EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS,
        EventType.QUERY)) {
      deserializer.setEventDataDeserializer(rows, new NullEventDataDeserializer());
    }
    client.setEventDeserializer(deserializer);
    boolean[] stop = {false};
    client.registerEventListener(event -> {
      if (!stop[0] && until.done(client, event)) {
        stop[0] = true;
        try {
          client.disconnect();
        } catch (IOException ignored) {
          // found: the connection is of no more use
        }
      }
    });
    try {
      client.connect();
    } catch (IOException e) {
      throw new OpenDmsException(file == null ? ErrorCode.INVALID_PARAMETER : ErrorCode.CONNECTION_FAILED,
          "CdcStartPosition: cannot read the binlog " + (file == null ? "after GTID set " + gtidSet
              : "file " + file) + " of " + endpoint.describe() + ": " + e.getMessage(), e);
    }
  }
}
