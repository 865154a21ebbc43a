package io.opendms.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * {@code opendms migrate} in a child JVM on this module's test classpath, so that a test can kill
 * it with SIGKILL or stop it with SIGTERM like a user would. Its stderr goes to a file.
 */
final class ChildMigrate implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildMigrate(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildMigrate start(Path log, String... args) throws IOException {
    return start(log, List.of(), args);
  }

  /** Like {@link #start}, with the child's maximum heap ({@code -Xmx}) given. */
  static ChildMigrate startWithHeap(Path log, String maxHeap, String... args) throws IOException {
    // the last -Xmx of a command line is the one the JVM takes
    return start(log, List.of("-Xmx" + maxHeap), args);
  }

  /** @param properties extra {@code -Dname=value} options of the child JVM */
  static ChildMigrate start(Path log, List<String> properties, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dopendms.cdc.metrics.seconds=2", "-Dopendms.no.tables.poll.millis=500"));
    // JVM options of the test run for its children too (the pom sets them: see childJvmOptions)
    String childOptions = System.getProperty("opendms.test.childJvmOptions", "").trim();
    if (!childOptions.isEmpty()) {
      command.addAll(List.of(childOptions.split("\\s+")));
    }
    command.addAll(properties);
    command.addAll(List.of("-cp", classpath(), OpenDmsCli.class.getName(), "migrate"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .redirectError(log.toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return new ChildMigrate(process, log);
  }

  /** Waits until the log contains {@code text}; fails when the process exits first. */
  void awaitLog(String text, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("opendms exited " + process.exitValue() + " before '" + text + "':\n" + log());
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + log());
      }
      Thread.sleep(100);
    }
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGTERM, as Ctrl-C or a service manager would; returns the exit code. */
  int terminate() throws Exception {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      throw new AssertionError("opendms did not stop within 90 s of SIGTERM:\n" + log());
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook runs, nothing is saved. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  int waitFor(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("opendms still runs after " + timeout + ":\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The test classpath: Failsafe may hand the JVM a manifest-only jar that lists it. */
  /**
   * This JVM's class path less Hadoop, which only the tests' Parquet reader needs: the product
   * writes Parquet without it, and the child proves that.
   */
  private static String classpath() throws IOException {
    return String.join(File.pathSeparator, java.util.Arrays.stream(
            testClasspath().split(File.pathSeparator))
        .filter(entry -> !entry.contains("hadoop-client")).toList());
  }

  private static String testClasspath() throws IOException {
    String classpath = System.getProperty("java.class.path");
    String[] entries = classpath.split(File.pathSeparator);
    if (entries.length == 1 && entries[0].endsWith(".jar")) {
      try (JarFile jar = new JarFile(entries[0])) {
        Manifest manifest = jar.getManifest();
        String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (listed != null) {
          List<String> paths = new ArrayList<>();
          for (String url : listed.trim().split("\\s+")) {
            paths.add(Path.of(java.net.URI.create(url)).toString());
          }
          return String.join(File.pathSeparator, paths);
        }
      }
    }
    return classpath;
  }
}
