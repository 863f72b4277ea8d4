/**
 * The services go-plugin's host calls on every plugin: the stdio and broker streams (opened once
 * per process and held open; this provider never writes to stdout after the handshake and never
 * brokers extra connections), the controller's Shutdown, and the gRPC health check.
 */
import type * as grpc from '@grpc/grpc-js';

export interface SideServices {
  stdio: grpc.UntypedServiceImplementation;
  broker: grpc.UntypedServiceImplementation;
  controller: grpc.UntypedServiceImplementation;
  health: grpc.UntypedServiceImplementation;
  /** Ends the open streams so the server can close. */
  endStreams(): void;
}

export function sideServices(onShutdown: () => void): SideServices {
  const open = new Set<grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>>();
  const hold = (call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>): void => {
    open.add(call);
    call.on('cancelled', () => open.delete(call));
    call.on('error', () => open.delete(call));
  };
  return {
    stdio: { StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => hold(call) },
    broker: {
      StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
        hold(call);
        // Knock requests ask for a brokered connection; this provider offers none, so they are read and dropped.
        call.on('data', () => undefined);
        call.on('end', () => {
          open.delete(call);
          call.end();
        });
      },
    },
    controller: {
      Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        callback(null, {});
        onShutdown();
      },
    },
    health: {
      Check: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, { status: 'SERVING' }),
    },
    endStreams: () => {
      for (const call of open) call.end();
      open.clear();
    },
  };
}
