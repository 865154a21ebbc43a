package io.opendms.server.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A deleted task's state directory, {@code <data-dir>/tasks/<id>}, goes with it. */
final class TaskFiles {
  private static final Logger log = LoggerFactory.getLogger(TaskFiles.class);

  private TaskFiles() {}

  static void delete(Path dataDir, String taskId) {
    Path directory = dataDir.resolve("tasks").resolve(taskId);
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("could not delete the state of task {} in {}: {}", taskId, directory, e.toString());
    }
  }
}
