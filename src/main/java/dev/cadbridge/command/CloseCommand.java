package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.OperationLimits;
import java.util.List;

/** {@code /cad close <callId>}. */
final class CloseCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;

    CloseCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "close";
    }

    @Override
    public String usage() {
        return "/cad close <callId>";
    }

    @Override
    public String description() {
        return "close a call";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_CLOSE);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.size() != 1) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        CloseCall close = new CloseCall(OperationLimits.parseCallId("callId", args.get(0)));
        requests.send(sender, close,
                delivered -> services.messages().render(Message.CLOSED, Messages.text("call_id", close.callId())),
                left -> services.messages().render(Message.NO_SUCH_CALL, Messages.text("call_id", close.callId())));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
