package io.ethbus.cli;

import io.ethbus.rpc.EthbusException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The {@code ethbus} command. Exit codes: 0 success, 1 the call failed (a JSON-RPC error or
 * any ethbus error, message on stderr), 2 bad usage.
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
                .setExecutionExceptionHandler(EthbusCommand::report);
    }

    /** Without a subcommand there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing subcommand.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
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
