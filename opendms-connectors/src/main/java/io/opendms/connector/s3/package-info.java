/**
 * The S3 target (DMS engine name {@code s3}): DMS's layout {@code
 * BucketFolder/schema/table/LOAD00000001.csv} for the full load and time-named CDC files with the
 * {@code Op} column, as CSV or Parquet, streamed into uploads with the AWS SDK for Java v2. A
 * file's upload completes before the engine stores the source position (at least once, {@link
 * io.opendms.spi.change.ChangeDelivery}).
 */
package io.opendms.connector.s3;
