package org.policygraph.neo4j;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.Version;
import org.neo4j.server.configuration.ConfigurableServerModules;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Starts Neo4j Community in-process with a Bolt connector on loopback (no HTTP unless --http-port; the
 * user neo4j with the password from $NEO4J_EMBEDDED_PASSWORD) and reports on stdout:
 *
 * <pre>
 *   NEO4J_READY bolt://127.0.0.1:7687 5.26.30      once Bolt accepts connections
 *   NEO4J_READY bolt://127.0.0.1:7687 5.26.30 http://127.0.0.1:7474
 *                                                  the same, with --http-port, once HTTP answers too
 *   NEO4J_ERROR PORT_IN_USE|START_FAILED message   on failure (then exits non-zero)
 *   NEO4J_STOPPED                                  after a clean shutdown
 * </pre>
 *
 * Everything else the JVM or Neo4j would print on stdout is redirected to stderr, so the protocol
 * lines are the only stdout output. Stops on SIGTERM/SIGINT (shutdown hook) and when stdin reaches
 * EOF, so the parent holding the stdin pipe can never leave an orphaned JVM behind.
 *
 * <p>Arguments (all optional): --host 127.0.0.1, --port 7687, --data-dir .data/neo4j,
 * --page-cache 512m, --tx-timeout 30s, --ready-timeout 120s, --tx-memory 512m, --tx-memory-total 0,
 * --http-port 0 (off), --no-stdin-watch. LOAD CSV cannot read files (file: URLs are off and its import
 * root is an empty folder), and each transaction's memory is capped.
 *
 * <p>--http-port N (benchmarks only; the app never sets it) also opens Neo4j's own HTTP server on
 * 127.0.0.1:N, whatever --host says, with the Query API (POST /db/{database}/query/v2) as its only
 * module, behind the same password as Bolt. No extra code is needed for it: the `neo4j` artifact
 * already depends on neo4j-server (Jetty, Jersey), and DatabaseManagementServiceFactory starts the
 * Community web server whenever the HTTP connector is enabled, embedded or not.
 */
public final class EmbeddedNeo4j {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_PORT_IN_USE = 2;
    static final int EXIT_BAD_ARGS = 64;

    /** The real stdout, reserved for the protocol lines. */
    private static final PrintStream PROTOCOL =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private static final AtomicBoolean STOPPING = new AtomicBoolean(false);
    private static volatile DatabaseManagementService service;
    /** Counted down once build() has returned or failed. */
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    /** How long a stop that arrives mid-start waits for the start to finish, so it can shut down cleanly. */
    private static final long STOP_DURING_START_WAIT_SECONDS = 15;

    private EmbeddedNeo4j() {}

    /** Parsed command line. */
    static final class Options {
        String host = "127.0.0.1";
        int port = 7687;
        Path dataDir = Path.of(".data", "neo4j");
        String pageCache = "512m";
        String txTimeout = "30s";
        String readyTimeout = "120s";
        /** Most memory one transaction may use; "0" for no limit. */
        String txMemory = "512m";
        /** Most memory all transactions together may use; "0" for no limit. */
        String txMemoryTotal = "0";
        /** The HTTP Query API's port on 127.0.0.1; 0 for no HTTP at all (the default). */
        int httpPort = 0;
        boolean watchStdin = true;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--no-stdin-watch":
                        o.watchStdin = false;
                        continue;
                    case "--help":
                    case "-h":
                        throw new IllegalArgumentException(usage());
                    default:
                        break;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + a);
                    }
                    value = args[++i];
                }
                switch (a) {
                    case "--host":
                        o.host = value;
                        break;
                    case "--port":
                        o.port = parsePort(value);
                        break;
                    case "--listen": {
                        int colon = value.lastIndexOf(':');
                        if (colon < 0) {
                            throw new IllegalArgumentException("--listen wants host:port, got " + value);
                        }
                        String h = value.substring(0, colon);
                        if (h.startsWith("[") && h.endsWith("]")) {
                            h = h.substring(1, h.length() - 1);
                        }
                        if (!h.isEmpty()) {
                            o.host = h;
                        }
                        o.port = parsePort(value.substring(colon + 1));
                        break;
                    }
                    case "--data-dir":
                        o.dataDir = Path.of(value);
                        break;
                    case "--page-cache":
                        o.pageCache = value;
                        break;
                    case "--tx-timeout":
                        o.txTimeout = value;
                        break;
                    case "--ready-timeout":
                        o.readyTimeout = value;
                        break;
                    case "--tx-memory":
                        o.txMemory = value;
                        break;
                    case "--tx-memory-total":
                        o.txMemoryTotal = value;
                        break;
                    case "--http-port":
                        o.httpPort = value.trim().equals("0") ? 0 : parsePort(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + a + "; " + usage());
                }
            }
            return o;
        }

        private static int parsePort(String v) {
            try {
                int p = Integer.parseInt(v.trim());
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port " + v);
            }
        }

        static String usage() {
            return "usage: java -jar embedded-neo4j.jar [--host 127.0.0.1] [--port 7687] [--listen host:port]"
                    + " [--data-dir .data/neo4j] [--page-cache 512m] [--tx-timeout 30s] [--ready-timeout 120s]"
                    + " [--tx-memory 512m] [--tx-memory-total 0] [--http-port 0] [--no-stdin-watch]";
        }
    }

    public static void main(String[] args) {
        // Keep stdout for the protocol lines only: anything else printed to System.out goes to stderr.
        System.setOut(System.err);

        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail("START_FAILED", "invalid arguments: " + e.getMessage(), EXIT_BAD_ARGS);
            return;
        }

        String portProblem = checkPortFree("Bolt", opts.host, opts.port);
        if (portProblem == null && opts.httpPort > 0) {
            portProblem = opts.httpPort == opts.port && isSameHost(opts.host)
                    ? "--http-port " + opts.httpPort + " is the Bolt port"
                    : checkPortFree("HTTP", HTTP_HOST, opts.httpPort);
        }
        if (portProblem != null) {
            fail("PORT_IN_USE", portProblem, EXIT_PORT_IN_USE);
            return;
        }

        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.length() < 16) {
            fail("START_FAILED", PASSWORD_VARIABLE + " must hold the Bolt password (16 characters or more);"
                    + " the Node side sets it", EXIT_BAD_ARGS);
            return;
        }

        Path home = opts.dataDir.toAbsolutePath().normalize();
        Path logs = home.resolve("logs");
        // LOAD CSV may only read from here, and it stays empty: no query reads files through Neo4j.
        Path importDir = home.resolve("import-none");
        long pageCacheBytes;
        long txMemoryBytes;
        long txMemoryTotalBytes;
        Duration txTimeout;
        Duration readyTimeout;
        try {
            pageCacheBytes = SettingValueParsers.BYTES.parse(opts.pageCache);
            txTimeout = SettingValueParsers.DURATION.parse(opts.txTimeout);
            readyTimeout = SettingValueParsers.DURATION.parse(opts.readyTimeout);
            txMemoryBytes = SettingValueParsers.BYTES.parse(opts.txMemory);
            txMemoryTotalBytes = SettingValueParsers.BYTES.parse(opts.txMemoryTotal);
            Files.createDirectories(logs);
            Files.createDirectories(importDir);
        } catch (IllegalArgumentException e) {
            fail("START_FAILED", "invalid setting: " + e.getMessage(), EXIT_BAD_ARGS);
            return;
        } catch (IOException e) {
            fail("START_FAILED", "cannot create " + logs + ": " + e, EXIT_START_FAILED);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedNeo4j::shutdown, "neo4j-shutdown"));
        if (opts.watchStdin) {
            watchStdin();
        }

        Throwable error = null;
        try {
            Settings settings = new Settings(home, logs, importDir, opts, pageCacheBytes, txMemoryBytes,
                    txMemoryTotalBytes, txTimeout);
            setPassword(settings, password, readyTimeout);
            if (!STOPPING.get()) {
                service = builder(settings, true).build();
            }
        } catch (Throwable t) {
            error = t;
        } finally {
            STARTED.countDown();
        }
        if (error == null && !STOPPING.get()) {
            try {
                GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
                if (!db.isAvailable(readyTimeout.toMillis())) {
                    throw new IllegalStateException("database '" + db.databaseName()
                            + "' did not become available within " + readyTimeout.toSeconds() + " s");
                }
                long deadline = System.nanoTime() + readyTimeout.toNanos();
                awaitBolt(opts.host, opts.port, deadline);
                if (opts.httpPort > 0) {
                    awaitHttp(opts.httpPort, deadline);
                }
            } catch (Throwable t) {
                error = t;
            }
        }
        if (STOPPING.get()) {
            return; // a signal or stdin EOF arrived while starting; the shutdown hook takes over
        }
        if (error != null) {
            boolean portTaken = hasCause(error, BindException.class);
            String message = (portTaken
                            ? "Bolt port " + opts.host + ":" + opts.port
                                    + (opts.httpPort > 0 ? " or HTTP port " + HTTP_HOST + ":" + opts.httpPort : "")
                                    + " is already in use: "
                            : "")
                    + describe(error) + " (see " + logs.resolve("debug.log") + ")";
            // The full stack trace is in debug.log; stderr gets the chain of causes, one line each.
            for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
                System.err.println((c == error ? "embedded-neo4j: " : "  caused by ") + oneLine(String.valueOf(c)));
            }
            fail(portTaken ? "PORT_IN_USE" : "START_FAILED", message, portTaken ? EXIT_PORT_IN_USE : EXIT_START_FAILED);
            return;
        }

        PROTOCOL.println("NEO4J_READY " + boltUri(opts.host, opts.port) + " " + Version.getNeo4jVersion()
                + (opts.httpPort > 0 ? " http://" + HTTP_HOST + ":" + opts.httpPort : ""));
    }

    /** The environment variable that carries the Bolt password (never the command line, which any user can read). */
    static final String PASSWORD_VARIABLE = "NEO4J_EMBEDDED_PASSWORD";
    /** Beside the store: the SHA-256 of the password last set, so it is set again only when it changes. */
    static final String PASSWORD_MARKER = "auth-password.sha256";

    /** The settings both starts share. */
    record Settings(Path home, Path logs, Path importDir, Options opts, long pageCacheBytes, long txMemoryBytes,
            long txMemoryTotalBytes, Duration txTimeout) {}

    /** Where the HTTP Query API listens when --http-port asks for it: loopback, whatever --host says. */
    static final String HTTP_HOST = "127.0.0.1";

    /**
     * A DBMS with authentication on; Bolt on loopback (and HTTP, when --http-port asks for it) when
     * `bolt`, else no connector at all.
     */
    static DatabaseManagementServiceBuilder builder(Settings s, boolean bolt) {
        DatabaseManagementServiceBuilder b = new DatabaseManagementServiceBuilder(s.home())
                .setConfig(GraphDatabaseSettings.logs_directory, s.logs())
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress(s.opts().host, s.opts().port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Bolt (and Bolt over WebSocket, which any web page may open) needs the password.
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, s.pageCacheBytes())
                .setConfig(GraphDatabaseSettings.transaction_timeout, s.txTimeout())
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Defence in depth behind the server's read-only guard: no file: URLs for LOAD CSV,
                // and its import root an empty folder.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, s.importDir())
                // A query that builds a huge value fails with a memory error instead of taking the heap.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, s.txMemoryBytes())
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, s.txMemoryTotalBytes())
                // Netty's default 5 s quiet period, once per Bolt connector, makes every stop take ~10 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        if (bolt && s.opts().httpPort > 0) {
            // Neo4j's HTTP server with the Query API alone: no browser, no /db/{db}/tx, no extensions.
            // Its requests need the same password as Bolt (basic auth).
            b.setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress(HTTP_HOST, s.opts().httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress(HTTP_HOST, s.opts().httpPort))
                    .setConfig(ServerSettings.http_enabled_modules,
                            EnumSet.of(ConfigurableServerModules.QUERY_API_ENDPOINTS));
        }
        return b;
    }

    /**
     * Gives the user neo4j `password` when the store does not have it yet (a new store, or a new
     * password): in a start of its own with no connector open, so that no client can reach the
     * database between its creation and the password (a new store's neo4j/neo4j would be open to
     * whoever changes it first).
     */
    static void setPassword(Settings s, String password, Duration readyTimeout) throws Exception {
        Path marker = s.home().resolve(PASSWORD_MARKER);
        String digest = sha256(password);
        if (Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(digest)) {
            return;
        }
        DatabaseManagementService setup = builder(s, false).build();
        service = setup;
        try {
            GraphDatabaseService system = setup.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (!system.isAvailable(readyTimeout.toMillis())) {
                throw new IllegalStateException("the system database did not become available");
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    java.util.Map.of("password", password));
        } finally {
            setup.shutdown();
            service = null;
        }
        Files.writeString(marker, digest + "\n", StandardCharsets.UTF_8);
    }

    static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : hash) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** Returns null when host:port can be bound, else a message saying why not; `what` names the port. */
    static String checkPortFree(String what, String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null; // let Neo4j report the bad host itself
        }
        try (ServerSocket socket = new ServerSocket()) {
            // Same as Netty/Node: SO_REUSEADDR, so lingering TIME_WAIT sockets do not count as "in use".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return null;
        } catch (BindException e) {
            return what + " port " + host + ":" + port + " is already in use (" + e.getMessage()
                    + "); stop whatever listens there or choose another port";
        } catch (IOException e) {
            return "cannot bind " + what + " port " + host + ":" + port + ": " + e;
        }
    }

    /**
     * Waits until the Bolt connector answers a protocol handshake (magic 0x6060B017 plus four version
     * proposals; the server replies with 4 bytes). A reply of any version means Bolt is serving.
     */
    static void awaitBolt(String host, int port, long deadlineNanos) throws IOException, InterruptedException {
        String connectHost = isWildcard(host) ? "127.0.0.1" : host;
        byte[] handshake = {
            (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17,
            0, 8, 8, 5, // 5.8 down to 5.0
            0, 0, 4, 4, // 4.4
            0, 0, 0, 0,
            0, 0, 0, 0,
        };
        IOException last = null;
        while (System.nanoTime() < deadlineNanos) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(connectHost, port), 2000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(handshake);
                out.flush();
                InputStream in = s.getInputStream();
                int got = 0;
                while (got < 4) {
                    if (in.read() < 0) {
                        throw new IOException("Bolt closed the connection during the handshake");
                    }
                    got++;
                }
                return;
            } catch (IOException e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IOException("Bolt on " + connectHost + ":" + port + " did not answer a handshake in time", last);
    }

    /**
     * Waits until the HTTP connector answers a request (any status: the root path needs no module),
     * so that the first Query API request of a benchmark does not race Jetty's start.
     */
    static void awaitHttp(int port, long deadlineNanos) throws IOException, InterruptedException {
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + HTTP_HOST + ":" + port + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        IOException last = null;
        while (System.nanoTime() < deadlineNanos) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HTTP_HOST, port), 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                byte[] head = s.getInputStream().readNBytes(5);
                if (new String(head, StandardCharsets.US_ASCII).equals("HTTP/")) {
                    return;
                }
                last = new IOException("HTTP answered something other than HTTP");
            } catch (IOException e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IOException("HTTP on " + HTTP_HOST + ":" + port + " did not answer a request in time", last);
    }

    /** Whether `host` is where HTTP listens too (loopback or every address). */
    private static boolean isSameHost(String host) {
        return isWildcard(host) || host.equals(HTTP_HOST) || host.equals("localhost");
    }

    private static boolean isWildcard(String host) {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    static String boltUri(String host, int port) {
        String h = isWildcard(host) ? "127.0.0.1" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "bolt://" + h + ":" + port;
    }

    /** Exits when stdin reaches EOF: the parent process has gone (or closed the pipe on purpose). */
    private static void watchStdin() {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[256];
                    try {
                        while (System.in.read(buf) >= 0) {
                            // The parent sends nothing; any input is ignored.
                        }
                    } catch (IOException e) {
                        // A broken stdin means the same as EOF.
                    }
                    System.err.println("embedded-neo4j: stdin closed, shutting down");
                    System.exit(0); // runs the shutdown hook
                },
                "neo4j-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void shutdown() {
        if (!STOPPING.compareAndSet(false, true)) {
            return;
        }
        try {
            // A stop requested while build() is still running waits for it, then shuts down cleanly
            // instead of halting the JVM in the middle of creating or recovering the store.
            if (!STARTED.await(STOP_DURING_START_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("embedded-neo4j: start still running after "
                        + STOP_DURING_START_WAIT_SECONDS + " s; exiting without a clean shutdown");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        DatabaseManagementService s = service;
        if (s == null) {
            return;
        }
        try {
            s.shutdown();
            PROTOCOL.println("NEO4J_STOPPED");
        } catch (Throwable t) {
            System.err.println("embedded-neo4j: error during shutdown: " + t);
        }
    }

    private static void fail(String code, String message, int exitCode) {
        PROTOCOL.println("NEO4J_ERROR " + code + " " + oneLine(message));
        System.exit(exitCode); // the shutdown hook stops whatever did start
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private static String describe(Throwable t) {
        // The innermost cause usually says what actually went wrong; keep the outer message too.
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = t.getClass().getSimpleName() + ": " + t.getMessage();
        if (root == t) {
            return outer;
        }
        return outer + "; caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
