package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.SourceConnectorFactory;
import java.util.Set;

/**
 * Creates PostgreSQL sources (engine names {@code postgres}, {@code postgresql}, {@code
 * aurora-postgresql}); found through {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class PostgresSourceConnectorFactory implements SourceConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return PostgresEngine.ENGINE_NAMES;
  }

  @Override
  public SourceConnector open(EndpointConfig endpoint) {
    // a smaller minimum only for tests that split small tables (a child process's -D option)
    return PostgresSourceConnector.open(endpoint, Long.getLong("opendms.pg.min.partition.bytes",
        BlockRangePartitioner.DEFAULT_MIN_PARTITION_BYTES));
  }

  @Override
  public boolean capturesChanges() {
    return true;
  }
}
