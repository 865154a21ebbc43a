package io.opendms.connector.dynamodb;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that classifies DynamoDB failures: the service unreachable or asking to retry is
 * transient ({@link ErrorCode#CONNECTION_FAILED}, the engine retries the task), a refused request
 * is not. The SDK's own exception stays the cause.
 */
final class DynamoDbCalls {
  private DynamoDbCalls() {}

  /** Runs a request; {@code what} says what it does and where, for the message. */
  static <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkClientException e) {
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, what + " failed: " + e.getMessage(),
          e);
    } catch (SdkException e) {
      throw new OpenDmsException(e.retryable() ? ErrorCode.CONNECTION_FAILED
          : ErrorCode.TARGET_WRITE_FAILED, what + " failed: " + e.getMessage(), e);
    }
  }
}
