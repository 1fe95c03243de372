package dev.vigie.notify;

import dev.vigie.bus.RedirectPolicy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.function.Function;

/**
 * Posts a notice's JSON body to an HTTP channel (webhook, Slack, Alertmanager). A 2xx answer is a delivery; a 4xx
 * other than 408 and 429 is a {@link Sender.Rejected} refusal; any other answer or a network error fails the attempt. Redirects follow {@link RedirectPolicy} ({@code notify}'s
 * {@code maxRedirects} and {@code redirectHosts}); the channel's headers go only to its own origin.
 */
final class HttpSender implements Sender {
  private final WebClient client;
  private final Channel channel;
  private final URI target;
  private final long timeoutMs;
  private final RedirectPolicy redirects;
  private final Function<Notice, Buffer> body;

  HttpSender(WebClient client, Channel channel, URI target, long timeoutMs, RedirectPolicy redirects,
      Function<Notice, Buffer> body) {
    this.client = client;
    this.channel = channel;
    this.target = target;
    this.timeoutMs = timeoutMs;
    this.redirects = redirects;
    this.body = body;
  }

  @Override
  public Future<Void> send(Notice notice) {
    return post(target, body.apply(notice), 0);
  }

  private Future<Void> post(URI uri, Buffer payload, int hops) {
    var request = client.requestAbs(HttpMethod.POST, uri.toString()).timeout(timeoutMs)
        .putHeader("content-type", "application/json");
    if (RedirectPolicy.sameOrigin(uri, target)) {
      channel.headers().forEach(request::putHeader);
    }
    return request.sendBuffer(payload).compose(response -> answer(uri, payload, hops, response));
  }

  private Future<Void> answer(URI uri, Buffer payload, int hops, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Future.succeededFuture();
    }
    if (RedirectPolicy.isRedirect(status)) {
      RedirectPolicy.Step step = redirects.next(uri, status, response.getHeader("location"), hops);
      if (!step.follow()) {
        return Future.failedFuture(step.reason());
      }
      if (step.asGet()) {
        return Future.failedFuture("HTTP " + status + " asks for a GET: a notification is a POST");
      }
      return post(step.uri(), payload, hops + 1);
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return Future.failedFuture(new Sender.Rejected("HTTP " + status + " from the receiver: it refuses the message"));
    }
    return Future.failedFuture("HTTP " + status + " from the receiver");
  }
}
