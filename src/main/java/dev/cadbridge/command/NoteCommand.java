package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.CallNote;
import dev.cadbridge.sonoran.OperationLimits;
import java.util.List;

/**
 * {@code /cad note <callId> <text>}: a note on a call (v2), shown in the CAD with the staff
 * member's name as its label. A call the CAD does not have is answered as such.
 */
final class NoteCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;

    NoteCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "note";
    }

    @Override
    public String usage() {
        return "/cad note <callId> <text>";
    }

    @Override
    public String description() {
        return "add a note to a call";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_NOTE);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.size() < 2) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        ActiveLists.requireV2(services, "/cad note");
        long callId = OperationLimits.parseCallId("callId", args.get(0));
        CallNote note = new CallNote(callId, String.join(" ", args.subList(1, args.size())).strip(), sender.name());
        requests.send(sender, note,
                delivered -> services.messages().render(Message.NOTE_ADDED, Messages.text("call_id", callId)),
                left -> services.messages().render(Message.NOTE_NO_SUCH_CALL, Messages.text("call_id", callId)),
                notFound -> services.messages().render(Message.NOTE_NO_SUCH_CALL, Messages.text("call_id", callId)));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
