package io.opendms.engine.cdc;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Removes spill segments a crashed run left: they are never read again. */
final class SpillDirectory {
  private SpillDirectory() {}

  static void clear(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(".cdc")) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INTERNAL, "cannot clear spill directory " + directory + ": " + e, e);
    }
  }
}
