package dev.cadbridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sandbox.MutableClock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class IdentityServiceTest {
    private final MutableClock clock = new MutableClock();
    private final UUID alex = UUID.fromString("069a79f4-44e9-4726-a5be-fca90e38aaf5");
    private final UUID sam = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private IdentityService service(IdentityRepository repository, IdRule v2Rule, IdRule v1Rule, ApiGeneration generation) {
        return new IdentityService(repository, new IdentitySettings(generation, v2Rule, v1Rule), clock);
    }

    @Test
    void defaultIdsFollowTheConfiguredRulePerGeneration() {
        InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
        assertThat(service(repository, IdRule.UUID_WITH_DASHES, IdRule.NAME, ApiGeneration.V2).cadIdOf(alex, "Alex"))
                .isEqualTo("069a79f4-44e9-4726-a5be-fca90e38aaf5");
        assertThat(service(repository, IdRule.UUID_WITHOUT_DASHES, IdRule.NAME, ApiGeneration.V2).cadIdOf(alex, "Alex"))
                .isEqualTo("069a79f444e94726a5befca90e38aaf5");
        assertThat(service(repository, IdRule.NAME, IdRule.UUID_WITH_DASHES, ApiGeneration.V2).cadIdOf(alex, "Alex"))
                .isEqualTo("Alex");
        assertThat(service(repository, IdRule.UUID_WITH_DASHES, IdRule.NAME, ApiGeneration.V1).cadIdOf(alex, "Alex"))
                .isEqualTo("Alex");
    }

    @Test
    void aStoredIdIsLoadedAtJoinAndWinsOverTheDefault() {
        InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
        repository.save(new CadIdentity(alex, "stored", IdentitySource.STAFF, LinkState.UNKNOWN, null, null, clock.instant())).join();
        IdentityService identities = service(repository, IdRule.UUID_WITH_DASHES, IdRule.UUID_WITH_DASHES, ApiGeneration.V2);
        identities.playerJoined(alex, "Alex").join();
        assertThat(identities.cadIdOf(alex, "Alex")).isEqualTo("stored");
        identities.playerLeft(alex);
        assertThat(identities.cadIdOf(alex, "Alex")).isEqualTo(alex.toString());
    }

    @Test
    void aLoadThatFinishesAfterThePlayerLeftDoesNotLinger() {
        CompletableFuture<Optional<CadIdentity>> slowFind = new CompletableFuture<>();
        IdentityRepository slow = new SlowRepository(slowFind);
        IdentityService identities = service(slow, IdRule.UUID_WITH_DASHES, IdRule.UUID_WITH_DASHES, ApiGeneration.V2);
        identities.playerJoined(alex, "Alex");
        identities.playerLeft(alex);
        slowFind.complete(Optional.of(new CadIdentity(alex, "late", IdentitySource.STAFF, LinkState.UNKNOWN, null, null, null)));
        assertThat(identities.onlineCount()).isZero();
        assertThat(identities.cadIdOf(alex, "Alex")).isEqualTo(alex.toString());
    }

    @Test
    void bindingAnIdThatAnotherPlayerHasIsRefused() {
        InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
        IdentityService identities = service(repository, IdRule.UUID_WITH_DASHES, IdRule.UUID_WITH_DASHES, ApiGeneration.V2);
        identities.bind(sam, "Sam", "shared", IdentitySource.SELF_LINKED, LinkState.UNKNOWN, null).join();

        BindOutcome outcome = identities.bind(alex, "Alex", "shared", IdentitySource.SELF_LINKED, LinkState.UNKNOWN, null).join();
        assertThat(outcome).isEqualTo(new BindOutcome.Taken("shared", sam, sam.toString()));
        assertThat(repository.find(alex).join()).isEmpty();
    }

    @Test
    void rebindingYourOwnIdIsAllowed() {
        InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
        IdentityService identities = service(repository, IdRule.UUID_WITH_DASHES, IdRule.UUID_WITH_DASHES, ApiGeneration.V2);
        identities.playerJoined(alex, "Alex").join();
        identities.bind(alex, "Alex", alex.toString(), IdentitySource.SELF_LINKED, LinkState.LINKED, "acc").join();
        BindOutcome again = identities.bind(alex, "Alex", alex.toString(), IdentitySource.SELF_LINKED, LinkState.LINKED, "acc").join();
        assertThat(again).isInstanceOf(BindOutcome.Bound.class);
        assertThat(((BindOutcome.Bound) again).identity().linkCheckedAt()).isEqualTo(clock.instant());
    }

    private record SlowRepository(CompletableFuture<Optional<CadIdentity>> find) implements IdentityRepository {
        @Override
        public CompletableFuture<Optional<CadIdentity>> find(UUID playerId) {
            return find;
        }

        @Override
        public CompletableFuture<Optional<CadIdentity>> findByCadId(String cadId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<Void> save(CadIdentity identity) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> delete(UUID playerId) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Long> count() {
            return CompletableFuture.completedFuture(0L);
        }
    }
}
