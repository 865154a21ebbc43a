package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of DMS's {@code MySQLSettings} that a full load uses, read from the endpoint's
 * settings. Every bad value is reported at once; none is silently corrected.
 *
 * @param afterConnectScript SQL run on every new connection after the session settings, or empty
 * @param executeTimeout how long one statement may run; zero for no limit
 * @param parallelLoadThreads target load threads DMS's {@code ParallelLoadThreads} asks for
 * @param multipleDatabases DMS's {@code TargetDbType=multiple-databases}: a target writes each
 *     table into the database named by its schema rather than into the endpoint's database
 */
record MySqlSettings(
    String afterConnectScript, Duration executeTimeout, int parallelLoadThreads,
    boolean multipleDatabases) {

  static final MySqlSettings DEFAULTS = new MySqlSettings("", Duration.ZERO, 1, false);

  static MySqlSettings of(EndpointConfig endpoint) {
    Map<String, String> settings = endpoint.settings();
    List<String> problems = new ArrayList<>();
    String script = settings.getOrDefault("AfterConnectScript", "");
    long timeout = number(settings, "ExecuteTimeout", 0, problems);
    long threads = number(settings, "ParallelLoadThreads", 1, problems);
    if (threads < 1 || threads > 32) {
      problems.add("MySQLSettings.ParallelLoadThreads must be 1-32, got " + threads);
    }
    String dbType = settings.getOrDefault("TargetDbType", "specific-database");
    if (!dbType.equals("specific-database") && !dbType.equals("multiple-databases")) {
      problems.add("MySQLSettings.TargetDbType must be specific-database or multiple-databases,"
          + " got '" + dbType + "'");
    }
    if (!problems.isEmpty()) {
      throw new OpenDmsException(
          ErrorCode.INVALID_PARAMETER,
          "invalid MySQLSettings for " + endpoint.describe() + ": " + String.join("; ", problems));
    }
    return new MySqlSettings(script, Duration.ofSeconds(timeout), (int) threads,
        dbType.equals("multiple-databases"));
  }

  private static long number(
      Map<String, String> settings, String key, long fallback, List<String> problems) {
    String text = settings.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value < 0) {
        problems.add("MySQLSettings." + key + " must not be negative, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add("MySQLSettings." + key + " must be a whole number, got '" + text + "'");
      return fallback;
    }
  }
}
