package dev.cadbridge.sonoran;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The v2 account-link flow ({@code POST /v2/general/links} and {@code /links/check}). Calls run on
 * the client's worker, honour the endpoint rate limits, and never block the caller.
 */
public interface CadLinks {

    CompletableFuture<LinkCode> createLink(String communityUserId);

    CompletableFuture<LinkCheck> checkLink(String communityUserId);

    /** {@code url} is {@code https://sonorancad.com/id?code=XXXX}. */
    record LinkCode(String code, String url, Instant expiresAt) {}

    /** {@code accountUuid} is null unless linked. */
    record LinkCheck(boolean linked, String accountUuid) {}
}
