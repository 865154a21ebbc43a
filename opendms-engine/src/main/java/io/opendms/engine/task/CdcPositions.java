package io.opendms.engine.task;

import io.opendms.spi.change.ChangeSourceConnector;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.SourcePosition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMS's {@code CdcStartPosition} and {@code CdcStopPosition} of a task.
 *
 * @param startPosition a native source position (PostgreSQL: an LSN such as {@code 0/16B3748};
 *     MySQL: {@code mysql-bin.000024:373}) or, as DMS allows, a UTC time {@code
 *     2018-03-08T12:12:12} (DMS's {@code CdcStartTime}), also given as a DMS recovery checkpoint; empty: from now
 * @param stopAtServerTime {@code server_time:<UTC timestamp>}: stop once the clock passes it
 * @param stopAtCommitTime {@code commit_time:<UTC timestamp>}: apply no transaction committed
 *     after it
 */
public record CdcPositions(
    Optional<String> startPosition, Optional<Instant> stopAtServerTime,
    Optional<Instant> stopAtCommitTime) {

  private static final Logger log = LoggerFactory.getLogger(CdcPositions.class);

  public static final CdcPositions NONE = new CdcPositions(Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Reads the two DMS fields, either may be null.
   *
   * @throws IllegalArgumentException naming the field and the forms it takes
   */
  public static CdcPositions parse(String start, String stop) {
    Optional<Instant> serverTime = Optional.empty();
    Optional<Instant> commitTime = Optional.empty();
    if (stop != null) {
      if (stop.startsWith("server_time:")) {
        serverTime = Optional.of(time(stop.substring("server_time:".length()), stop));
      } else if (stop.startsWith("commit_time:")) {
        commitTime = Optional.of(time(stop.substring("commit_time:".length()), stop));
      } else {
        throw new IllegalArgumentException("CdcStopPosition '" + stop + "' must be"
            + " server_time:YYYY-MM-DDTHH:MM:SS or commit_time:YYYY-MM-DDTHH:MM:SS (UTC)");
      }
    }
    return new CdcPositions(Optional.ofNullable(start).map(CdcPositions::nativePosition), serverTime, commitTime);
  }

  /**
   * DMS's recovery checkpoint for a native position, as {@code ReplicationTask.RecoveryCheckpoint}
   * shows it ({@code checkpoint:V1#1#0/16B3748#0#0#*#0#0}); {@link #parse} takes it back as a
   * start position.
   */
  public static String recoveryCheckpoint(String nativePosition) {
    return "checkpoint:V1#1#" + nativePosition + "#0#0#*#0#0";
  }

  /** A checkpoint's native position (its third field); any other text as it is. */
  private static String nativePosition(String start) {
    if (!start.startsWith("checkpoint:")) {
      return start;
    }
    String[] fields = start.substring("checkpoint:".length()).split("#");
    if (fields.length < 3 || !fields[0].equals("V1") || fields[2].isEmpty()) {
      throw new IllegalArgumentException("CdcStartPosition '" + start + "' is not a recovery"
          + " checkpoint like checkpoint:V1#1#0/16B3748#0#0#*#0#0");
    }
    return fields[2];
  }

  /**
   * Where a {@code CdcStartPosition} leads on {@code source}: a native position, or DMS's date
   * form {@code 2018-03-08T12:12:12} (UTC), which is {@code CdcStartTime}: the source finds the
   * position of that time.
   */
  static SourcePosition resolveStart(String text, ChangeSourceConnector source, String taskId) {
    try {
      Optional<Instant> time = startTime(text);
      if (time.isPresent()) {
        SourcePosition position = source.positionAt(time.get());
        log.info("task {}: CdcStartTime {} is position {}", taskId, time.get(), position.format());
        return position;
      }
      return source.parsePosition(text);
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "CdcStartPosition: " + e.getMessage());
    }
  }

  /** The time a {@code CdcStartPosition} in DMS's date form names; empty for a native position. */
  static Optional<Instant> startTime(String text) {
    if (!text.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("CdcStartPosition '" + text + "' is neither a native"
          + " position nor a UTC timestamp like 2018-03-08T12:12:12");
    }
  }

  private static Instant time(String text, String whole) {
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("CdcStopPosition '" + whole + "': '" + text
          + "' is not a UTC timestamp like 2018-02-09T12:12:12");
    }
  }
}
