/** Fixtures for integration tests against the real local services; no mocks of databases. */
package io.opendms.testkit;
