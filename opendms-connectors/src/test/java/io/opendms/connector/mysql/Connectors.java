package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.source.SourceConnectorFactory;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.ServiceLoader;

/**
 * Opens connectors of any engine through {@link ServiceLoader}, as the engine does, so that tests
 * of this package need not import a sibling connector.
 */
final class Connectors {

  private Connectors() {}

  static SourceConnector source(EndpointConfig endpoint) {
    return ServiceLoader.load(SourceConnectorFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.engineNames().contains(endpoint.engine()))
        .findFirst().orElseThrow().open(endpoint);
  }

  static TargetConnector target(EndpointConfig endpoint) {
    return ServiceLoader.load(TargetConnectorFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.engineNames().contains(endpoint.engine()))
        .findFirst().orElseThrow().open(endpoint);
  }
}
