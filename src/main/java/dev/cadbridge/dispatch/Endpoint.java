package dev.cadbridge.dispatch;

import dev.cadbridge.sonoran.OperationType;

/** The API endpoints the dispatcher paces, each with its own token bucket under v2. */
enum Endpoint {
    ATTACH, DETACH, KICK, NEW_DISPATCH, CLOSE, LINK_CREATE, LINK_CHECK, VERSION;

    static Endpoint of(OperationType type) {
        return switch (type) {
            case ATTACH -> ATTACH;
            case DETACH -> DETACH;
            case KICK -> KICK;
            case NEW_DISPATCH -> NEW_DISPATCH;
            case CLOSE -> CLOSE;
        };
    }
}
