package io.opendms.connector.s3;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket of an S3 endpoint through the AWS SDK's synchronous client: uploads, listings and
 * deletions, with SDK failures turned into {@link OpenDmsException}s naming the key (a store that
 * cannot be reached or answers 5xx is transient). Thread-safe.
 */
final class S3Store implements AutoCloseable {
  private final S3Client client;
  private final String bucket;

  private S3Store(S3Client client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** Connects and checks that the bucket exists (DMS does not create it either). */
  static S3Store open(EndpointConfig endpoint, S3Settings settings) {
    var builder = S3Client.builder().region(Region.of(settings.region()));
    if (!settings.endpoint().isEmpty()) {
      // S3-compatible stores rarely resolve bucket host names: address buckets by path.
      builder.endpointOverride(URI.create(settings.endpoint())).forcePathStyle(true);
    }
    if (!settings.accessKeyId().isEmpty()) {
      builder.credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    }
    S3Store store = new S3Store(builder.build(), settings.bucket());
    try {
      store.client.headBucket(b -> b.bucket(settings.bucket()));
    } catch (NoSuchBucketException e) {
      store.close();
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "S3Settings.BucketName: bucket "
          + settings.bucket() + " does not exist at " + describe(settings), e);
    } catch (SdkException e) {
      store.close();
      throw store.failure(e, "bucket " + settings.bucket() + " at " + describe(settings));
    }
    return store;
  }

  /** A part of a multipart upload, as its completion lists it. */
  record Part(int number, String etag) {}

  void put(String key, byte[] bytes) {
    try {
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw failure(e, "upload of s3://" + bucket + "/" + key);
    }
  }

  String startMultipart(String key) {
    try {
      return client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    } catch (SdkException e) {
      throw failure(e, "upload of s3://" + bucket + "/" + key);
    }
  }

  /**
   * Uploads the first {@code length} bytes of {@code bytes} as a part, read from the array as
   * it is ({@code RequestBody.fromBytes} would copy it first): the caller leaves it untouched
   * until this returns.
   */
  Part uploadPart(String key, String uploadId, int number, byte[] bytes, int length) {
    try {
      String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .partNumber(number), RequestBody.fromContentProvider(
              () -> new ByteArrayInputStream(bytes, 0, length), length,
              "application/octet-stream")).eTag();
      return new Part(number, etag);
    } catch (SdkException e) {
      throw failure(e, "upload of part " + number + " of s3://" + bucket + "/" + key);
    }
  }

  void completeMultipart(String key, String uploadId, List<Part> parts) {
    List<CompletedPart> completed = parts.stream().sorted(java.util.Comparator.comparingInt(Part::number))
        .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
    try {
      client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build()));
    } catch (SdkException e) {
      throw failure(e, "completion of s3://" + bucket + "/" + key);
    }
  }

  /** Never throws: an upload left behind only costs the parts' storage until it expires. */
  void abortMultipart(String key, String uploadId) {
    try {
      client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // the store is unreachable; nothing was completed, so nothing is visible
    }
  }

  /** Every key under {@code prefix}. */
  List<String> list(String prefix) {
    try {
      List<String> keys = new ArrayList<>();
      client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
          .forEach(o -> keys.add(o.key()));
      return keys;
    } catch (SdkException e) {
      throw failure(e, "listing of s3://" + bucket + "/" + prefix);
    }
  }

  /** Deletes every object under {@code prefix} (DMS: a dropped or truncated table's files). */
  void deleteAll(String prefix) {
    List<String> keys = list(prefix);
    try {
      for (int from = 0; from < keys.size(); from += 1000) {
        List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000))
            .stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        client.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).build()));
      }
    } catch (SdkException e) {
      throw failure(e, "deletion under s3://" + bucket + "/" + prefix);
    }
  }

  private OpenDmsException failure(SdkException e, String what) {
    boolean unreachable = e instanceof SdkClientException
        || (e instanceof S3Exception s3 && s3.statusCode() >= 500);
    return new OpenDmsException(unreachable ? ErrorCode.CONNECTION_FAILED
        : ErrorCode.TARGET_WRITE_FAILED, what + " failed: " + e.getMessage(), e);
  }

  private static String describe(S3Settings settings) {
    return settings.endpoint().isEmpty() ? "AWS region " + settings.region() : settings.endpoint();
  }

  @Override
  public void close() {
    client.close();
  }
}
