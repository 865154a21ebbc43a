/**
 * Comparing a table's rows on two endpoints in place: key ranges, per-range digests computed by
 * the databases, and the rows of a range when its digests differ. Connectors that can take part
 * in validation implement {@link io.opendms.spi.validation.ComparableEndpoint}.
 */
package io.opendms.spi.validation;
