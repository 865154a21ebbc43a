package io.opendms.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a server runs.
 *
 * @param port the HTTP port; 0 picks a free one (tests)
 * @param bindAddress the address to listen on
 * @param dataDir metadata (H2), keys, task state
 * @param store {@code --store}: null for the H2 file, else a PostgreSQL URL
 * @param region the region in ARNs and SigV4 scopes
 * @param accountId the 12-digit account in ARNs
 * @param insecureNoAuth serve unsigned requests (explicit opt-in only)
 * @param environment where keys may come from ({@code OPENDMS_*} variables)
 * @param metricsPublic serve {@code /metrics} without authentication (for Prometheus scrapers
 *     that cannot send HTTP Basic credentials)
 */
public record ServerConfig(
    int port, String bindAddress, Path dataDir, String store, String region, String accountId,
    boolean insecureNoAuth, Map<String, String> environment, boolean metricsPublic) {

  /** A server whose /metrics needs authentication. */
  public ServerConfig(int port, String bindAddress, Path dataDir, String store, String region,
      String accountId, boolean insecureNoAuth, Map<String, String> environment) {
    this(port, bindAddress, dataDir, store, region, accountId, insecureNoAuth, environment, false);
  }

  public ServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    environment = Map.copyOf(environment);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0-65535, got " + port);
    }
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("--account-id must be 12 digits, got " + accountId);
    }
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new IllegalArgumentException("--region must look like us-east-1, got " + region);
    }
  }
}
