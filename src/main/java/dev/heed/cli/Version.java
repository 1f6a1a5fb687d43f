package dev.heed.cli;

import picocli.CommandLine;

/** Version from the jar manifest when packaged, else the development marker. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"heed " + (v == null ? "dev" : v) + " (libtorch 2.10.0, JavaCPP 1.5.13, Java " + System.getProperty("java.version") + ")"};
    }
}
