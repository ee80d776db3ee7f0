package dev.pipelinetriage.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND...]}: the help of a command at any depth, {@code help kb lint} as well as {@code kb help lint}
 * (picocli's own help command looks one level down only, and so printed {@code kb}'s help for {@code help kb lint}).
 */
@Command(name = "help", helpCommand = true,
        description = "Print the help of a command, e.g. help kb lint.")
final class HelpCommand implements Runnable, IHelpCommandInitializable2 {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to describe.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter,
            PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new ParameterException(self, "'" + name + "' is not a command of " + target.getCommandSpec().qualifiedName()
                        + "; its commands are " + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(out, colors);
        out.flush();
    }
}
