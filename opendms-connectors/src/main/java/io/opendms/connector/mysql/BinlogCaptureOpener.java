package io.opendms.connector.mysql;

import io.opendms.spi.change.CaptureRequest;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a binlog capture up as a {@link CaptureRequest} asks: checks the server's binlog settings
 * and the user's privileges, finds the start position (the snapshot's, the server's current one,
 * or the requested one, which must still be in the binlog), and reads each captured column's
 * character set, which the binlog does not carry. Stateless.
 */
final class BinlogCaptureOpener {
  private static final Logger log = LoggerFactory.getLogger(BinlogCaptureOpener.class);

  /** Snapshot connections for a full load: its readers share them when there are more. */
  static final int SNAPSHOT_CONNECTIONS = 4;

  private BinlogCaptureOpener() {}

  static BinlogChangeCapture open(MySqlErrors errors, MySqlSettings settings, Connection connection,
      CaptureRequest request, IntFunction<SnapshotSession> snapshots) {
    String where = errors.endpoint().describe();
    SnapshotSession snapshot = null;
    try {
      BinlogPrerequisites.read(connection).require(where);
      BinlogPosition start;
      switch (request.start()) {
        case CREATE_WITH_SNAPSHOT -> {
          snapshot = snapshots.apply(SNAPSHOT_CONNECTIONS);
          start = snapshot.position().map(BinlogPosition.class::cast).orElseThrow(() ->
              new OpenDmsException(ErrorCode.PERMISSION_DENIED, "the snapshot of " + where
                  + " has no binlog position: a full load followed by CDC needs FLUSH TABLES WITH"
                  + " READ LOCK (GRANT RELOAD ON *.* TO the user) on MySQL"));
        }
        case CREATE -> start = currentPosition(connection, where);
        case EXISTING -> {
          start = request.from().map(BinlogPosition.class::cast).orElseThrow(() ->
              new OpenDmsException(ErrorCode.INVALID_PARAMETER, "a MySQL source keeps no"
                  + " position for a task: give CdcStartPosition (file:offset)"));
          requireInBinlog(connection, start, where);
        }
        default -> throw new IllegalStateException("unknown start " + request.start());
      }
      Map<TableId, List<Charset>> charsets = charsets(connection, request.tables());
      log.info("capture: {} binlog from {}", where, start);
      return new BinlogChangeCapture(errors.endpoint(), settings, errors, request.tables(), charsets,
          start, snapshot);
    } catch (SQLException e) {
      closeQuietly(snapshot);
      throw errors.translate(e, "cannot set up binlog capture", null);
    } catch (RuntimeException e) {
      closeQuietly(snapshot);
      throw e;
    }
  }

  private static BinlogPosition currentPosition(Connection connection, String where) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
      if (!row.next()) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "SHOW MASTER STATUS on " + where
            + " returned nothing: binary logging is off");
      }
      return new BinlogPosition(row.getString(1), row.getLong(2));
    }
  }

  /** A start position whose file was purged would fail later, less clearly. */
  private static void requireInBinlog(Connection connection, BinlogPosition start, String where)
      throws SQLException {
    List<String> files = binaryLogs(connection);
    if (!files.contains(start.file())) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "binlog file " + start.file()
          + " (position " + start.format() + ") is not on " + where + ", which has "
          + (files.isEmpty() ? "none" : files.get(0) + " to " + files.get(files.size() - 1))
          + ": it was purged or never existed; the changes after it are lost to this task, start"
          + " it again with --start reload-target");
    }
  }

  /** The server's binlog files, oldest first ({@code SHOW BINARY LOGS}). */
  static List<String> binaryLogs(Connection connection) throws SQLException {
    List<String> files = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
      while (rows.next()) {
        files.add(rows.getString(1));
      }
    }
    return files;
  }

  /** Each captured column's charset, null for columns without one. */
  static Map<TableId, List<Charset>> charsets(Connection connection, List<TableDefinition> tables)
      throws SQLException {
    Map<TableId, List<Charset>> charsets = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT COLUMN_NAME,"
        + " CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND"
        + " TABLE_NAME = ?")) {
      for (TableDefinition table : tables) {
        query.setString(1, table.id().schema());
        query.setString(2, table.id().name());
        Map<String, String> byColumn = new HashMap<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            byColumn.put(rows.getString(1), rows.getString(2));
          }
        }
        List<Charset> list = new ArrayList<>();
        table.columns().forEach(c -> list.add(javaCharset(byColumn.get(c.name()))));
        charsets.put(table.id(), Collections.unmodifiableList(list));
      }
    }
    return charsets;
  }

  /** The Java charset of a MySQL character set; UTF-8 for none (non-text columns ignore it). */
  static Charset javaCharset(String mysql) {
    if (mysql == null) {
      return StandardCharsets.UTF_8;
    }
    return switch (mysql.toLowerCase(Locale.ROOT)) {
      case "utf8mb4", "utf8", "utf8mb3" -> StandardCharsets.UTF_8;
      case "latin1" -> Charset.forName("windows-1252"); // MySQL's latin1 is cp1252
      case "ascii" -> StandardCharsets.US_ASCII;
      case "binary" -> StandardCharsets.ISO_8859_1;
      case "ucs2", "utf16" -> StandardCharsets.UTF_16BE;
      case "utf16le" -> StandardCharsets.UTF_16LE;
      case "utf32" -> Charset.forName("UTF-32BE");
      case "cp1250", "cp1251", "cp1256", "cp1257" -> Charset.forName("windows-" + mysql.substring(2));
      case "latin2" -> Charset.forName("ISO-8859-2");
      case "greek" -> Charset.forName("ISO-8859-7");
      case "hebrew" -> Charset.forName("ISO-8859-8");
      case "sjis" -> Charset.forName("Shift_JIS");
      case "gbk" -> Charset.forName("GBK");
      case "big5" -> Charset.forName("Big5");
      case "euckr" -> Charset.forName("EUC-KR");
      case "ujis" -> Charset.forName("EUC-JP");
      case "koi8r" -> Charset.forName("KOI8-R");
      default -> throw new OpenDmsException(ErrorCode.UNSUPPORTED, "binlog capture cannot decode"
          + " the character set " + mysql + "; convert the column to utf8mb4");
    };
  }

  private static void closeQuietly(SnapshotSession snapshot) {
    if (snapshot != null) {
      snapshot.close();
    }
  }
}
