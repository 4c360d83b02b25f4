package org.crystograph.cli;

import picocli.CommandLine.Command;

/**
 * {@code crystograph serve}: starts the Quarkus service. Handled by {@link org.crystograph.Main} before picocli so
 * that Quarkus owns the process; this class exists for the help text.
 */
@Command(name = "serve", description = "Run the REST service (embedded PostgreSQL unless a datasource URL is configured).")
public final class ServeCommand implements Runnable {

    @Override
    public void run() {
        throw new IllegalStateException("serve is dispatched by Main");
    }
}
