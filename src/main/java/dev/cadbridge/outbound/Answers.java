package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.FailureKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Turns the result of a request-response route into the answer its caller waits for. */
final class Answers {
    private Answers() {}

    /** The answer, or a {@link CadRequestException} saying why there is none; a bad argument fails the future. */
    static <T> CompletableFuture<T> ask(CadDispatcher dispatcher, Supplier<CadOperation> operation, Class<T> answer) {
        CadOperation built;
        try {
            built = operation.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return dispatcher.submit(built).thenApply(result -> switch (result) {
            case CadResult.Replied replied -> answer.cast(replied.answer());
            case CadResult.Failed failed -> throw new CadRequestException(failed.kind().name(), failed.message(), failed.traceId());
            case CadResult.Expired expired -> throw new CadRequestException(FailureKind.UNREACHABLE.name(), expired.message(), null);
            default -> throw new CadRequestException(FailureKind.UNEXPECTED_RESPONSE.name(), "unexpected answer", null);
        });
    }

    /** What the version check's answer says about the credentials; never fails. */
    static CompletableFuture<CredentialCheck> credentials(CompletableFuture<String> plan) {
        return plan.handle((name, error) -> {
            if (error == null) {
                return new CredentialCheck(CredentialCheck.Result.OK, name, null);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CadRequestException failure) {
                return new CredentialCheck(FailureKind.CREDENTIALS.name().equals(failure.kind()) ? CredentialCheck.Result.REJECTED
                        : CredentialCheck.Result.UNREACHABLE, failure.getMessage(), failure.traceId());
            }
            return new CredentialCheck(CredentialCheck.Result.UNREACHABLE, String.valueOf(cause.getMessage()), null);
        });
    }
}
