/** Premigration assessment roles a connector may implement, and the results they report. */
package io.opendms.spi.assess;
