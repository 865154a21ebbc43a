package io.opendms.spi.type;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A MySQL/MariaDB date or datetime with a zero year, month or day ({@code 0000-00-00}, {@code
 * 2024-00-00 10:00:00}): no calendar date, so {@link java.time.LocalDate} cannot hold it, yet MySQL
 * stores it and DMS turns it into NULL. We carry it as it is, a value of {@link DmsType#DATE} or
 * {@link DmsType#DATETIME}; a target that cannot store it fails the row rather than change it.
 *
 * @param text the value as MySQL prints it, {@code YYYY-MM-DD} with an optional {@code
 *     HH:MM:SS[.ffffff]}
 */
public record ZeroDate(String text) {

  private static final Pattern FORM =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?)?");

  public ZeroDate {
    Objects.requireNonNull(text, "text");
    if (!FORM.matcher(text).matches()) {
      throw new IllegalArgumentException("not a MySQL date or datetime: " + text);
    }
  }

  /** Whether MySQL text {@code YYYY-MM-DD...} has a zero year, month or day. */
  public static boolean isZero(String text) {
    return text.length() >= 10
        && (text.startsWith("0000")
            || text.startsWith("00", 5)
            || text.startsWith("00", 8));
  }

  @Override
  public String toString() {
    return text;
  }
}
