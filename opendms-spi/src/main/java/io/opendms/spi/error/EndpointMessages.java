package io.opendms.spi.error;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.table.TableId;

/**
 * The one format of a connector's error message: what failed, on which endpoint and table, and
 * why, on one line and never with the endpoint's password. Shared so that every connector's
 * messages read alike in task logs and API errors.
 */
public final class EndpointMessages {
  private EndpointMessages() {}

  /**
   * @param what what was being done, e.g. {@code "cannot read partition x"}
   * @param table the table concerned, or null
   * @param reason what the database or driver said
   */
  public static String format(EndpointConfig endpoint, String what, TableId table, String reason) {
    String where = " on " + endpoint.describe() + (table == null ? "" : ", table " + table);
    return oneLine(what + where + ": " + redact(endpoint, reason));
  }

  /** Defence in depth: drivers do not echo passwords, but a message must never carry one. */
  private static String redact(EndpointConfig endpoint, String text) {
    String password = endpoint.password();
    return password.isEmpty() || text == null ? String.valueOf(text) : text.replace(password, "***");
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
