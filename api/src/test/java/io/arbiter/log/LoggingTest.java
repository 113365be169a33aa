package io.arbiter.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shipped logback.xml and the run-time log level. */
class LoggingTest {
  @Test
  void logbackXml_loadsWithoutErrors_rootAtWarnThroughTheJsonEncoder() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(s -> s.getEffectiveLevel() >= Status.WARN);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("ASYNC")).isNotNull();
    assertThat(context.getLogger("arbiter.request").isInfoEnabled()).as("quiet outside serve").isFalse();
  }

  @Test
  void apply_setsArbiterLoggersOnly_andRefusesUnknownLevels() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      LogLevels.apply("debug");
      assertThat(context.getLogger("arbiter.decision").isDebugEnabled()).isTrue();
      assertThat(context.getLogger("io.arbiter.api.Failures").isDebugEnabled()).isTrue();
      assertThat(context.getLogger("org.drools").isInfoEnabled()).isFalse();
      assertThatThrownBy(() -> LogLevels.apply("LOUD")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'LOUD'").hasMessageContaining("INFO");
    } finally {
      LogLevels.ARBITER.forEach(name -> context.getLogger(name).setLevel(null));
    }
  }
}
