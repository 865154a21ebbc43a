package io.opendms.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket of its own on the local S3Proxy that {@code scripts/services.sh up} starts
 * (http://127.0.0.1:9000, identity and credential {@code test}), read with the AWS SDK for Java
 * v2, emptied and deleted on {@link #close()}. {@link #stopStore()} and {@link #startStore()} stop
 * and restart that S3Proxy process.
 */
public final class TestingS3 implements AutoCloseable {
  public static final String ENDPOINT =
      System.getProperty("opendms.test.s3.endpoint", "http://127.0.0.1:9000");
  public static final String KEY = "test";

  private final String bucket;
  private final S3Client client;

  private TestingS3(String bucket, S3Client client) {
    this.bucket = bucket;
    this.client = client;
  }

  /** Creates a bucket with a unique name. */
  public static TestingS3 create(String prefix) {
    S3Client client = S3Client.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(ENDPOINT)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
        .build();
    String bucket = UniqueNames.database(prefix).replace('_', '-');
    client.createBucket(b -> b.bucket(bucket));
    return new TestingS3(bucket, client);
  }

  public String bucket() {
    return bucket;
  }

  /** {@code s3://bucket/folder?endpoint=...&AccessKeyId=test&SecretAccessKey=test} + {@code extra}. */
  public String uri(String folder, String extraQuery) {
    return "s3://" + bucket + "/" + folder + "?endpoint=" + ENDPOINT + "&AccessKeyId=" + KEY
        + "&SecretAccessKey=" + KEY + extraQuery;
  }

  /** Every key under {@code prefix}, in name order. */
  public List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
        .forEach(o -> keys.add(o.key()));
    keys.sort(null);
    return keys;
  }

  /** The object's size in bytes. */
  public long size(String key) {
    return client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
  }

  public byte[] get(String key) {
    ResponseBytes<?> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    return bytes.asByteArray();
  }

  /** Stops the S3Proxy process that scripts/services.sh started. */
  public static void stopStore() {
    ServiceScript.run("down", "s3proxy");
  }

  /** Starts it again and waits until it answers. */
  public static void startStore() {
    ServiceScript.run("up", "s3proxy");
  }

  @Override
  public void close() {
    try {
      for (String key : keys("")) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
      }
      client.deleteBucket(b -> b.bucket(bucket));
    } catch (RuntimeException e) {
      // the store is down or the bucket already gone
    } finally {
      client.close();
    }
  }
}
