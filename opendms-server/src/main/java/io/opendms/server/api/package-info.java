/**
 * The AWS DMS API over HTTP: AWS JSON 1.1 dispatch on {@code X-Amz-Target}, request field
 * checks, pagination and filters, DMS shapes and DMS fault names.
 */
package io.opendms.server.api;
