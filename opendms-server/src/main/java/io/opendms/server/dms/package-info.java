/**
 * DMS vocabulary shared by the API, authentication and control layers: fault names, the JSON
 * mapper and timestamp form, typed access to request members, pagination and filters.
 */
package io.opendms.server.dms;
