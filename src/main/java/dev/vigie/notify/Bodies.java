package dev.vigie.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The body of a notice for each kind of channel (formats documented in docs/notify.md). */
final class Bodies {
  private static final int MAX_SLACK_BLOCKS = 20;

  private Bodies() {
  }

  /** Generic webhook: {@code {source, kind, group, time, text, alerts: [monitor wire form]}}. */
  static JsonObject webhook(Notice notice) {
    JsonArray alerts = new JsonArray();
    notice.alerts().forEach(a -> alerts.add(a.copy()));
    return new JsonObject().put("source", "vigie").put("kind", notice.kind().wire()).put("group", notice.group())
        .put("time", notice.time().toString()).put("text", notice.summary()).put("alerts", alerts);
  }

  /** Slack-compatible incoming webhook: {@code text} for notifications, one mrkdwn block per alert. */
  static JsonObject slack(Notice notice) {
    JsonArray blocks = new JsonArray().add(section("*" + notice.summary() + "*"));
    for (JsonObject a : notice.alerts()) {
      if (blocks.size() == MAX_SLACK_BLOCKS) {
        blocks.add(section("… and " + (notice.alerts().size() - MAX_SLACK_BLOCKS + 1) + " more"));
        break;
      }
      String icon = "cleared".equals(a.getString("state")) ? ":white_check_mark:"
          : "critical".equals(a.getString("severity")) ? ":red_circle:" : ":warning:";
      String line = icon + " " + a.getString("message");
      if ("raised".equals(a.getString("state")) && a.getString("action") != null) {
        line += "\n_Action:_ " + a.getString("action");
      }
      blocks.add(section(line));
    }
    return new JsonObject().put("text", notice.summary()).put("blocks", blocks);
  }

  private static JsonObject section(String text) {
    return new JsonObject().put("type", "section")
        .put("text", new JsonObject().put("type", "mrkdwn").put("text", text));
  }

  /**
   * Alertmanager v2 ({@code POST /api/v2/alerts}): one postable alert per event. A raised alert ends at
   * {@code now + holdMs} unless re-sent (so it resolves if Vigie goes away); a cleared one ends at its clear time.
   */
  static JsonArray alertmanager(Notice notice, Instant now, long holdMs, String publicUrl, String channelId) {
    JsonArray array = new JsonArray();
    if (notice.kind() == Notice.Kind.TEST) {
      array.add(new JsonObject()
          .put("labels", new JsonObject().put("alertname", "VigieTest").put("source", "vigie")
              .put("channel", channelId).put("severity", "info"))
          .put("annotations", new JsonObject().put("summary", notice.summary()))
          .put("startsAt", now.toString()).put("endsAt", now.plusMillis(holdMs).toString()));
      return array;
    }
    for (JsonObject a : notice.alerts()) {
      boolean cleared = "cleared".equals(a.getString("state"));
      JsonObject labels = new JsonObject().put("alertname", a.getString("rule", a.getString("id")))
          .put("source", "vigie").put("vigie_id", a.getString("id")).put("severity", a.getString("severity"))
          .put("section", a.getString("section")).put("metric", a.getString("metric"));
      JsonObject annotations = new JsonObject().put("summary", a.getString("message"));
      if (a.getString("action") != null) {
        annotations.put("action", a.getString("action"));
      }
      JsonObject alert = new JsonObject().put("labels", labels).put("annotations", annotations)
          .put("startsAt", a.getString("raisedAt", now.toString()))
          .put("endsAt", cleared ? a.getString("clearedAt", now.toString()) : now.plusMillis(holdMs).toString());
      if (publicUrl != null && !publicUrl.isBlank()) {
        alert.put("generatorURL", publicUrl);
      }
      array.add(alert);
    }
    return array;
  }

  /** E-mail subject: the summary. */
  static String subject(Notice notice) {
    return "Vigie: " + notice.summary();
  }

  /** E-mail text: one paragraph per alert. */
  static String emailText(Notice notice) {
    StringBuilder text = new StringBuilder(notice.summary()).append("\n\n");
    for (JsonObject a : notice.alerts()) {
      text.append(a.getString("state").toUpperCase()).append(" (").append(a.getString("severity")).append("): ")
          .append(a.getString("message")).append('\n');
      if ("raised".equals(a.getString("state")) && a.getString("action") != null) {
        text.append("Action: ").append(a.getString("action")).append('\n');
      }
      text.append("Alert ").append(a.getString("id")).append(", at ").append(a.getString("time")).append("\n\n");
    }
    return text.append("-- \nSent by Vigie at ").append(notice.time()).append('\n').toString();
  }
}
