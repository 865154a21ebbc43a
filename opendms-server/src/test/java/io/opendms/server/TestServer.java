package io.opendms.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.server.dms.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An in-process server on a free port with a temporary data directory, and the real AWS CLI
 * pointed at it. One per test class; {@link #restart()} keeps the data directory.
 */
public final class TestServer implements AutoCloseable {
  public static final String KEY_ID = "AKIDOPENDMSTEST";
  public static final String SECRET = "opendms-test-secret-key";

  private final Path dataDir;
  private final String store;
  private final boolean insecure;
  private OpenDmsServer server;

  private TestServer(Path dataDir, String store, boolean insecure) {
    this.dataDir = dataDir;
    this.store = store;
    this.insecure = insecure;
  }

  public static TestServer start(String store, boolean insecure) {
    try {
      var test = new TestServer(Files.createTempDirectory("opendms-server-"), store, insecure);
      test.boot();
      return test;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void boot() {
    try {
      server = OpenDmsServer.start(new ServerConfig(0, "127.0.0.1", dataDir, store, "us-east-1",
          "123456789012", insecure,
          Map.of("OPENDMS_ACCESS_KEY_ID", KEY_ID, "OPENDMS_SECRET_ACCESS_KEY", SECRET)), System.out);
    } catch (Exception e) {
      throw new IllegalStateException("server did not start: " + e, e);
    }
  }

  /** Stops the server as a shutdown would, then starts it again on the same data. */
  public void restart() {
    stopServer();
    startAgain();
  }

  /** Stops the server, keeping the data directory, as a shutdown (or a kill) leaves it. */
  public void stopServer() {
    server.close();
  }

  public void startAgain() {
    boot();
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public int port() {
    return server.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Runs {@code aws dms ARGS --output json} and returns what happened. */
  public CliResult dms(String... args) {
    return aws(SECRET, args);
  }

  public CliResult aws(String secret, String... args) {
    List<String> command = new ArrayList<>(List.of(awsCli(), "--endpoint-url", url(), "--output", "json", "dms"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", secret);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    try {
      Path out = Files.createTempFile("aws-out", ".json");
      Path err = Files.createTempFile("aws-err", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("aws " + args[0] + " did not finish in 120 s");
      }
      var result = new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** /usr/bin/aws (CLI v2 from Debian) when present, else whatever aws is on PATH. */
  static String awsCli() {
    return Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
  }

  @Override
  public void close() {
    server.close();
  }

  /** What one CLI run printed; {@link #json()} parses standard output. */
  public record CliResult(int exitCode, String stdout, String stderr) {
    public JsonNode json() {
      if (exitCode != 0) {
        throw new AssertionError("aws failed (" + exitCode + "): " + stderr);
      }
      try {
        return Json.MAPPER.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("aws printed no JSON: " + stdout, e);
      }
    }
  }
}
