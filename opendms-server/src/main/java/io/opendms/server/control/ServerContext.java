package io.opendms.server.control;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.server.store.MetadataStore;
import io.opendms.server.store.SecretCipher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What every control service needs.
 *
 * @param region the AWS region the server answers as
 * @param accountId the 12-digit account in ARNs
 * @param dataDir task state and logs
 * @param store the metadata store
 * @param cipher seals secrets before they are stored
 * @param connectors the engines of this build
 * @param clock time for creation dates and events
 */
public record ServerContext(
    String region, String accountId, Path dataDir, MetadataStore store, SecretCipher cipher,
    ConnectorRegistry connectors, Clock clock) {

  public ServerContext {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cipher, "cipher");
    Objects.requireNonNull(connectors, "connectors");
    Objects.requireNonNull(clock, "clock");
  }
}
