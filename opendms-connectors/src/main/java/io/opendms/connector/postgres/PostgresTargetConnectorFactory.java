package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/**
 * Creates PostgreSQL targets (engine names {@code postgres}, {@code postgresql}, {@code
 * aurora-postgresql}); found through {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class PostgresTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return PostgresEngine.ENGINE_NAMES;
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return PostgresTargetConnector.open(endpoint);
  }

  @Override
  public boolean appliesChanges() {
    return true;
  }
}
