package io.opendms.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = OpenDmsCli.class.getPackage().getImplementationVersion();
    return new String[] {"opendms " + (version == null ? "development" : version)};
  }
}
