package io.opendms.server;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.server.api.ApiHandler;
import io.opendms.server.api.DmsOperations;
import io.opendms.server.auth.AccessKeys;
import io.opendms.server.auth.RequestAuthenticator;
import io.opendms.server.auth.SigV4Authenticator;
import io.opendms.server.console.ServerRoutes;
import io.opendms.server.control.ControlPlane;
import io.opendms.server.control.ServerContext;
import io.opendms.server.metrics.MetricsService;
import io.opendms.server.store.MetadataStore;
import io.opendms.server.store.SecretCipher;
import io.opendms.server.store.StoreLocation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replication instance: the DMS API, the console and /metrics on one port, the metadata
 * store, and the task threads.
 * {@link #start} returns once it serves; {@link #close} stops tasks (to be resumed on the next
 * start), the HTTP server and the store.
 */
public final class OpenDmsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenDmsServer.class);

  private final MetadataStore store;
  private final ControlPlane control;
  private final MetricsService metrics;
  private final Server http;

  private OpenDmsServer(MetadataStore store, ControlPlane control, MetricsService metrics, Server http) {
    this.store = store;
    this.control = control;
    this.metrics = metrics;
    this.http = http;
  }

  public static OpenDmsServer start(ServerConfig config, PrintStream announce) throws Exception {
    Files.createDirectories(config.dataDir());
    AccessKeys keys = config.insecureNoAuth() ? null
        : AccessKeys.load(config.environment(), config.dataDir(), announce);
    RequestAuthenticator authenticator = keys == null
        ? RequestAuthenticator.NONE
        : new SigV4Authenticator(keys, config.region(), Clock.systemUTC());
    SecretCipher cipher =
        SecretCipher.load(config.dataDir(), config.environment().get(SecretCipher.ENVIRONMENT_VARIABLE));
    StoreLocation location = StoreLocation.parse(config.store(), config.dataDir());
    MetadataStore store = MetadataStore.open(location);
    ControlPlane control;
    MetricsService metrics = null;
    Server http;
    try {
      control = new ControlPlane(new ServerContext(config.region(), config.accountId(), config.dataDir(),
          store, cipher, ConnectorRegistry.load(), Clock.systemUTC()));
      QueuedThreadPool threads = new QueuedThreadPool(32, 4);
      threads.setName("opendms-http");
      http = new Server(threads);
      ServerConnector connector = new ServerConnector(http);
      connector.setHost(config.bindAddress());
      connector.setPort(config.port());
      http.addConnector(connector);
      metrics = MetricsService.start(control.tasks(), store.metricHistory(), config.dataDir(), Clock.systemUTC());
      var operations = DmsOperations.of(control);
      http.setHandler(new ServerRoutes(new ApiHandler(operations, authenticator), operations, control.tasks(),
          metrics, keys, config.metricsPublic(), Clock.systemUTC()));
      http.start();
    } catch (Exception e) {
      if (metrics != null) {
        metrics.close();
      }
      store.close();
      throw e;
    }
    control.tasks().resumeInterrupted();
    var server = new OpenDmsServer(store, control, metrics, http);
    log.info("OpenDMS serving the DMS API and the console on http://{}:{}/ (store {}, data {}{})", config.bindAddress(),
        server.port(), location.describe(), config.dataDir(), config.insecureNoAuth() ? ", NO AUTH" : "");
    return server;
  }

  public int port() {
    return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
  }

  /** Blocks until the HTTP server stops. */
  public void join() throws InterruptedException {
    http.join();
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      log.warn("stopping the HTTP server: {}", e.toString());
    }
    metrics.close();
    control.close();
    store.close();
  }

}
