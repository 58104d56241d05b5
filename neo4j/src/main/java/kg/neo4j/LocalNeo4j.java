package kg.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A real Neo4j Community DBMS (embedded) that serves Bolt, for local development and tests.
 *
 * <p>Usage: {@code java -cp target/classes:lib/* kg.neo4j.LocalNeo4j HOME_DIR [HOST] [PORT]}
 * (defaults 127.0.0.1 and 7687). Data and logs go under HOME_DIR. Authentication is off, so
 * it only listens on the loopback interface by default. Runs until SIGTERM / SIGINT, then
 * shuts the DBMS down cleanly.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: LocalNeo4j HOME_DIR [HOST] [PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : BoltConnector.DEFAULT_PORT;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Small footprint: this is a test / dev database, not a production one.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LocalNeo4j: shutting down");
            dbms.shutdown();
            System.out.println("LocalNeo4j: stopped");
            stopped.countDown();
        }, "neo4j-shutdown"));

        System.out.println("LocalNeo4j: Neo4j " + neo4jVersion() + " Bolt on bolt://" + host + ":"
                + port + " (home " + home + ")");
        stopped.await();
    }

    private static String neo4jVersion() {
        String v = DatabaseManagementService.class.getPackage().getImplementationVersion();
        return v == null ? "5.26" : v;
    }
}
