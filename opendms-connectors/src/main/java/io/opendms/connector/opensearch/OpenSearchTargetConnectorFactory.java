package io.opendms.connector.opensearch;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/**
 * Opens OpenSearch targets (DMS engine names {@code opensearch} and {@code elasticsearch}, both
 * configured by {@code ElasticsearchSettings}).
 */
public final class OpenSearchTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return Set.of("opensearch", "elasticsearch");
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return OpenSearchTargetConnector.open(OpenSearchSettings.of(endpoint));
  }
}
