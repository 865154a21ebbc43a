package io.opendms.engine.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps a task's {@link TaskState} in {@code <dataDir>/tasks/<taskId>/state.json}, written
 * atomically (temp file, fsync, rename) so a crash leaves the previous or the new state, never a
 * torn one. Holds an exclusive lock on the task directory while open, so two processes never run
 * the same task. Thread-safe.
 */
public final class TaskStateStore implements AutoCloseable {
  private static final String DELIVERED_POSITION = "delivered-position.json";
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,254}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private TaskStateStore(Path directory, FileChannel lockChannel, FileLock lock) {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating) the task's directory and locks it.
   *
   * @throws OpenDmsException INVALID_PARAMETER for a task id DMS would refuse, or when another
   *     process runs the task
   */
  public static TaskStateStore open(Path dataDir, String taskId) {
    checkTaskId(taskId);
    Path directory = dataDir.resolve("tasks").resolve(taskId);
    try {
      Files.createDirectories(directory);
      FileChannel channel =
          FileChannel.open(
              directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new OpenDmsException(
            ErrorCode.INVALID_PARAMETER,
            "task '" + taskId + "' is already running (its directory " + directory
                + " is locked by another process)");
      }
      return new TaskStateStore(directory, channel, lock);
    } catch (IOException e) {
      throw new OpenDmsException(
          ErrorCode.INVALID_PARAMETER, "cannot use data directory " + directory + ": " + e, e);
    }
  }

  /**
   * Checks a task id against DMS's identifier rules (which also keep it a safe directory name).
   *
   * @throws OpenDmsException INVALID_PARAMETER saying which rule it breaks
   */
  public static void checkTaskId(String taskId) {
    if (!TASK_ID.matcher(taskId).matches() || taskId.contains("--") || taskId.endsWith("-")) {
      throw new OpenDmsException(
          ErrorCode.INVALID_PARAMETER,
          "task id '" + taskId + "' is not a valid identifier: it must start with a letter, hold"
              + " only letters, digits and hyphens, not end with a hyphen nor contain two in a"
              + " row, and be at most 255 characters");
    }
  }

  public Path directory() {
    return directory;
  }

  /** The saved state, if the task ran before. */
  public synchronized Optional<TaskState> load() {
    Path file = directory.resolve("state.json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), TaskState.class));
    } catch (IOException e) {
      throw new OpenDmsException(
          ErrorCode.TASK_STATE_CORRUPT,
          "cannot read task state " + file + ": " + e.getMessage()
              + " (start with --start reload-target to begin again)",
          e);
    }
  }

  /** Replaces the saved state durably. */
  public synchronized void save(TaskState state) {
    Path file = directory.resolve("state.json");
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(state);
    } catch (IOException e) {
      throw new OpenDmsException(
          ErrorCode.INTERNAL, "cannot write task state " + file + ": " + e.getMessage(), e);
    }
    DurableFile.replace(file, bytes, "task state");
  }

  /**
   * The position stored by {@link #saveDeliveredPosition} for a target that cannot store it
   * itself (a {@link io.opendms.spi.change.DeliveryTargetConnector}); empty when none was.
   */
  public synchronized Optional<StoredPosition> loadDeliveredPosition() {
    Path file = directory.resolve(DELIVERED_POSITION);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), StoredPosition.class));
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.TASK_STATE_CORRUPT, "cannot read the delivered position "
          + file + ": " + e.getMessage() + " (start with --start reload-target to begin again)", e);
    }
  }

  /** Replaces the delivered position durably: after it returns a crash cannot lose it. */
  public synchronized void saveDeliveredPosition(StoredPosition position) {
    Path file = directory.resolve(DELIVERED_POSITION);
    try {
      DurableFile.replace(file, JSON.writeValueAsBytes(position), "the delivered position");
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INTERNAL, "cannot write the delivered position " + file
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // The lock dies with the channel or the process; nothing to recover.
    }
  }
}
