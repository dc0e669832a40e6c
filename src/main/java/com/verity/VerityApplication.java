package com.verity;

import com.verity.evaluation.EvaluateCommand;
import com.verity.reindex.ReindexCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Verity: a self-hosted knowledge assistant that answers from a company's own documents.
 *
 * <p>{@code java -jar verity.jar} runs the service; {@code java -jar verity.jar reindex ...} starts
 * a re-index job from the command line (see {@link ReindexCommand}), and {@code java -jar
 * verity.jar evaluate ...} runs an evaluation of models (see {@link EvaluateCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VerityApplication {

    public static void main(String[] args) {
        if (args.length > 0 && ReindexCommand.NAME.equals(args[0])) {
            System.exit(
                    ReindexCommand.run(
                            VerityApplication.class,
                            Arrays.copyOfRange(args, 1, args.length),
                            System.out));
        }
        if (args.length > 0 && EvaluateCommand.NAME.equals(args[0])) {
            System.exit(
                    EvaluateCommand.run(
                            VerityApplication.class,
                            Arrays.copyOfRange(args, 1, args.length),
                            System.out));
        }
        SpringApplication.run(VerityApplication.class, args);
    }
}
