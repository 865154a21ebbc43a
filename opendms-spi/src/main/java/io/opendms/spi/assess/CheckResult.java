package io.opendms.spi.assess;

import java.util.List;
import java.util.Objects;

/**
 * What one premigration check found.
 *
 * @param name the check's name: DMS's individual assessment name where DMS has one (such as
 *     {@code postgres-check-wallevel}), otherwise an {@code opendms-check-...} name
 * @param status the outcome
 * @param message what was found, in one sentence
 * @param objects the tables, columns or settings concerned ({@code schema.table},
 *     {@code schema.table.column}, {@code wal_level}); empty when none
 * @param fix what to change so that the check passes; empty when it passed or was skipped
 */
public record CheckResult(
    String name, CheckStatus status, String message, List<String> objects, String fix) {

  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    objects = List.copyOf(objects);
    if (name.isBlank()) {
      throw new IllegalArgumentException("check name must not be blank");
    }
    if ((status == CheckStatus.WARNING || status == CheckStatus.FAILED) && fix.isBlank()) {
      throw new IllegalArgumentException("check " + name + " is " + status.dmsName()
          + " and must say how to fix it");
    }
  }

  public static CheckResult passed(String name, String message) {
    return new CheckResult(name, CheckStatus.PASSED, message, List.of(), "");
  }

  public static CheckResult skipped(String name, String why) {
    return new CheckResult(name, CheckStatus.SKIPPED, why, List.of(), "");
  }

  public static CheckResult error(String name, String message) {
    return new CheckResult(name, CheckStatus.ERROR, message, List.of(),
        "make the query behind the check work (see the message) and assess again");
  }
}
