package io.opendms.spi.schema;

import java.util.Set;

/**
 * Writes a target engine's DDL for a source schema: the same CREATE TABLE a full-load task runs,
 * then defaults, identity, unique and secondary indexes, and foreign keys last (so that tables may
 * reference each other in any order). Found through {@link java.util.ServiceLoader}; stateless
 * and thread-safe; never touches a database.
 */
public interface SchemaDialect {

  /** The engine names whose DDL it writes. */
  Set<String> engineNames();

  /** Converts the schema; what cannot be converted is listed, never silently dropped. */
  ConvertedSchema convert(SourceSchema schema);
}
