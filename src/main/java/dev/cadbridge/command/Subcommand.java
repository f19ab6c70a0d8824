package dev.cadbridge.command;

import dev.cadbridge.platform.CommandSource;
import java.util.List;

/** One {@code /cad} subcommand. {@link #run} reports bad input by throwing {@link CommandFailure}. */
public interface Subcommand {
    String name();

    String usage();

    /** The usage as {@code sender} may use it, for help: forms they lack the permission for are left out. */
    default String usage(CommandSource sender) {
        return usage();
    }

    String description();

    /** The description as {@code sender} may use the subcommand, for help. */
    default String description(CommandSource sender) {
        return description();
    }

    /** Whether the sender may use this subcommand in at least one form; decides help and completion. */
    boolean canUse(CommandSource sender);

    void run(CommandSource sender, List<String> args);

    /** Suggestions for the last of {@code args}, which may be empty text. */
    List<String> complete(CommandSource sender, List<String> args);
}
