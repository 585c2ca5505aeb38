package io.ethbus.cli;

import io.ethbus.provider.HttpProviderOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --rpc URL} option of a command, checked before anything starts: a URL that is
 * not http(s) or cannot be parsed is bad usage (exit 2, one line naming the masked URL), not
 * an unexpected error.
 */
final class RpcUrlOption {
    private RpcUrlOption() {
    }

    /** The HTTP provider options for {@code url}, or a usage error of {@code spec}'s command. */
    static HttpProviderOptions parse(CommandSpec spec, String url) {
        try {
            return HttpProviderOptions.of(url);
        } catch (IllegalArgumentException e) {
            // the message names the URL masked; the cause (URI parser) would repeat it raw
            throw new CommandLine.ParameterException(spec.commandLine(), "--rpc: " + e.getMessage());
        }
    }
}
