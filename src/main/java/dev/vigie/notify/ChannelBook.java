package dev.vigie.notify;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The channels and their deliveries, by id: the ones of {@code notify.channels}, then those the store kept (added or
 * changed through the API; a stored one replaces the file's of the same id) and those added through the API since.
 * At most {@code notify.maxChannels}.
 */
final class ChannelBook {
  private final int maxChannels;
  private final Function<Channel, ChannelDelivery> open;
  private final ChannelRedactor redactor;
  private final Map<String, ChannelDelivery> channels = new LinkedHashMap<>();

  ChannelBook(int maxChannels, Function<Channel, ChannelDelivery> open, ChannelRedactor redactor) {
    this.maxChannels = maxChannels;
    this.open = open;
    this.redactor = redactor;
  }

  /** Reads {@code notify.channels}; throws IllegalArgumentException naming the key ({@code notify.channels[i].url}). */
  static List<Channel> fromConfig(JsonArray list) {
    List<Channel> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String key = "notify.channels[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject json)) {
        throw new IllegalArgumentException(key + " must be an object");
      }
      try {
        Channel channel = Channel.fromJson(json);
        if (result.stream().anyMatch(c -> c.id().equals(channel.id()))) {
          throw new IllegalArgumentException(key + ".id '" + channel.id() + "' is used twice");
        }
        result.add(channel);
      } catch (Refusal e) {
        throw new IllegalArgumentException(key + "." + e.getMessage());
      }
    }
    return result;
  }

  /** Adds {@code json} as a new channel. */
  Channel add(JsonObject json) {
    Channel channel = Channel.fromJson(json);
    if (channels.containsKey(channel.id())) {
      throw new Refusal(Failures.CONFLICT, "CHANNEL_EXISTS", "id", "id: a channel '" + channel.id() + "' exists; PUT replaces it");
    }
    if (channels.size() >= maxChannels) {
      throw new Refusal(Failures.CONFLICT, "TOO_MANY_CHANNELS", "There are already " + maxChannels
          + " channels (notify.maxChannels)");
    }
    put(channel);
    return channel;
  }

  /** Replaces channel {@code id} with {@code json} (secrets sent back masked keep their value); queued notices stay. */
  Channel replace(String id, JsonObject json) {
    ChannelDelivery old = get(id);
    JsonObject full = old.channel().keepingSecrets(json);
    if (!full.containsKey("id")) {
      full.put("id", id);
    }
    Channel channel = Channel.fromJson(full);
    if (!channel.id().equals(id)) {
      throw Refusal.badField("id", "must stay '" + id + "' (delete and add to rename)");
    }
    List<Notice> queued = old.close();
    ChannelDelivery delivery = put(channel);
    queued.forEach(delivery::offer);
    return channel;
  }

  void remove(String id) {
    get(id).close();
    channels.remove(id);
  }

  ChannelDelivery get(String id) {
    ChannelDelivery delivery = id == null ? null : channels.get(id);
    if (delivery == null) {
      throw new Refusal(Failures.NOT_FOUND, "NO_CHANNEL", "id", "no channel '" + id + "'");
    }
    return delivery;
  }

  private ChannelDelivery put(Channel channel) {
    redactor.learn(channel);
    ChannelDelivery delivery = open.apply(channel);
    channels.put(channel.id(), delivery);
    return delivery;
  }

  /**
   * Puts back a channel the store kept: it replaces the file's channel of the same id, else it is added (within
   * {@code notify.maxChannels}). Throws a {@link Refusal} for one that no longer validates or does not fit.
   */
  Channel restore(JsonObject definition) {
    Channel channel = Channel.fromJson(definition == null ? new JsonObject() : definition);
    return channels.containsKey(channel.id()) ? replace(channel.id(), definition) : add(definition);
  }

  /** Adds a channel read from the configuration (already validated). */
  void load(Channel channel) {
    put(channel);
  }

  Collection<ChannelDelivery> all() {
    return channels.values();
  }

  /** A channel as shown, with its delivery state. */
  JsonObject shown(ChannelDelivery delivery) {
    JsonObject state = delivery.state();
    if (state.containsKey("lastError")) {
      state.put("lastError", redactor.text(state.getString("lastError")));
    }
    return redactor.shown(delivery.channel()).put("state", state);
  }

  JsonArray shownAll() {
    JsonArray array = new JsonArray();
    channels.values().forEach(d -> array.add(shown(d)));
    return array;
  }

  void closeAll() {
    channels.values().forEach(ChannelDelivery::close);
    channels.clear();
  }
}
