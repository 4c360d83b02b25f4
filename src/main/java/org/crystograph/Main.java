package org.crystograph;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.crystograph.cli.CrystographCommand;
import org.crystograph.cli.EmbeddedDatabase;

/**
 * Process entry point. {@code serve} boots Quarkus (after starting an embedded PostgreSQL when no datasource URL is
 * configured); every other command runs through picocli without starting Quarkus, HTTP or a database.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    /** Dispatches to the service or to the command line. */
    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("serve")) {
            EmbeddedDatabase.startUnlessConfigured();
            Quarkus.run(args);
            return;
        }
        int code = CrystographCommand.commandLine().execute(args);
        System.exit(code);
    }
}
