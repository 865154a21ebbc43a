package io.opendms.connector.s3;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * DMS's date folders for CDC files: {@code DatePartitionSequence} orders year, month, day (and
 * hour), {@code DatePartitionDelimiter} joins them; dates in {@code DatePartitionTimezone}.
 *
 * @param sequence YYYYMMDD, YYYYMMDDHH, YYYYMM, MMYYYYDD or DDMMYYYY
 * @param delimiter SLASH, UNDERSCORE, DASH or NONE
 * @param zone the time zone of the dates (UTC unless DatePartitionTimezone says otherwise)
 */
record DatePartitioning(String sequence, String delimiter, ZoneId zone) {

  DatePartitioning(String sequence, String delimiter) {
    this(sequence, delimiter, ZoneOffset.UTC);
  }

  /** The folder path for a change committed at {@code time}, without leading or trailing '/'. */
  String folder(Instant time) {
    ZonedDateTime utc = time.atZone(zone);
    String year = String.format("%04d", utc.getYear());
    String month = String.format("%02d", utc.getMonthValue());
    String day = String.format("%02d", utc.getDayOfMonth());
    List<String> parts = new ArrayList<>(switch (sequence) {
      case "YYYYMM" -> List.of(year, month);
      case "MMYYYYDD" -> List.of(month, year, day);
      case "DDMMYYYY" -> List.of(day, month, year);
      default -> List.of(year, month, day);
    });
    if (sequence.equals("YYYYMMDDHH")) {
      parts.add(String.format("%02d", utc.getHour()));
    }
    String joiner = switch (delimiter) {
      case "UNDERSCORE" -> "_";
      case "DASH" -> "-";
      case "NONE" -> "";
      default -> "/";
    };
    return String.join(joiner, parts);
  }
}
