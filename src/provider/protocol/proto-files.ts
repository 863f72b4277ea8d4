/** The protocol's .proto files, parsed with protobufjs into the JSON form the bundle inlines. */
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import type { ProtocolJson } from './descriptor';

export const PROTO_FILES = ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'];

export function parseProtoFiles(dir: string): ProtocolJson {
  const root = new protobuf.Root();
  // keepCase: the descriptor keeps the .proto's field names, which the handlers use.
  root.loadSync(
    PROTO_FILES.map((file) => path.join(dir, file)),
    { keepCase: true },
  );
  return root.toJSON();
}
