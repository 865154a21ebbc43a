package io.opendms.connector.mysql;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.spi.error.EndpointMessages;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.DataRefusedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that turns MySQL/MariaDB failures into {@link OpenDmsException}s: picks the error
 * code from the server's error number and SQLState and writes a one-line message saying what
 * failed, on which endpoint (never with its password), for which table, and what the server said.
 * One instance per endpoint and direction; immutable and thread-safe.
 */
final class MySqlErrors {

  // Server error numbers (MySQL and MariaDB share them): include/mysqld_error.h.
  static final int ACCESS_DENIED = 1045;
  static final int UNKNOWN_DATABASE = 1049;
  static final int SPECIFIC_ACCESS_DENIED = 1227; // "you need (at least one of) the X privilege"
  static final int DB_ACCESS_DENIED = 1044;
  static final int TABLE_ACCESS_DENIED = 1142;
  static final int TOO_MANY_CONNECTIONS = 1040;
  static final int USER_CONNECTION_LIMIT = 1226; // max_user_connections reached
  static final int LOCK_WAIT_TIMEOUT = 1205;
  static final int DEADLOCK = 1213;
  static final int DUPLICATE_ENTRY = 1062;
  static final int DATA_TOO_LONG = 1406;
  static final int DATA_TRUNCATED = 1265;
  /**
   * Data errors whose SQLState is not of class 22 or 23: no default for a NOT NULL column (1364),
   * a value truncated for its column (1265), an incorrect value (1366, 1292, 1411).
   */
  private static final java.util.Set<Integer> OTHER_DATA_ERRORS = java.util.Set.of(1364, 1265, 1366, 1292, 1411);
  private static final java.util.regex.Pattern COLUMN = java.util.regex.Pattern.compile("column '([^']+)'");

  private final EndpointConfig endpoint;
  private final ErrorCode fallback;

  private MySqlErrors(EndpointConfig endpoint, ErrorCode fallback) {
    this.endpoint = endpoint;
    this.fallback = fallback;
  }

  static MySqlErrors forSource(EndpointConfig endpoint) {
    return new MySqlErrors(endpoint, ErrorCode.SOURCE_READ_FAILED);
  }

  static MySqlErrors forTarget(EndpointConfig endpoint) {
    return new MySqlErrors(endpoint, ErrorCode.TARGET_WRITE_FAILED);
  }

  EndpointConfig endpoint() {
    return endpoint;
  }

  /** A JDBC failure while doing {@code what} to {@code table} (null when none). */
  OpenDmsException translate(SQLException error, String what, TableId table) {
    if (fallback == ErrorCode.TARGET_WRITE_FAILED && isDataError(error)) {
      return refused(refusalKind(error.getErrorCode()), what, table, describe(error), error);
    }
    if (TrustedCertificates.isVerificationFailure(error)) {
      // a wrong CA or host name does not fix itself: no retry
      return new OpenDmsException(ErrorCode.AUTHENTICATION_FAILED, message(what, table,
          describe(error) + "; " + TrustedCertificates.verificationHint(endpoint)), error);
    }
    return new OpenDmsException(
        classify(error, fallback), message(what, table, describe(error)), error);
  }

  /** Rows the target refused because of their data (see {@link #isDataError}), or cannot hold. */
  OpenDmsException refused(ApplyConflict.Kind kind, String what, TableId table, String reason,
      Throwable cause) {
    return new DataRefusedException(kind, message(what, table, reason), cause);
  }

  /**
   * The kind of refusal a server error number is: too long (1406; 1265 "data truncated", which
   * LOAD DATA reports for a value too long), a duplicate, another data error.
   */
  static ApplyConflict.Kind refusalKind(int errorNumber) {
    return errorNumber == DATA_TOO_LONG || errorNumber == DATA_TRUNCATED ? ApplyConflict.Kind.TRUNCATION
        : errorNumber == DUPLICATE_ENTRY ? ApplyConflict.Kind.DUPLICATE_KEY
        : ApplyConflict.Kind.DATA_ERROR;
  }

  /** A failure that is not the server's: a value we cannot decode or encode, a bad state. */
  OpenDmsException failure(String what, TableId table, String reason, Throwable cause) {
    return new OpenDmsException(fallback, message(what, table, reason), cause);
  }

  /**
   * Whether the server refused a statement because of its data (SQLState class 22 data
   * exception, 23 integrity constraint: duplicate key, NOT NULL, foreign key, CHECK, a value too
   * long or out of range under STRICT_TRANS_TABLES), which DMS's ErrorBehavior policies decide
   * about, rather than because of the connection, permissions or the statement itself.
   */
  static boolean isDataError(SQLException error) {
    String state = error.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"))
        || OTHER_DATA_ERRORS.contains(error.getErrorCode());
  }

  /** The column a data error names ("for column 'note'"), or null. */
  static String blamedColumn(SQLException error) {
    var match = COLUMN.matcher(String.valueOf(error.getMessage()));
    return match.find() ? match.group(1) : null;
  }

  static ErrorCode classify(SQLException error, ErrorCode fallback) {
    switch (error.getErrorCode()) {
      case ACCESS_DENIED:
        return ErrorCode.AUTHENTICATION_FAILED;
      case UNKNOWN_DATABASE:
        return ErrorCode.DATABASE_NOT_FOUND;
      case SPECIFIC_ACCESS_DENIED, DB_ACCESS_DENIED, TABLE_ACCESS_DENIED:
        return ErrorCode.PERMISSION_DENIED;
      case TOO_MANY_CONNECTIONS, USER_CONNECTION_LIMIT, LOCK_WAIT_TIMEOUT, DEADLOCK:
        return ErrorCode.CONNECTION_FAILED; // worth a retry like a lost network
      default:
        break;
    }
    String state = error.getSQLState();
    if (state != null && state.startsWith("08")
        || error instanceof SQLNonTransientConnectionException
        || error instanceof SQLTransientConnectionException
        || hasNetworkCause(error)) {
      return ErrorCode.CONNECTION_FAILED;
    }
    if (state != null && state.startsWith("28")) {
      return ErrorCode.AUTHENTICATION_FAILED;
    }
    return fallback;
  }

  private static boolean hasNetworkCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException
          || cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private String message(String what, TableId table, String reason) {
    return EndpointMessages.format(endpoint, what, table, reason);
  }

  /** The server's message without the driver's connection id, with SQLState and error number. */
  static String describe(SQLException error) {
    String text = String.valueOf(error.getMessage());
    // the driver prefixes "(conn=123) "; the connection id helps nobody reading a task log
    text = text.replaceFirst("^\\(conn=\\d+\\) ", "");
    return text + " [SQLState " + error.getSQLState() + ", error " + error.getErrorCode() + "]";
  }
}
