package io.opendms.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's {@code scripts/services.sh} for one service, so that a test can stop and
 * start the broker or store that script started (and only that one).
 */
final class ServiceScript {
  private ServiceScript() {}

  /** {@code scripts/services.sh COMMAND SERVICE}; fails with the script's output. */
  static void run(String command, String service) {
    Path script = find();
    List<String> line = new ArrayList<>(List.of("bash", script.toString(), command, service));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed:\n" + new String(output));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + script, e);
    }
  }

  /** The script in the nearest directory above the working directory that holds it. */
  private static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts/services.sh");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("no scripts/services.sh above " + Path.of("").toAbsolutePath());
  }
}
