package io.opendms.engine.mapping.expression;

/**
 * The source operation a row comes from. A full load reads rows as {@link #LOAD}; DMS then
 * reports them as inserts to {@code operation_indicator}.
 */
public enum RowOperation {
  LOAD,
  INSERT,
  UPDATE,
  DELETE
}
