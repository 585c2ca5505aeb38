package io.ethbus.cli;

import io.ethbus.rpc.EthbusException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The {@code ethbus} command. Exit codes: 0 success, 1 the call failed (a JSON-RPC error or
 * any ethbus error, message on stderr), 2 bad usage (one line on stderr, no stack trace).
 */
@Command(name = "ethbus",
        mixinStandardHelpOptions = true,
        versionProvider = EthbusVersion.class,
        description = "Ethereum JSON-RPC client for Vert.x.",
        subcommands = {CrawlCommand.class, CallCommand.class, NodeCommand.class})
public final class EthbusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with ethbus's error reporting; {@code execute} returns the exit code. */
    public static CommandLine commandLine() {
        return new CommandLine(new EthbusCommand())
                .setParameterExceptionHandler(EthbusCommand::reportUsage)
                .setExecutionExceptionHandler(EthbusCommand::report);
    }

    /** Without a subcommand there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("ethbus: missing subcommand: crawl, call or node (see 'ethbus --help')");
        spec.commandLine().getErr().flush();
        return CommandLine.ExitCode.USAGE;
    }

    // Bad usage (an unknown option, a number that is not one, a bad --rpc URL) is one line
    // naming the mistake and where the help is: the full usage text would bury it.
    private static int reportUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "); // a parser's message may span lines
        command.getErr().println("ethbus: " + message + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    // An ethbus error is the user's answer, not a bug: its message is enough, no stack trace.
    private static int report(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof EthbusException) {
            commandLine.getErr().println("ethbus: " + e.getMessage());
        } else {
            commandLine.getErr().println("ethbus: unexpected error");
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
