package io.arbiter.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/*
 * Why a default value provider: picocli asks it for every option it was not given on the command
 * line, so one rule covers every option of every command, present and future (--db-url ↔ key
 * db.url ↔ ARBITER_DB_URL), and command-line flags win without any code. Values are checked here,
 * before parsing, because picocli's own conversion error would name the option, not the key.
 */

/**
 * Arbiter's configuration: a properties file ({@code --config FILE}, else {@code ARBITER_CONFIG},
 * else {@code ./arbiter.properties} when it exists) whose keys are the long option names without
 * dashes, inner dashes as dots ({@code db.url}, {@code port}, {@code management.port}); environment
 * variables {@code ARBITER_<KEY>} (upper case, dots as underscores) override it; command-line
 * flags override both. One key sets that option in every command that has it. Immutable.
 */
final class Configuration implements CommandLine.IDefaultValueProvider {
  static final String ENV_PREFIX = "ARBITER_";
  static final String ENV_FILE = "ARBITER_CONFIG";
  static final String OPTION = "--config";
  static final Path DEFAULT_FILE = Path.of("arbiter.properties");
  private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "help", "version", "print");

  /** Where a value came from. */
  enum Source { FILE, ENVIRONMENT, DEFAULT }

  /** A configured value and where it came from ({@code name} is the file or the variable). */
  record Value(String value, Source source, String name) {}

  private final Path file;
  private final Map<String, String> fileValues;
  private final Map<String, String> env;

  private Configuration(Path file, Map<String, String> fileValues, Map<String, String> env) {
    this.file = file;
    this.fileValues = fileValues;
    this.env = env;
  }

  /**
   * The configuration a run with these arguments sees.
   *
   * @param env the environment ({@code System.getenv()}; a map in tests)
   * @throws InputException when a named file cannot be read
   */
  static Configuration load(String[] args, Map<String, String> env) {
    Path named = named(args, env);
    Path file = named != null ? named : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
    Map<String, String> values = new TreeMap<>();
    if (file != null) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new InputException("cannot read the configuration file " + file + ": " + Inputs.reason(e));
      }
      p.stringPropertyNames().forEach(k -> values.put(k.trim(), p.getProperty(k).trim()));
    }
    return new Configuration(file, values, Map.copyOf(env));
  }

  /** The file named by {@code --config FILE}, {@code --config=FILE} or ARBITER_CONFIG; null if none. */
  private static Path named(String[] args, Map<String, String> env) {
    String name = env.get(ENV_FILE);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        name = args[i + 1];
      } else if (args[i].startsWith(OPTION + "=")) {
        name = args[i].substring(OPTION.length() + 1);
      }
    }
    if (name == null || name.isEmpty()) {
      return null;
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new InputException("the configuration file name '" + name + "' is not a valid path");
    }
  }

  /** The file read; null when there is none. */
  Path file() {
    return file;
  }

  /** An option's key: its longest name without the leading dashes, other dashes as dots. */
  static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "").replace('-', '.');
  }

  /** The environment variable that sets a key. */
  static String variable(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The configured value of a key (environment first, then the file); null when none. */
  Value value(String key) {
    String variable = variable(key);
    if (env.containsKey(variable)) {
      return new Value(env.get(variable), Source.ENVIRONMENT, variable);
    }
    if (fileValues.containsKey(key)) {
      return new Value(fileValues.get(key), Source.FILE, String.valueOf(file));
    }
    return null;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.group() != null || NOT_CONFIGURABLE.contains(key(option))) {
      return null;
    }
    Value v = value(key(option));
    return v == null || problem(option, v.value()) != null ? null : v.value();
  }

  /** Every configurable option of a command and its subcommands, by key (the first one met). */
  static Map<String, OptionSpec> options(CommandSpec root) {
    Map<String, OptionSpec> all = new TreeMap<>();
    collect(root, all);
    return all;
  }

  private static void collect(CommandSpec command, Map<String, OptionSpec> all) {
    for (OptionSpec o : command.options()) {
      // picocli gives no default to an option of a group (--scheme | --demo): command line only.
      if (o.group() == null && !NOT_CONFIGURABLE.contains(key(o))) {
        all.putIfAbsent(key(o), o);
      }
    }
    command.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), all));
  }

  /**
   * Every mistake of the configuration, each naming its key: a key in the file that is no option
   * of any command, a value that is not of its option's type.
   */
  List<String> problems(CommandSpec root) {
    Map<String, OptionSpec> options = options(root);
    List<String> problems = new ArrayList<>();
    for (String key : fileValues.keySet()) {
      if (!options.containsKey(key)) {
        problems.add("unknown key '" + key + "' in " + file);
      }
    }
    options.forEach((key, option) -> {
      Value v = value(key);
      String wrong = v == null ? null : problem(option, v.value());
      if (wrong != null) {
        problems.add("key '" + key + "' (" + where(v) + "): " + wrong);
      }
    });
    return problems;
  }

  static String where(Value v) {
    return switch (v.source()) {
      case ENVIRONMENT -> "environment variable " + v.name();
      case FILE -> "file " + v.name();
      case DEFAULT -> "default";
    };
  }

  /** Why a value does not fit its option's type; null when it does. */
  private static String problem(OptionSpec option, String value) {
    Class<?> type = option.type();
    try {
      if (type == int.class || type == Integer.class) {
        Integer.parseInt(value);
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(value);
      } else if (type == double.class || type == Double.class) {
        Double.parseDouble(value);
      } else if (type == boolean.class || type == Boolean.class) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          return "'" + value + "' is not true or false";
        }
      } else if (type == Path.class) {
        Path.of(value);
      } else if (type.isEnum()) {
        boolean known = false;
        for (Object c : type.getEnumConstants()) {
          known |= ((Enum<?>) c).name().equalsIgnoreCase(value);
        }
        if (!known) {
          return "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
      }
      return null;
    } catch (NumberFormatException e) {
      return "'" + value + "' is not a number";
    } catch (InvalidPathException e) {
      return "'" + value + "' is not a valid path: " + e.getReason();
    }
  }

  /** Whether a key holds a secret, whose value is never shown. */
  static boolean secret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("token") || k.endsWith("key");
  }

  /** Every key with its effective value and source, secrets masked; for {@code arbiter config --print}. */
  Map<String, Value> effective(CommandSpec root) {
    Map<String, Value> all = new LinkedHashMap<>();
    options(root).forEach((key, option) -> {
      Value v = value(key);
      if (v == null) {
        String d = option.defaultValue() == null ? null : option.defaultValueString();
        v = new Value(d == null || d.isEmpty() || d.equals("null") ? null : d, Source.DEFAULT, null);
      }
      if (secret(key) && v.value() != null && !v.value().isEmpty()) {
        v = new Value("********", v.source(), v.name());
      }
      all.put(key, v);
    });
    return all;
  }
}
