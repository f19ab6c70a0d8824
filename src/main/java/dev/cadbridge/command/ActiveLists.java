package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadRequestException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.logging.Level;
import net.kyori.adventure.text.Component;

/** How /cad calls and /cad units answer: from the cache when it is fresh, else after the CAD answered. */
final class ActiveLists {
    /** More lines than this would scroll the chat away; the rest are counted. */
    static final int MAX_LINES = 15;

    private ActiveLists() {}

    /** Refuses v2-only commands on v1 with a message that says so, before anything is sent. */
    static void requireV2(CommandServices services, String command) {
        if (services.cad().generation() == ApiGeneration.V1) {
            throw new CommandFailure(Message.NEEDS_V2, Messages.text("command", command));
        }
    }

    static <T> void answer(CommandServices services, CommandSource sender, String command, ActiveListCache<T> cache,
                           BiFunction<CommandSource, ActiveListCache.Snapshot<T>, List<Component>> render) {
        requireV2(services, command);
        Optional<String> unavailable = services.cad().unavailableReason();
        if (unavailable.isPresent()) {
            throw Replies.notConnected(sender, unavailable.get());
        }
        CadDispatcher dispatcher = services.cad().dispatcher();
        if (!cache.fresh(dispatcher)) {
            sender.sendMessage(services.messages().render(Message.ASKING));
        }
        CompletableFuture<ActiveListCache.Snapshot<T>> list = cache.get(dispatcher);
        if (list.isDone()) {
            reply(services, sender, list, render);
        } else {
            list.whenComplete((snapshot, error) -> Replies.later(services.platform(), sender, to -> reply(services, to, list, render)));
        }
    }

    private static <T> void reply(CommandServices services, CommandSource to, CompletableFuture<ActiveListCache.Snapshot<T>> list,
                                  BiFunction<CommandSource, ActiveListCache.Snapshot<T>, List<Component>> render) {
        Messages messages = services.messages();
        try {
            render.apply(to, list.join()).forEach(to::sendMessage);
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof CadRequestException refused) {
                to.sendMessage(refused.traceId() == null || refused.traceId().isBlank()
                        ? messages.render(Message.FAILED, Messages.text("reason", refused.getMessage()))
                        : messages.render(Message.FAILED_WITH_TRACE, Messages.text("reason", refused.getMessage()),
                                Messages.text("trace_id", refused.traceId())));
            } else {
                services.platform().logger().log(Level.WARNING, "A CAD query failed unexpectedly", failed.getCause());
                to.sendMessage(messages.render(Message.INTERNAL_ERROR));
            }
        }
    }

    static String age(CommandServices services, ActiveListCache.Snapshot<?> snapshot) {
        return RelativeTime.ago(snapshot.fetchedAt(), services.clock().instant());
    }
}
