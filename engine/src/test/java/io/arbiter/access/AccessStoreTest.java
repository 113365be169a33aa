package io.arbiter.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key stores and audit logs, in memory and in the database, against the same contract. */
class AccessStoreTest {
  @TempDir
  static Path dir;

  private static JdbcStore store;
  private static int opened;

  record Access(String name, KeyStore keys, AuditLog audit) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Supplier<Access>> stores() {
    return Stream.of(() -> new Access("memory", new MemoryKeyStore(), new MemoryAuditLog()), () -> {
      store = JdbcStore.open(new JdbcStoreOptions().setUrl(JdbcStoreOptions.h2File(dir.resolve("db" + opened++).toString())));
      return new Access("h2", store.keys(), store.audit());
    });
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void authenticate_createdToken_givesItsKeyAndRoles(Supplier<Access> made) {
    KeyStore keys = made.get().keys();
    assertThat(keys.isEmpty()).isTrue();
    IssuedKey issued = keys.create("ops", Set.of(Role.ADMIN, Role.MODELER));
    assertThat(issued.token()).startsWith("arb." + issued.key().id() + ".").hasSizeGreaterThan(50);
    assertThat(keys.authenticate(issued.token())).get().satisfies(k -> {
      assertThat(k.id()).isEqualTo(issued.key().id());
      assertThat(k.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.MODELER);
      assertThat(k.name()).isEqualTo("ops");
    });
    assertThat(keys.isEmpty()).isFalse();
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void authenticate_wrongSecretOrMalformed_empty(Supplier<Access> made) {
    KeyStore keys = made.get().keys();
    IssuedKey issued = keys.create(null, Set.of(Role.BACKEND));
    String token = issued.token();
    String flipped = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    for (String bad : List.of(flipped, "arb." + issued.key().id() + ".", "arb..x", "x", "",
        token.substring(0, token.lastIndexOf('.')), "arb.other." + token.substring(token.lastIndexOf('.') + 1))) {
      assertThat(keys.authenticate(bad)).as(bad).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void revoke_key_tokenNoLongerAuthenticatesAndListShowsIt(Supplier<Access> made) {
    KeyStore keys = made.get().keys();
    IssuedKey issued = keys.create("r", Set.of(Role.REVIEWER));
    assertThat(keys.revoke(issued.key().id())).get().satisfies(k -> assertThat(k.active()).isFalse());
    assertThat(keys.authenticate(issued.token())).isEmpty();
    assertThat(keys.list()).singleElement().satisfies(k -> assertThat(k.revokedAt()).isNotNull());
    assertThat(keys.revoke("unknown")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void create_noRole_refused(Supplier<Access> made) {
    assertThatThrownBy(() -> made.get().keys().create("x", Set.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void entries_filteredByActionAndTime_newestFirstAndPaged(Supplier<Access> made) throws Exception {
    AuditLog audit = made.get().audit();
    Actor actor = new Actor("k1", "ops");
    AuditEntry first = audit.record(actor, "scheme.replace", null, "v1", "v2");
    audit.record(actor, "model.activate", "m1", null, "m1");
    Thread.sleep(5);
    Instant middle = Instant.now();
    Thread.sleep(5);
    AuditEntry last = audit.record(actor, "scheme.replace", null, "v2", "v3");

    AuditPage all = audit.entries(new AuditQuery(null, null, null, 0, 10));
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.entries()).extracting(AuditEntry::id).containsExactly(last.id(), last.id() - 1, first.id());
    assertThat(audit.entries(new AuditQuery("scheme.replace", null, null, 0, 10)).entries())
        .extracting(AuditEntry::afterHash).containsExactly("v3", "v2");
    assertThat(audit.entries(new AuditQuery(null, middle, null, 0, 10)).entries())
        .extracting(AuditEntry::afterHash).containsExactly("v3");
    assertThat(audit.entries(new AuditQuery(null, null, middle, 0, 10)).total()).isEqualTo(2);
    AuditPage second = audit.entries(new AuditQuery(null, null, null, 1, 1));
    assertThat(second.total()).isEqualTo(3);
    assertThat(second.entries()).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("model.activate");
      assertThat(e.actorId()).isEqualTo("k1");
      assertThat(e.actorName()).isEqualTo("ops");
      assertThat(e.target()).isEqualTo("m1");
    });
  }

  @org.junit.jupiter.api.Test
  void auditLog_hasNoWayToChangeOrRemoveAnEntry() {
    assertThat(Stream.of(AuditLog.class.getMethods()).map(java.lang.reflect.Method::getName))
        .containsExactlyInAnyOrder("record", "entries");
  }
}
