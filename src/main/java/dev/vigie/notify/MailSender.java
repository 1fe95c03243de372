package dev.vigie.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/** Sends a notice as a plain-text e-mail over SMTP (vertx-mail-client), one connection per message. */
final class MailSender implements Sender {
  private final MailClient client;
  private final Channel.Smtp smtp;

  MailSender(Vertx vertx, Channel.Smtp smtp, long timeoutMs) {
    this.smtp = smtp;
    MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
        .setStarttls(StartTLSOptions.valueOf(smtp.starttls().toUpperCase())).setKeepAlive(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
        .setLogin(smtp.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED);
    if (smtp.username() != null) {
      config.setUsername(smtp.username()).setPassword(smtp.password());
    }
    this.client = MailClient.create(vertx, config);
  }

  @Override
  public Future<Void> send(Notice notice) {
    MailMessage message = new MailMessage().setFrom(smtp.from()).setTo(smtp.to()).setSubject(Bodies.subject(notice))
        .setText(Bodies.emailText(notice));
    return client.sendMail(message).mapEmpty();
  }

  @Override
  public void close() {
    client.close();
  }
}
