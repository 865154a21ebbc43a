/**
 * Amazon DynamoDB target (DMS engine {@code dynamodb}): one table per source table, keyed as the
 * table's object-mapping rule says (else by its primary key), one item per row ({@code
 * map-record-to-record}) or the row folded into a {@code _doc} map ({@code
 * map-record-to-document}); BatchWriteItem in 25s with unprocessed items retried.
 */
package io.opendms.connector.dynamodb;
