/**
 * The protocol's gRPC services, built straight from protobufjs types. The provider bundle carries
 * the .proto files pre-parsed (a protobufjs JSON descriptor the bundler injects as
 * BEDROCKPT_PROTOCOL_DESCRIPTOR) so start-up parses no .proto text; unbundled runs (tests,
 * dist/src) parse the .proto files beside this module. proto-loader is not used at run time: it
 * also builds reflection descriptors for every file, which cost more start-up than all the rest.
 */
import * as grpc from '@grpc/grpc-js';
// The light build: the bundle never parses .proto text, so the parser stays out.
import * as protobuf from 'protobufjs/light';

export type ProtocolJson = protobuf.INamespace;

/** Field names as in the .proto, int64 as JS numbers, enums as their names, the set oneof named. */
const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, oneofs: true, defaults: false };

declare const BEDROCKPT_PROTOCOL_DESCRIPTOR: ProtocolJson | undefined;

export function protocolJson(): ProtocolJson {
  if (typeof BEDROCKPT_PROTOCOL_DESCRIPTOR !== 'undefined') return BEDROCKPT_PROTOCOL_DESCRIPTOR;
  // Required here, not imported, so the bundle (where the branch above always returns) leaves it out.
  return (require('./proto-files') as typeof import('./proto-files')).parseProtoFiles(__dirname);
}

export interface ProtocolServices {
  provider: grpc.ServiceDefinition;
  broker: grpc.ServiceDefinition;
  controller: grpc.ServiceDefinition;
  stdio: grpc.ServiceDefinition;
  health: grpc.ServiceDefinition;
}

const SERVICE_NAMES: Record<keyof ProtocolServices, string> = {
  provider: 'tfplugin6.Provider',
  broker: 'plugin.GRPCBroker',
  controller: 'plugin.GRPCController',
  stdio: 'plugin.GRPCStdio',
  health: 'grpc.health.v1.Health',
};

export function loadProtocol(json: ProtocolJson = protocolJson()): ProtocolServices {
  const root = protobuf.Root.fromJSON(json);
  const entries = Object.entries(SERVICE_NAMES).map(([key, name]) => [key, serviceDefinition(root.lookupService(name))]);
  return Object.fromEntries(entries) as ProtocolServices;
}

function serviceDefinition(service: protobuf.Service): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const request = method.resolvedRequestType as protobuf.Type;
    const response = method.resolvedResponseType as protobuf.Type;
    definition[method.name] = {
      path: `/${service.fullName.replace(/^\./, '')}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: serializer(request),
      requestDeserialize: deserializer(request),
      responseSerialize: serializer(response),
      responseDeserialize: deserializer(response),
      originalName: method.name,
    };
  }
  return definition as grpc.ServiceDefinition;
}

function serializer(type: protobuf.Type): (value: object) => Buffer {
  return (value) => Buffer.from(type.encode(type.fromObject(value)).finish());
}

function deserializer(type: protobuf.Type): (bytes: Buffer) => any {
  return (bytes) => type.toObject(type.decode(bytes), TO_OBJECT);
}

/** Client constructors for the same services, for tests that play Terraform's side. */
export function loadProtocolClients(json: ProtocolJson = protocolJson()): Record<keyof ProtocolServices, grpc.ServiceClientConstructor> {
  const services = loadProtocol(json);
  const entries = Object.entries(services).map(([key, definition]) => [
    key,
    grpc.makeGenericClientConstructor(definition, SERVICE_NAMES[key as keyof ProtocolServices]),
  ]);
  return Object.fromEntries(entries) as Record<keyof ProtocolServices, grpc.ServiceClientConstructor>;
}
