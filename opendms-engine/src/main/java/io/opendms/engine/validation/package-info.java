/**
 * Data validation: compares each table's rows on source and target by primary-key ranges, with
 * digests computed inside the databases, and row by row only where they differ; records and
 * optionally repairs the differences. {@link io.opendms.engine.validation.ValidationRunner} is
 * the entry point.
 */
package io.opendms.engine.validation;
