package io.github.isce4j.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine, as Spark's own scripts start one: a Master and
 * Workers, each in its own JVM (Spark's deploy classes), and the Workers start the executors in
 * JVMs of their own. Its Spark home is a folder whose {@code jars/} holds this JVM's class path,
 * as a Spark distribution's does.
 */
final class TestCluster implements AutoCloseable {

    private final Process master;
    private final List<Process> workers;
    private final String url;
    private final Path dir;

    private TestCluster(Process master, List<Process> workers, String url, Path dir) {
        this.master = master;
        this.workers = workers;
        this.url = url;
        this.dir = dir;
    }

    /**
     * @param dir where the Spark home, the logs and the workers' folders go
     * @param workers how many workers, each with one core
     * @return the cluster, once every worker has registered with the master
     */
    static TestCluster start(Path dir, int workers) throws IOException, InterruptedException {
        Path home = sparkHome(dir.resolve("spark-home"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        Process master = launch(
                home,
                dir.resolve("master.log"),
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--webui-port",
                "0");
        List<Process> started = new ArrayList<>();
        TestCluster cluster = new TestCluster(master, started, url, dir);
        try {
            awaitLine(dir.resolve("master.log"), "I have been elected leader", master);
            for (int i = 0; i < workers; i++) {
                Path log = dir.resolve("worker-" + i + ".log");
                started.add(launch(
                        home,
                        log,
                        "org.apache.spark.deploy.worker.Worker",
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "1",
                        "--memory",
                        "3g",
                        "--webui-port",
                        "0",
                        "--work-dir",
                        Files.createDirectories(dir.resolve("worker-" + i)).toString(),
                        url));
                awaitLine(log, "Successfully registered with master", started.get(i));
            }
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the master URL, spark://127.0.0.1:PORT */
    String master() {
        return url;
    }

    /** @return the executor JVMs the workers run now (a worker starts no other process) */
    List<ProcessHandle> executors() {
        return workers.stream()
                .flatMap(Process::children)
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /** @return the cluster's logs, for a failed test's message */
    String logs() {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p ->
                    p.toString().endsWith(".log") || p.getFileName().toString().equals("stderr"))::iterator) {
                List<String> lines = Files.readAllLines(f);
                s.append("== ").append(f).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(l -> s.append(l).append('\n'));
            }
        } catch (IOException e) {
            s.append("(logs unreadable: ").append(e.getMessage()).append(")");
        }
        return s.toString();
    }

    @Override
    public void close() {
        for (Process worker : workers) {
            worker.descendants().forEach(ProcessHandle::destroyForcibly);
            worker.destroyForcibly();
        }
        master.destroyForcibly();
    }

    /** A Spark home as a distribution has it: jars/ with the Spark jars (here: this JVM's class path). */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName());
            if (entry.endsWith(".jar") && !Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static Process launch(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                List.of(System.getProperty("isce4j.spark.javaOptions", "").split(" ")));
        command.addAll(List.of(
                "-Xmx512m",
                "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider", // Spark's own logging
                "-cp",
                home.resolve("jars") + "/*",
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(
                        command.stream().filter(s -> !s.isBlank()).toList())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13"); // what a distribution's load-spark-env.sh sets
        return builder.start();
    }

    private static void awaitLine(Path log, String line, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("a Spark daemon exited; its log: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + line + "' within 60 s in " + log + ": " + Files.readString(log));
    }
}
