package io.opendms.spi.schema;

import java.util.List;

/**
 * Target DDL and what did not make it.
 *
 * @param statements the statements in the order to run them, without trailing semicolons
 * @param skipped what was not converted and why: the source's own list plus the dialect's
 */
public record ConvertedSchema(List<String> statements, List<SkippedObject> skipped) {
  public ConvertedSchema {
    statements = List.copyOf(statements);
    skipped = List.copyOf(skipped);
  }
}
