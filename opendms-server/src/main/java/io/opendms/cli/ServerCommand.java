package io.opendms.cli;

import io.opendms.server.OpenDmsServer;
import io.opendms.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opendms server}: one replication instance serving the DMS API until stopped. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the AWS DMS API (AWS JSON 1.1, SigV4), the web console (/) and /metrics, and run",
      "replication tasks in this process.",
      "Use it with: aws dms ... --endpoint-url http://HOST:PORT --region REGION"
    })
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9090", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "opendms-data",
      description = "Metadata, keys and task state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "Metadata store: postgresql://user:pass@host:port/db; default: an H2 file in the data directory.")
  String store;

  @Option(names = "--region", defaultValue = "us-east-1", description = "Region in ARNs and signatures (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(names = "--account-id", defaultValue = "000000000000", description = "Account in ARNs (default: ${DEFAULT-VALUE}).")
  String accountId;

  @Option(names = "--insecure-no-auth", description = "Serve requests without checking their signature.")
  boolean insecureNoAuth;

  @Option(names = "--metrics-public",
      description = "Serve /metrics without authentication (default: HTTP Basic with an access key id and secret).")
  boolean metricsPublic;

  @Override
  public Integer call() throws Exception {
    ServerConfig config;
    try {
      config = new ServerConfig(port, bind, dataDir, store, region, accountId, insecureNoAuth, System.getenv(),
          metricsPublic);
    } catch (IllegalArgumentException e) {
      System.err.println("opendms server: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    OpenDmsServer server = OpenDmsServer.start(config, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "opendms-shutdown"));
    System.out.println("OpenDMS listening on http://" + bind + ":" + server.port() + "/ (console: same URL in a browser)");
    server.join();
    return 0;
  }
}
