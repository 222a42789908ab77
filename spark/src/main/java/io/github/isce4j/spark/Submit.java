package io.github.isce4j.spark;

import io.github.isce4j.cli.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class for spark-submit: {@code spark-submit --master URL --class io.github.isce4j.spark.Submit
 * isce4j-spark.jar reproduce ...} runs {@code isce reproduce} with its cells on spark-submit's master.
 */
public final class Submit {

    private Submit() {}

    /**
     * @param args the arguments of {@code isce reproduce}, the word reproduce first
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getProperty("spark.master")));
    }

    /**
     * @param args the arguments, the word reproduce first
     * @param master spark-submit's master, or null
     * @return the exit code
     */
    static int run(String[] args, String master) {
        if (args.length == 0 || !args[0].equals("reproduce")) {
            System.err.println("error: spark-submit runs `reproduce` (e.g. spark-submit --master URL --class "
                    + Submit.class.getName() + " isce4j-spark.jar reproduce --budget paper --out /shared/paper); "
                    + "the other commands run with ./isce");
            return Main.BAD_INPUT;
        }
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (master != null && !all.contains("--master") && all.stream().noneMatch(a -> a.startsWith("--master="))) {
            all.add(1, master);
            all.add(1, "--master");
        }
        return Main.run(all.toArray(String[]::new));
    }
}
