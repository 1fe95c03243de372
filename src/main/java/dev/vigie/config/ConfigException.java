package dev.vigie.config;

/** A configuration problem, worded as the one line the operator sees before Vigie exits with status 2. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
