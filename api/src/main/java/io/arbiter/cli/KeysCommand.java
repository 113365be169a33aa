package io.arbiter.cli;

import io.arbiter.access.Actor;
import io.arbiter.access.ApiKey;
import io.arbiter.access.IssuedKey;
import io.arbiter.access.Role;
import io.arbiter.input.Identifiers;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.StoreException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/*
 * Why keys are managed on the command line and not over HTTP: whoever can run this already holds
 * the database's credentials, so no key can make itself more powerful through the API.
 */

/** {@code arbiter keys create|list|revoke}: the API keys kept in the store's database. */
@Command(name = "keys", description = "Manages the API keys kept in the database (the same --db as serve).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: create, list or revoke");
  }

  static JdbcStore open(DatabaseOptions database) {
    try {
      return database.open();
    } catch (StoreException e) {
      throw new InputException(e.getMessage());
    }
  }

  @Command(name = "create", description = "Creates a key and prints it, once: only its digest is kept.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--role", paramLabel = "ROLE", required = true, split = ",",
        description = "backend, reviewer, modeler or admin; repeat or separate with commas for several.")
    java.util.List<String> roles;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "",
        description = "What the key is for: up to 64 characters, no control characters, no space at either end.")
    String name;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      Set<Role> set = EnumSet.noneOf(Role.class);
      for (String r : roles) {
        set.add(Role.of(r.trim()).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--role: unknown role '" + r + "' (backend, reviewer, modeler, admin)")));
      }
      if (!name.isEmpty()) {
        Identifiers.problem(name).ifPresent(problem -> {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name: " + problem);
        });
      }
      try (JdbcStore store = open(database)) {
        IssuedKey k = store.keys().create(name, set);
        store.audit().record(Actor.commandLine(), "key.create", k.key().id(), null, roles(k.key()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s %s%n", k.key().id(), k.token());
        out.flush();
        spec.commandLine().getErr().println("Key " + k.key().id() + " (" + roles(k.key())
            + "): the token above is shown only now.");
      }
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the keys: id, roles, state, created, name (never a token).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcStore store = open(database)) {
        PrintWriter out = spec.commandLine().getOut();
        for (ApiKey k : store.keys().list()) {
          out.printf("%s\t%s\t%s\t%s\t%s%n", k.id(), roles(k), k.active() ? "active" : "revoked " + k.revokedAt(),
              k.createdAt(), k.name());
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revokes a key: its token opens nothing on any instance within 5 s (servers trust a checked key that long).")
  static final class Revoke implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The key's id (as 'keys list' shows it).")
    String id;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcStore store = open(database)) {
        Optional<ApiKey> before = store.keys().list().stream().filter(k -> k.id().equals(id)).findFirst();
        if (before.isEmpty()) {
          spec.commandLine().getErr().println("arbiter: there is no key " + id);
          return Cli.EXIT_REFUSED;
        }
        store.keys().revoke(id);
        if (before.get().active()) {
          store.audit().record(Actor.commandLine(), "key.revoke", id, "active", "revoked");
        }
        spec.commandLine().getOut().println("Key " + id + " is revoked.");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  private static String roles(ApiKey k) {
    return k.roles().stream().sorted().map(Role::id).collect(Collectors.joining(","));
  }
}
