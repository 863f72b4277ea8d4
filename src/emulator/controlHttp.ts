/**
 * The control surface over HTTP, for a separately started emulator (CLI, demo, benchmarks):
 * `POST /_emulator/<method>` with a JSON array of arguments answers `{ "result": ... }`.
 * The real service never uses this prefix.
 */
import type { ServerResponse } from 'node:http';
import { CONTROL_METHODS, type EmulatorControl } from './emulator';

export function handleControlRequest(control: EmulatorControl, method: string, body: string, res: ServerResponse): void {
  const reply = (status: number, payload: unknown): void => {
    const text = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  if (!(CONTROL_METHODS as readonly string[]).includes(method)) {
    reply(404, { error: `Unknown control method ${method}; known: ${CONTROL_METHODS.join(', ')}` });
    return;
  }
  try {
    const args: unknown = body.trim() === '' ? [] : JSON.parse(body);
    if (!Array.isArray(args)) throw new Error('The body must be a JSON array of arguments.');
    const fn = control[method as keyof EmulatorControl] as (...a: unknown[]) => unknown;
    reply(200, { result: fn.apply(control, args) ?? null });
  } catch (error) {
    reply(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

/** The control API as seen from another process: same methods, async, Dates as ISO strings. */
export type RemoteEmulatorControl = {
  [K in keyof EmulatorControl]: EmulatorControl[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R extends Date ? string : R> : never;
};

/** Controls an emulator started elsewhere (e.g. by `bedrock-pt emulator`) through its HTTP control surface. */
export function connectEmulator(url: string): RemoteEmulatorControl {
  const base = url.replace(/\/+$/, '');
  const remote: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of CONTROL_METHODS) {
    remote[method] = async (...args: unknown[]) => {
      const response = await fetch(`${base}/_emulator/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const payload = (await response.json()) as { result?: unknown; error?: string };
      if (!response.ok) throw new Error(`Emulator control ${method} failed: ${payload.error ?? response.status}`);
      return payload.result;
    };
  }
  return remote as unknown as RemoteEmulatorControl;
}
