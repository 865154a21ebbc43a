package io.opendms.connector.postgres;

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
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place that turns PostgreSQL failures into {@link OpenDmsException}s: picks the error code
 * from the SQLState and writes a one-line message saying what failed, on which endpoint (never with
 * its password), for which table, and what the server said. One instance per endpoint and
 * direction; immutable and thread-safe.
 */
final class PostgresErrors {

  private final EndpointConfig endpoint;
  private final ErrorCode fallback;

  private PostgresErrors(EndpointConfig endpoint, ErrorCode fallback) {
    this.endpoint = endpoint;
    this.fallback = fallback;
  }

  static PostgresErrors forSource(EndpointConfig endpoint) {
    return new PostgresErrors(endpoint, ErrorCode.SOURCE_READ_FAILED);
  }

  static PostgresErrors forTarget(EndpointConfig endpoint) {
    return new PostgresErrors(endpoint, ErrorCode.TARGET_WRITE_FAILED);
  }

  EndpointConfig endpoint() {
    return endpoint;
  }

  /**
   * A JDBC failure.
   *
   * @param what what we were doing, e.g. {@code "cannot read partition x"}
   * @param table the table concerned, or null
   */
  OpenDmsException translate(SQLException error, String what, TableId table) {
    if (fallback == ErrorCode.TARGET_WRITE_FAILED && isDataError(error)) {
      String state = error.getSQLState();
      ApplyConflict.Kind kind = state.equals("22001") ? ApplyConflict.Kind.TRUNCATION
          : state.equals("23505") ? ApplyConflict.Kind.DUPLICATE_KEY : ApplyConflict.Kind.DATA_ERROR;
      return new DataRefusedException(kind, message(what, table, describe(error)), error);
    }
    if (TrustedCertificates.isVerificationFailure(error)) {
      // a wrong CA or host name does not fix itself: no retry
      return new OpenDmsException(ErrorCode.AUTHENTICATION_FAILED, message(what, table,
          describe(error) + "; " + TrustedCertificates.verificationHint(endpoint)), error);
    }
    return new OpenDmsException(
        classify(error, fallback), message(what, table, describe(error)), error);
  }

  /** A value the target cannot hold at all (a data error of our own finding). */
  OpenDmsException refused(String what, TableId table, String reason, Throwable cause) {
    return new DataRefusedException(ApplyConflict.Kind.DATA_ERROR, message(what, table, reason), cause);
  }

  /** A failure that is not the server's: a value we cannot decode, a bad state. */
  OpenDmsException failure(String what, TableId table, String reason, Throwable cause) {
    return new OpenDmsException(fallback, message(what, table, reason), cause);
  }

  /**
   * Whether the server refused a statement because of its data (SQLSTATE class 22 data exception,
   * 23 integrity constraint violation), which DMS's ErrorBehavior policies decide about, rather
   * than because of the connection, permissions or the statement itself.
   */
  static boolean isDataError(SQLException error) {
    String state = error.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /** The error code for a JDBC failure; {@code fallback} when the SQLState says nothing more. */
  static ErrorCode classify(SQLException error, ErrorCode fallback) {
    String state = error.getSQLState();
    if (state == null || state.isEmpty()) {
      return hasNetworkCause(error) ? ErrorCode.CONNECTION_FAILED : fallback;
    }
    if (state.startsWith("08")
        || state.equals("57P01") // admin_shutdown
        || state.equals("57P02") // crash_shutdown
        || state.equals("57P03") // cannot_connect_now: starting up or in recovery
        || state.equals("53300")) { // too_many_connections: worth a retry like a lost network
      return ErrorCode.CONNECTION_FAILED;
    }
    if (state.equals("55000")
        && String.valueOf(error.getMessage()).contains("not currently accepting connections")) {
      // ALLOW_CONNECTIONS false: an administrator closed the database for a while
      return ErrorCode.CONNECTION_FAILED;
    }
    if (state.startsWith("28")) {
      return ErrorCode.AUTHENTICATION_FAILED;
    }
    if (state.equals("3D000")) {
      return ErrorCode.DATABASE_NOT_FOUND;
    }
    if (state.equals("42501")) {
      return ErrorCode.PERMISSION_DENIED;
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

  /** The server's own message, detail and context when it sent them, else the driver's text. */
  private static String describe(SQLException error) {
    StringBuilder text = new StringBuilder();
    ServerErrorMessage server =
        error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    if (server != null && server.getMessage() != null) {
      text.append(server.getMessage());
      appendPart(text, "detail", server.getDetail());
      appendPart(text, "hint", server.getHint());
      appendPart(text, "context", server.getWhere());
    } else {
      text.append(error.getMessage());
    }
    if (error.getSQLState() != null) {
      text.append(" [SQLState ").append(error.getSQLState()).append(']');
    }
    return text.toString();
  }

  private static void appendPart(StringBuilder text, String label, String part) {
    if (part != null && !part.isBlank()) {
      text.append("; ").append(label).append(": ").append(part);
    }
  }
}
