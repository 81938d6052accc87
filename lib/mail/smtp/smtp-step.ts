import 'server-only';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';

/**
 * One step of an SMTP session as a promise. nodemailer reports failures through the callback, the
 * 'error' event, or just 'end' (the server hung up), depending on where they happen.
 */
export function smtpStep(connection: SMTPConnection, start: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEnd = () => finish(Object.assign(new Error('the server closed the connection'), { code: 'ECONNECTION' }));
    const finish = (error?: Error | null) => {
      connection.off('error', finish);
      connection.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    connection.once('error', finish);
    connection.once('end', onEnd);
    start(finish);
  });
}
