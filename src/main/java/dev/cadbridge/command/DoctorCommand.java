package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.doctor.CheckResult;
import dev.cadbridge.doctor.Doctor;
import dev.cadbridge.doctor.DoctorContext;
import dev.cadbridge.doctor.DoctorLine;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import net.kyori.adventure.text.Component;

/**
 * {@code /cad doctor}: live checks of everything a working setup needs, one line each with what to
 * do. The checks run off the server thread and make only the requests they need, never more than
 * their routes have room for (see {@link DoctorContext}); the lines arrive together once all have
 * answered. Players read them in colour, the console the same words without it. Shows no secret.
 */
final class DoctorCommand implements Subcommand {
    private final CommandServices services;
    private final Doctor doctor = new Doctor(Doctor.checks());

    DoctorCommand(CommandServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String usage() {
        return "/cad doctor";
    }

    @Override
    public String description() {
        return "check the setup live: key, plan, server id, storage, clock, your link";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.ADMIN_DOCTOR);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        Optional<String> senderCadId = sender.asPlayer().map(player -> cadIdOf(player));
        DoctorContext context = new DoctorContext(services.admin().setup(), services.cad().dispatcher(), services.cad().links(),
                services.admin().storageStatus(), services.identities()::storedCount, senderCadId, services.clock(),
                services.admin().liveStatus(), services.admin().liveOffReason());
        send(sender, services.messages().bare(Message.DOCTOR_HEADER));
        doctor.run(context).whenComplete((lines, error) -> {
            if (error != null) {
                services.platform().logger().log(Level.SEVERE, "/cad doctor failed", error);
                Replies.later(services.platform(), sender, to -> to.sendMessage(services.messages().render(Message.INTERNAL_ERROR)));
                return;
            }
            Replies.later(services.platform(), sender, to -> lines.forEach(line -> send(to, render(line))));
        });
    }

    private String cadIdOf(PlatformPlayer player) {
        return services.identities().cadIdOf(player.uniqueId(), player.name());
    }

    private Component render(DoctorLine line) {
        CheckResult result = line.result();
        Messages messages = services.messages();
        Message template = switch (result.verdict()) {
            case PASS -> Message.DOCTOR_PASS;
            case WARN -> Message.DOCTOR_WARN;
            case FAIL -> Message.DOCTOR_FAIL;
            case SKIPPED -> Message.DOCTOR_SKIPPED;
        };
        Component hint = result.hint() == null ? Component.empty() : messages.bare(Message.STATUS_HINT, Messages.text("hint", result.hint()));
        return messages.bare(template, Messages.text("label", line.label()), Messages.text("value", result.value()),
                Messages.component("hint", hint));
    }

    /** Players in colour; the console and other plugins the plain words. */
    private static void send(CommandSource to, Component line) {
        to.sendMessage(to.asPlayer().isPresent() ? line : StatusLine.plain(line));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
