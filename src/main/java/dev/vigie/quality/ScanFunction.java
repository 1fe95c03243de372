package dev.vigie.quality;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** What the verticle calls to scan one file ({@link ArchiveScanner#scan} in production). */
@FunctionalInterface
interface ScanFunction {
  JsonObject scan(Path file, String nameOrKey, BooleanSupplier cancelled);
}
