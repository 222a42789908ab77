package io.github.isce4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles an example of examples/ against isce4j and DJL alone and runs its main method. */
final class Examples {

    private Examples() {}

    /**
     * @param classes a folder for the compiled classes
     * @param name the example's class, e.g. {@code QuickStart} for examples/QuickStart.java
     * @param args its command-line arguments
     * @return the lines it printed (also echoed to the test's output)
     */
    static List<String> run(Path classes, String name, String... args) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Path.of("examples", name + ".java").toString());
        assertThat(status).as("examples/" + name + ".java compiles").isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, Examples.class.getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        original.println(String.join("\n", lines));
        return lines;
    }
}
