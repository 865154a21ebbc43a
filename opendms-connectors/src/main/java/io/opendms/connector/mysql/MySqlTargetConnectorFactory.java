package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/**
 * Creates MySQL/MariaDB targets (engine names {@code mysql}, {@code mariadb}, {@code aurora});
 * found through {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class MySqlTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return MySqlEngine.ENGINE_NAMES;
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return MySqlTargetConnector.open(endpoint);
  }
}
