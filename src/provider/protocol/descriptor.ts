/**
 * The protocol's gRPC definitions. The provider bundle carries them pre-parsed (a protobufjs JSON
 * descriptor injected by the bundler as BEDROCKPT_PROTOCOL_DESCRIPTOR) so start-up does not parse
 * .proto text; unbundled runs (tests, dist/src) parse the .proto files beside this module.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export type ProtocolJson = Parameters<typeof protoLoader.fromJSON>[0];

/** Field names as in the .proto, int64 as JS numbers, enums as their names, oneofs named. */
const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true };

declare const BEDROCKPT_PROTOCOL_DESCRIPTOR: ProtocolJson | undefined;

export function protocolJson(): ProtocolJson {
  if (typeof BEDROCKPT_PROTOCOL_DESCRIPTOR !== 'undefined') return BEDROCKPT_PROTOCOL_DESCRIPTOR;
  // Required here, not imported, so the bundle (where the branch above always returns) leaves it out.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./proto-files') as typeof import('./proto-files')).parseProtoFiles(__dirname);
}

export interface ProtocolServices {
  provider: grpc.ServiceDefinition;
  broker: grpc.ServiceDefinition;
  controller: grpc.ServiceDefinition;
  stdio: grpc.ServiceDefinition;
  health: grpc.ServiceDefinition;
}

export function loadProtocol(json: ProtocolJson = protocolJson()): ProtocolServices {
  const pkg = grpc.loadPackageDefinition(protoLoader.fromJSON(json, LOADER_OPTIONS)) as any;
  return {
    provider: pkg.tfplugin6.Provider.service,
    broker: pkg.plugin.GRPCBroker.service,
    controller: pkg.plugin.GRPCController.service,
    stdio: pkg.plugin.GRPCStdio.service,
    health: pkg.grpc.health.v1.Health.service,
  };
}

/** Client constructors for the same services, for tests that play Terraform's side. */
export function loadProtocolClients(json: ProtocolJson = protocolJson()): any {
  return grpc.loadPackageDefinition(protoLoader.fromJSON(json, LOADER_OPTIONS));
}
