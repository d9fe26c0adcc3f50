import fs from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';

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
  // nodemailer is loaded with the first message, not at start (issue 10: idle memory).
  let transport: Promise<Transporter> | null = null;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    ));
  if (opts.smtpUrl) {
    return {
      async send(mail) {
        await (await transporter()).sendMail(sender(mail));
      },
    };
  }
  return {
    async send(mail) {
      const info = await (await transporter()).sendMail(sender(mail));
      await fs.mkdir(opts.mailDir, { recursive: true });
      const name = `${Date.now()}-${info.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}.eml`;
      await fs.writeFile(path.join(opts.mailDir, name), info.message as Buffer);
    },
  };
}
