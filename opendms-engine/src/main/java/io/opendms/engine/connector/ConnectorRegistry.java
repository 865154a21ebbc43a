package io.opendms.engine.connector;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnectorFactory;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The connectors on the class path, found through {@link ServiceLoader}, by engine name. The
 * engine knows connectors only through this registry and the SPI. Immutable after construction.
 */
public final class ConnectorRegistry {
  private final Map<String, SourceConnectorFactory> sources;
  private final Map<String, TargetConnectorFactory> targets;

  private ConnectorRegistry(
      Map<String, SourceConnectorFactory> sources, Map<String, TargetConnectorFactory> targets) {
    this.sources = sources;
    this.targets = targets;
  }

  /** Loads every factory visible to this class's class loader. */
  public static ConnectorRegistry load() {
    return new ConnectorRegistry(
        byEngineName(ServiceLoader.load(SourceConnectorFactory.class), f -> f.engineNames()),
        byEngineName(ServiceLoader.load(TargetConnectorFactory.class), f -> f.engineNames()));
  }

  public SourceConnectorFactory source(String engine) {
    return find(sources, engine, "source");
  }

  public TargetConnectorFactory target(String engine) {
    return find(targets, engine, "target");
  }

  private static <F> F find(Map<String, F> factories, String engine, String role) {
    F factory = factories.get(engine.toLowerCase(Locale.ROOT));
    if (factory == null) {
      throw new OpenDmsException(
          ErrorCode.UNKNOWN_ENGINE,
          "engine '" + engine + "' cannot be a " + role + " endpoint in this build; "
              + role + " engines available: " + String.join(", ", factories.keySet()));
    }
    return factory;
  }

  private static <F> Map<String, F> byEngineName(
      Iterable<F> factories, Function<F, java.util.Set<String>> names) {
    var byName = new TreeMap<String, F>();
    for (F factory : factories) {
      for (String name : names.apply(factory)) {
        byName.put(name.toLowerCase(Locale.ROOT), factory);
      }
    }
    return byName;
  }
}
