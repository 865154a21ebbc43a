package io.opendms.engine.mapping.expression;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's date and time functions: a time value ({@code 'now'}, ISO text, a Julian day number)
 * followed by modifiers, in UTC, to millisecond precision. An unreadable value or modifier gives
 * NULL, as in SQLite.
 */
final class SqliteDates {
  private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;
  private static final Pattern TEXT_TIME = Pattern.compile(
      "(?:(\\d{4})-(\\d{2})-(\\d{2}))?(?:[ T]?(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?)?"
          + "\\s*(Z|[+-]\\d{2}:\\d{2})?");
  private static final Pattern SHIFT = Pattern.compile(
      "([+-]?\\d+(?:\\.\\d+)?)\\s+(day|hour|minute|second|month|year)s?");

  private SqliteDates() {}

  static Object date(List<Object> arguments, ExpressionScope scope) {
    LocalDateTime time = resolve(arguments, scope);
    return time == null ? null : time.toLocalDate().toString();
  }

  static Object time(List<Object> arguments, ExpressionScope scope) {
    LocalDateTime time = resolve(arguments, scope);
    return time == null ? null : format("%H:%M:%S", time);
  }

  static Object datetime(List<Object> arguments, ExpressionScope scope) {
    LocalDateTime time = resolve(arguments, scope);
    return time == null ? null : format("%Y-%m-%d %H:%M:%S", time);
  }

  static Object julianday(List<Object> arguments, ExpressionScope scope) {
    LocalDateTime time = resolve(arguments, scope);
    return time == null ? null : (Object) julianDay(time);
  }

  static Object unixepoch(List<Object> arguments, ExpressionScope scope) {
    LocalDateTime time = resolve(arguments, scope);
    return time == null ? null : (Object) time.toEpochSecond(ZoneOffset.UTC);
  }

  static Object strftime(List<Object> arguments, ExpressionScope scope) {
    if (arguments.isEmpty() || arguments.get(0) == null) {
      return null;
    }
    LocalDateTime time = resolve(arguments.subList(1, arguments.size()), scope);
    return time == null ? null : format(SqliteValues.text(arguments.get(0)), time);
  }

  /** The time value (default 'now') with its modifiers applied; null when unreadable. */
  private static LocalDateTime resolve(List<Object> arguments, ExpressionScope scope) {
    Object value = arguments.isEmpty() ? "now" : arguments.get(0);
    if (value == null) {
      return null;
    }
    List<Object> modifiers = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
    boolean unixEpoch = modifiers.stream().anyMatch(m -> "unixepoch".equalsIgnoreCase(
        String.valueOf(m)));
    LocalDateTime time = read(value, scope, unixEpoch);
    for (Object modifier : modifiers) {
      if (time == null || modifier == null) {
        return null;
      }
      time = modify(time, SqliteValues.text(modifier).trim().toLowerCase(Locale.ROOT));
    }
    return time;
  }

  private static LocalDateTime read(Object value, ExpressionScope scope, boolean unixEpoch) {
    if (value instanceof Long || value instanceof Double) {
      double number = SqliteValues.real(value);
      return unixEpoch ? fromEpochMillis(Math.round(number * 1000))
          : fromEpochMillis(Math.round((number - UNIX_EPOCH_JULIAN_DAY) * 86_400_000d));
    }
    String text = SqliteValues.text(value).trim();
    if (text.equalsIgnoreCase("now")) {
      return LocalDateTime.ofInstant(scope.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
    if (SqliteValues.looksNumeric(text)) {
      return read(SqliteValues.numeric(text), scope, unixEpoch);
    }
    Matcher m = TEXT_TIME.matcher(text);
    if (text.isEmpty() || !m.matches() || (m.group(1) == null && m.group(4) == null)) {
      return null;
    }
    try {
      LocalDate day = m.group(1) == null ? LocalDate.of(2000, 1, 1)
          : LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      LocalTime clock = LocalTime.MIDNIGHT;
      if (m.group(4) != null) {
        String fraction = m.group(7) == null ? "0" : (m.group(7) + "000").substring(0, 3);
        clock = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
            Integer.parseInt(fraction) * 1_000_000);
      }
      LocalDateTime time = LocalDateTime.of(day, clock);
      if (m.group(8) != null && !m.group(8).equals("Z")) {
        time = OffsetDateTime.of(time, ZoneOffset.of(m.group(8)))
            .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      }
      return time;
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static LocalDateTime modify(LocalDateTime time, String modifier) {
    Matcher shift = SHIFT.matcher(modifier);
    if (shift.matches()) {
      double amount = Double.parseDouble(shift.group(1));
      return switch (shift.group(2)) {
        case "year" -> plusMonths(time, 12 * (long) amount);
        case "month" -> plusMonths(time, (long) amount);
        case "day" -> time.plus(Duration.ofMillis(Math.round(amount * 86_400_000d)));
        case "hour" -> time.plus(Duration.ofMillis(Math.round(amount * 3_600_000d)));
        case "minute" -> time.plus(Duration.ofMillis(Math.round(amount * 60_000d)));
        default -> time.plus(Duration.ofMillis(Math.round(amount * 1000d)));
      };
    }
    switch (modifier) {
      case "start of day":
        return time.toLocalDate().atStartOfDay();
      case "start of month":
        return time.toLocalDate().withDayOfMonth(1).atStartOfDay();
      case "start of year":
        return time.toLocalDate().withDayOfYear(1).atStartOfDay();
      case "unixepoch", "utc", "auto":
        return time;
      case "localtime":
        return LocalDateTime.ofInstant(time.toInstant(ZoneOffset.UTC), ZoneId.systemDefault());
      default:
        break;
    }
    if (modifier.startsWith("weekday ")) {
      try {
        int wanted = Integer.parseInt(modifier.substring(8).trim());
        int today = time.getDayOfWeek().getValue() % 7;
        return time.plusDays(((wanted - today) % 7 + 7) % 7);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** SQLite moves the month and lets an impossible day overflow: Jan 31 + 1 month = Mar 2. */
  private static LocalDateTime plusMonths(LocalDateTime time, long months) {
    LocalDate first = time.toLocalDate().withDayOfMonth(1).plusMonths(months);
    return LocalDateTime.of(first.plusDays(time.getDayOfMonth() - 1L), time.toLocalTime());
  }

  private static LocalDateTime fromEpochMillis(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
        (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
  }

  private static double julianDay(LocalDateTime time) {
    long millis = time.toInstant(ZoneOffset.UTC).toEpochMilli();
    return millis / 86_400_000d + UNIX_EPOCH_JULIAN_DAY;
  }

  /** SQLite's strftime substitutions; an unknown one gives NULL. */
  static String format(String pattern, LocalDateTime time) {
    var out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 == pattern.length()) {
        out.append(c);
        continue;
      }
      char code = pattern.charAt(++i);
      switch (code) {
        case 'd' -> out.append(two(time.getDayOfMonth()));
        case 'e' -> out.append(String.format(Locale.ROOT, "%2d", time.getDayOfMonth()));
        case 'f' -> out.append(two(time.getSecond())).append('.')
            .append(String.format(Locale.ROOT, "%03d", time.getNano() / 1_000_000));
        case 'F' -> out.append(time.toLocalDate());
        case 'H' -> out.append(two(time.getHour()));
        case 'j' -> out.append(String.format(Locale.ROOT, "%03d", time.getDayOfYear()));
        case 'J' -> out.append(SqliteValues.realText(julianDay(time)));
        case 'm' -> out.append(two(time.getMonthValue()));
        case 'M' -> out.append(two(time.getMinute()));
        case 's' -> out.append(time.toEpochSecond(ZoneOffset.UTC));
        case 'S' -> out.append(two(time.getSecond()));
        case 'T' -> out.append(format("%H:%M:%S", time));
        case 'u' -> out.append(time.getDayOfWeek().getValue());
        case 'w' -> out.append(time.getDayOfWeek().getValue() % 7);
        case 'W' -> out.append(two(mondayWeek(time.toLocalDate())));
        case 'V' -> out.append(two(time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        case 'Y' -> out.append(String.format(Locale.ROOT, "%04d", time.getYear()));
        case '%' -> out.append('%');
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }

  /** Week of the year with weeks starting on Monday, the first Monday starting week 01. */
  private static int mondayWeek(LocalDate day) {
    int dayOfYear = day.getDayOfYear() - 1;
    int weekdayFromMonday = day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
    return (dayOfYear + 7 - weekdayFromMonday) / 7;
  }

  private static String two(int value) {
    return String.format(Locale.ROOT, "%02d", value);
  }
}
