package dev.vigie.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One message to deliver: alert events (raised or cleared, in the monitor's wire form) of one group, a test, or
 * the periodic re-send of the open alerts Alertmanager needs to keep them firing.
 */
record Notice(Kind kind, String group, List<JsonObject> alerts, Instant time) {

  enum Kind {
    ALERTS, TEST, RESEND;

    String wire() {
      return name().toLowerCase();
    }
  }

  /** The ids of the alerts, for the delivery log. */
  List<String> ids() {
    return alerts.stream().map(a -> a.getString("id") + ":" + a.getString("state")).toList();
  }

  /** One line: what happened, e.g. "2 alerts raised, 1 cleared (endpoints)". */
  String summary() {
    if (kind == Kind.TEST) {
      return "Vigie test message: this channel works";
    }
    if (alerts.size() == 1) {
      JsonObject a = alerts.get(0);
      return (a.getString("state").equals("raised") ? "[" + a.getString("severity", "alert").toUpperCase() + "] "
          : "[RESOLVED] ") + a.getString("message");
    }
    long raised = alerts.stream().filter(a -> "raised".equals(a.getString("state"))).count();
    long cleared = alerts.size() - raised;
    String text = raised + " alert" + (raised == 1 ? "" : "s") + " raised";
    if (cleared > 0) {
      text += ", " + cleared + " cleared";
    }
    return text + " (" + group + ")";
  }
}
