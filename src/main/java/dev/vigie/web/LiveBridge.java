package dev.vigie.web;

import static net.logstash.logback.argument.StructuredArguments.entries;

import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /eventbus} SockJS bridge. A client may register on the {@link MonitorBus#LIVE} addresses, named one by
 * one, and on nothing else; it may send or publish nothing. Each socket counts against the live connection caps,
 * its registrations are paced like {@code /ws} commands (a flooder is closed with 1008), and a socket whose write
 * queue is full loses frames rather than holding them (the bridge itself writes without looking).
 */
final class LiveBridge {
  private static final Logger LOG = LoggerFactory.getLogger("web");

  private final Vertx vertx;
  private final LiveConnections connections;
  private final double commandsPerSecond;
  private final double commandBurst;
  private final Counter flooding;
  private final Map<SockJSSocket, Client> clients = new HashMap<>();

  private record Client(String group, CommandRate rate) {
  }

  LiveBridge(Vertx vertx, LiveConnections connections, JsonObject live, Counter flooding) {
    this.vertx = vertx;
    this.connections = connections;
    this.commandsPerSecond = live.getDouble("commandsPerSecond");
    this.commandBurst = live.getDouble("commandBurst");
    this.flooding = flooding;
  }

  Router router() {
    SockJSBridgeOptions options = new SockJSBridgeOptions().setMaxHandlersPerSocket(MonitorBus.LIVE.size());
    MonitorBus.LIVE.forEach(address -> options.addOutboundPermitted(new PermittedOptions().setAddress(address)));
    return SockJSHandler.create(vertx).bridge(options, this::onEvent);
  }

  int size() {
    return clients.size();
  }

  private void onEvent(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    switch (event.type()) {
      case SOCKET_CREATED -> {
        String group = ClientGroup.of(socket.remoteAddress());
        Refusal refusal = connections.admit(group);
        if (refusal != null) {
          LOG.warn("bridge_client_refused", entries(Map.of("client", group, "reason", refusal.getMessage())));
          event.complete(false);
          return;
        }
        clients.put(socket, new Client(group, new CommandRate(commandsPerSecond, commandBurst, System.nanoTime())));
        event.complete(true);
      }
      case SOCKET_CLOSED -> {
        Client client = clients.remove(socket);
        if (client != null) {
          connections.release(client.group());
        }
        event.complete(true);
      }
      case RECEIVE -> {
        // A socket its peer just closed throws when asked about its queue: it takes nothing more either way.
        boolean full;
        try {
          full = socket.writeQueueFull();
        } catch (IllegalStateException closed) {
          full = true;
        }
        event.complete(!full);
      }
      case SEND, PUBLISH, REGISTER, UNREGISTER -> {
        Client client = clients.get(socket);
        CommandRate.Verdict verdict = client == null ? CommandRate.Verdict.CLOSE : client.rate().take(System.nanoTime());
        // Accepted frames still meet the permissions: a send or publish, or a registration elsewhere, is denied.
        event.complete(verdict == CommandRate.Verdict.ACCEPT);
        if (verdict == CommandRate.Verdict.CLOSE) {
          LOG.warn("bridge_client_flooding", entries(Map.of("remote", String.valueOf(socket.remoteAddress()))));
          flooding.increment();
          socket.close(LiveFeed.POLICY, "flooding: over " + LiveFeed.fmt(commandsPerSecond) + " frames/s");
        }
      }
      default -> event.complete(true);
    }
  }
}
