/** Starting and stopping an emulator in-process. */
import type { AddressInfo } from 'node:net';
import { EmulatorCore, type EmulatorOptions } from './emulator';
import { EmulatorServer } from './server';

/** A running emulator: its URL plus every control method of EmulatorControl. */
export class Emulator extends EmulatorCore {
  private server?: EmulatorServer;
  url = '';
  port = 0;

  /** @internal use startEmulator() */
  async listen(port: number, host: string): Promise<void> {
    const server = new EmulatorServer(this);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(port, host, () => {
        server.http.off('error', reject);
        resolve();
      });
    });
    this.port = (server.http.address() as AddressInfo).port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  /** Stops listening, cancels held requests and closes every connection. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.http.close(() => resolve()));
    server.shutdown();
    await closed;
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(options);
  await emulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return emulator;
}
