/**
 * Schema conversion: what a source knows about its tables beyond columns and primary key
 * (defaults, identity, indexes, foreign keys, and the objects it cannot hand over), and the target
 * dialects that turn it into DDL. Values here are immutable records validated in their
 * constructors.
 */
package io.opendms.spi.schema;
