/**
 * The expression language of DMS transformation rules ({@code add-column} and computed renames):
 * the SQLite dialect DMS evaluates, with {@code $column} references and {@code $AR_H_*} / {@code
 * $AR_M_*} header variables. Entry point: {@link io.opendms.engine.mapping.expression.Expression}.
 */
package io.opendms.engine.mapping.expression;
