package io.arbiter.scoring.onnx;

import io.arbiter.scoring.ModelException;
import io.arbiter.scoring.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why the scorer reads the serving pair from here: the Arbiter holds one RiskScorer for its
 * lifetime, while models are activated and shadowed at run time. The scorer takes whichever model
 * is active when a call starts (reference counted, so a swap never closes a session in use).
 */

/**
 * Activation: which loaded version scores claims (ACTIVE) and which runs beside it, recorded only
 * (SHADOW), kept in the directory's pointer files. Changes are serialised; reads are lock-free.
 */
final class ActiveModels {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveModels.class);

  private record Serving(LoadedModel active, LoadedModel shadow) {}

  private final ModelDirectory directory;
  private volatile Serving serving = new Serving(null, null);

  private ActiveModels(ModelDirectory directory) {
    this.directory = directory;
  }

  /** Loads the versions the pointer files name; one that does not load is logged and left out. */
  static ActiveModels open(ModelDirectory directory) {
    ActiveModels models = new ActiveModels(directory);
    LoadedModel active = directory.loadNamed(ModelDirectory.ACTIVE);
    LoadedModel shadow = directory.loadNamed(ModelDirectory.SHADOW);
    if (shadow != null && active != null && shadow.id().equals(active.id())) {
      shadow.release();
      shadow = null;
    }
    models.serving = new Serving(active, shadow);
    return models;
  }

  /** The active model, not acquired; null when none. */
  LoadedModel activeModel() {
    return serving.active();
  }

  /** The shadow model, not acquired; null when none. */
  LoadedModel shadowModel() {
    return serving.shadow();
  }

  /** The active model with a reference taken (release it); null when none is active. */
  LoadedModel acquireActive() {
    for (;;) {
      LoadedModel a = serving.active();
      if (a == null || a.acquire()) {
        return a;
      }
      // Released between the read and the acquire: a newer model is active already; read again.
    }
  }

  /** The shadow model with a reference taken (release it); null when none runs or it was just released. */
  LoadedModel acquireShadow() {
    LoadedModel shadow = serving.shadow();
    return shadow != null && shadow.acquire() ? shadow : null;
  }

  Optional<ModelVersion> active() {
    LoadedModel a = serving.active();
    return a == null ? Optional.empty() : Optional.of(ModelVersion.of(a.model().card(), true, false));
  }

  Optional<ModelVersion> shadow() {
    LoadedModel s = serving.shadow();
    return s == null ? Optional.empty() : Optional.of(ModelVersion.of(s.model().card(), false, true));
  }

  /** See {@link ModelRegistry#activate}. */
  synchronized ModelVersion activate(String id) {
    Serving s = serving;
    if (s.active() != null && s.active().id().equals(id)) {
      return active().orElseThrow();
    }
    boolean promote = s.shadow() != null && s.shadow().id().equals(id);
    LoadedModel next = promote ? s.shadow() : directory.load(id);
    try {
      directory.writePointer(ModelDirectory.ACTIVE, id);
      if (promote) {
        directory.deletePointer(ModelDirectory.SHADOW);
      }
    } catch (IOException e) {
      if (!promote) {
        next.release();
      }
      throw new UncheckedIOException("cannot record the active model in " + directory.path(), e);
    }
    serving = new Serving(next, promote ? null : s.shadow());
    if (s.active() != null) {
      s.active().release();
    }
    LOG.info("model {} activated", id);
    return ModelVersion.of(next.model().card(), true, false);
  }

  /** See {@link ModelRegistry#shadow(String)}. */
  synchronized ModelVersion shadow(String id) {
    Serving s = serving;
    if (s.active() != null && s.active().id().equals(id)) {
      throw new ModelException(ModelException.Kind.CONFLICT, "id", "model " + id + " is active; it cannot also be the shadow");
    }
    if (s.shadow() != null && s.shadow().id().equals(id)) {
      return shadow().orElseThrow();
    }
    LoadedModel next = directory.load(id);
    try {
      directory.writePointer(ModelDirectory.SHADOW, id);
    } catch (IOException e) {
      next.release();
      throw new UncheckedIOException("cannot record the shadow model in " + directory.path(), e);
    }
    serving = new Serving(s.active(), next);
    if (s.shadow() != null) {
      s.shadow().release();
    }
    return ModelVersion.of(next.model().card(), false, true);
  }

  /** See {@link ModelRegistry#clearShadow}. */
  synchronized boolean clearShadow() {
    Serving s = serving;
    if (s.shadow() == null) {
      return false;
    }
    try {
      directory.deletePointer(ModelDirectory.SHADOW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + directory.path().resolve(ModelDirectory.SHADOW), e);
    }
    serving = new Serving(s.active(), null);
    s.shadow().release();
    return true;
  }

  /** Releases both roles; sessions close once their calls are done. */
  synchronized void close() {
    Serving s = serving;
    serving = new Serving(null, null);
    if (s.active() != null) {
      s.active().release();
    }
    if (s.shadow() != null) {
      s.shadow().release();
    }
  }
}
