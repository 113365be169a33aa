package io.arbiter.scoring;

import io.arbiter.claim.LineDecision;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.SchemeSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Per scheme: each package service's parts, as line keys (the bundle features of FeatureExtractor). */
final class PackageIndex {
  /** How many parts of one package a claim lists without the package itself, and which lines. */
  record BundleUse(int count, Set<String> parts) {
    static final BundleUse NONE = new BundleUse(0, Set.of());
  }

  final SchemeSnapshot scheme;
  final Map<String, Set<String>> partsByPackage = new HashMap<>();

  PackageIndex(SchemeSnapshot scheme) {
    this.scheme = scheme;
    for (MedicalService s : scheme.document().services()) {
      PackageContents contents = s.packageContents();
      if (contents == null) {
        continue;
      }
      Set<String> parts = partsByPackage.computeIfAbsent("S:" + s.code(), k -> new HashSet<>());
      contents.items().forEach(p -> parts.add("I:" + p.code()));
      contents.services().forEach(p -> parts.add("S:" + p.code()));
    }
  }

  BundleUse use(List<LineDecision> lines) {
    if (partsByPackage.isEmpty()) {
      return BundleUse.NONE;
    }
    Set<String> keys = new HashSet<>();
    lines.forEach(l -> keys.add(FeatureExtractor.lineKey(l)));
    BundleUse best = BundleUse.NONE;
    for (Map.Entry<String, Set<String>> p : partsByPackage.entrySet()) {
      if (keys.contains(p.getKey())) {
        continue;
      }
      Set<String> present = new HashSet<>(p.getValue());
      present.retainAll(keys);
      if (present.size() >= 2 && present.size() > best.count()) {
        best = new BundleUse(present.size(), present);
      }
    }
    return best;
  }
}
