package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.SourceConnectorFactory;
import java.util.Set;

/**
 * Creates MySQL/MariaDB sources (engine names {@code mysql}, {@code mariadb}, {@code aurora});
 * found through {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class MySqlSourceConnectorFactory implements SourceConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return MySqlEngine.ENGINE_NAMES;
  }

  @Override
  public SourceConnector open(EndpointConfig endpoint) {
    return MySqlSourceConnector.open(endpoint, KeyRangePartitioner.DEFAULT_MIN_PARTITION_ROWS);
  }
}
