/** The {@code opendms} command line: subcommands, progress display, exit codes. */
package io.opendms.cli;
