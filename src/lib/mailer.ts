import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** `fromName` names the sender (the ward's committee) when MAIL_FROM does not fix the whole From header; `headers` carries e.g. List-Unsubscribe on messages to subscribers. */
export type Mail = { to: string; subject: string; text: string; fromName?: string; headers?: Record<string, string> };
export type Mailer = { send(mail: Mail): Promise<void> };

/**
 * With SMTP_URL set, mail goes out over SMTP. Without it (development, tests)
 * each message is written as an .eml file under DATA_DIR/mail, never to the network.
 */
export function createMailer(opts: { smtpUrl?: string; from?: string; baseUrl: string; mailDir: string }): Mailer {
  const address = `no-reply@${new URL(opts.baseUrl).hostname}`;
  const sender = ({ fromName, ...mail }: Mail) => ({ from: opts.from ?? { name: fromName ?? 'UBND phường', address }, ...mail });
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail(sender(mail));
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail(sender(mail));
      await fs.mkdir(opts.mailDir, { recursive: true });
      const name = `${Date.now()}-${info.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}.eml`;
      await fs.writeFile(path.join(opts.mailDir, name), info.message as Buffer);
    },
  };
}
