/**
 * tfplugin6.Provider: each RPC decoded by the schema's types, handed to the ProviderImpl, and its
 * answer encoded back. A failure inside a call becomes an error diagnostic on that call, never a
 * broken connection; the provider has no data sources, functions or ephemeral resources.
 */
import type * as grpc from '@grpc/grpc-js';
import type { CtyObject, ProviderImpl, ResourceType } from '../contract';
import { decodeDynamicValue, toDynamicValue, type DynamicValueBytes } from './cty';
import { errorDiagnostic, failureDiagnostic, toProtoDiagnostics, toProtoPath, type ProtoDiagnostic } from './diagnostics';
import { debugLogged, log } from './log';
import { blockType, toProtoSchema } from './schema';

type Request = Record<string, any>;
type Handler = (request: Request) => Promise<Record<string, unknown>>;

const CAPABILITIES = { plan_destroy: true, move_resource_state: true, get_provider_schema_optional: false };

export function providerHandlers(impl: ProviderImpl): grpc.UntypedServiceImplementation {
  // Built on first use: the implementation may load itself lazily, after the handshake.
  let byType: Map<string, ResourceType> | undefined;
  const resources = { get: (name: string) => (byType ??= new Map(impl.resources.map((r) => [r.typeName, r]))).get(name) };
  let providerTypeMemo: ReturnType<typeof blockType> | undefined;
  const providerType = () => (providerTypeMemo ??= blockType(impl.providerSchema));

  /** Finds the resource a request names, or answers with a diagnostic Terraform shows. */
  function withResource(body: (resource: ResourceType, request: Request) => Promise<Record<string, unknown>>): Handler {
    return async (request) => {
      const resource = resources.get(request.type_name ?? request.target_type_name);
      if (!resource) return { diagnostics: [unknownType(request.type_name ?? request.target_type_name, 'resource type')] };
      return body(resource, request);
    };
  }
  const decodeAs = (resource: ResourceType, value: DynamicValueBytes | undefined): CtyObject | null =>
    decodeDynamicValue(value, blockType(resource.schema)) as CtyObject | null;
  const encodeAs = (resource: ResourceType, value: CtyObject | null) => toDynamicValue(value, blockType(resource.schema));

  const handlers: Record<string, Handler> = {
    GetMetadata: async () => ({
      server_capabilities: CAPABILITIES,
      resources: impl.resources.map((r) => ({ type_name: r.typeName })),
      diagnostics: [],
    }),
    GetProviderSchema: async () => ({
      provider: toProtoSchema(impl.providerSchema),
      resource_schemas: Object.fromEntries(impl.resources.map((r) => [r.typeName, toProtoSchema(r.schema, r.schemaVersion)])),
      data_source_schemas: {},
      functions: {},
      ephemeral_resource_schemas: {},
      server_capabilities: CAPABILITIES,
      diagnostics: [],
    }),
    ValidateProviderConfig: async (request) => ({
      diagnostics: toProtoDiagnostics(impl.validateConfig(decodeDynamicValue(request.config, providerType()) as CtyObject)),
    }),
    ConfigureProvider: async (request) => ({
      diagnostics: toProtoDiagnostics(
        await impl.configure(decodeDynamicValue(request.config, providerType()) as CtyObject, { terraformVersion: request.terraform_version ?? '' }),
      ),
    }),
    ValidateResourceConfig: withResource(async (resource, request) => ({
      diagnostics: toProtoDiagnostics(resource.validate(decodeAs(resource, request.config) as CtyObject)),
    })),
    UpgradeResourceState: withResource(async (resource, request) => {
      const json: Buffer | undefined = request.raw_state?.json;
      if (!json?.length)
        return {
          diagnostics: [
            errorDiagnostic(
              'bedrockpt provider: state in the legacy flatmap format',
              'This provider only reads JSON state; the state was not written by it. Remove the resource from state and import it.',
            ),
          ],
        };
      const { upgraded, diagnostics } = resource.upgradeState(Number(request.version ?? 0), JSON.parse(json.toString('utf8')));
      return { upgraded_state: encodeAs(resource, upgraded), diagnostics: toProtoDiagnostics(diagnostics) };
    }),
    ReadResource: withResource(async (resource, request) => {
      const current = decodeAs(resource, request.current_state);
      if (current === null) return { new_state: request.current_state, diagnostics: [] };
      const response = await resource.read(current, nonEmpty(request.private));
      return { new_state: encodeAs(resource, response.newState), private: response.private, diagnostics: toProtoDiagnostics(response.diagnostics) };
    }),
    PlanResourceChange: withResource(async (resource, request) => {
      const response = await resource.plan({
        prior: decodeAs(resource, request.prior_state),
        proposed: decodeAs(resource, request.proposed_new_state),
        config: decodeAs(resource, request.config),
        priorPrivate: nonEmpty(request.prior_private),
      });
      return {
        planned_state: encodeAs(resource, response.planned),
        requires_replace: response.requiresReplace.map(toProtoPath),
        planned_private: response.plannedPrivate,
        diagnostics: toProtoDiagnostics(response.diagnostics),
      };
    }),
    ApplyResourceChange: withResource(async (resource, request) => {
      const response = await resource.apply({
        prior: decodeAs(resource, request.prior_state),
        planned: decodeAs(resource, request.planned_state),
        config: decodeAs(resource, request.config),
        plannedPrivate: nonEmpty(request.planned_private),
      });
      return { new_state: encodeAs(resource, response.newState), private: response.private, diagnostics: toProtoDiagnostics(response.diagnostics) };
    }),
    ImportResourceState: withResource(async (resource, request) => {
      const { imported, diagnostics } = await resource.importState(request.id ?? '');
      return {
        imported_resources: imported.map((state) => ({ type_name: resource.typeName, state: encodeAs(resource, state) })),
        diagnostics: toProtoDiagnostics(diagnostics),
      };
    }),
    MoveResourceState: withResource(async (resource, request) => {
      const source: string = request.source_type_name ?? '';
      if (!(resource.movableFrom ?? []).includes(source)) {
        return {
          diagnostics: [
            errorDiagnostic(
              `bedrockpt provider: cannot move ${source} to ${resource.typeName}`,
              `${resource.typeName} accepts moves from: ${(resource.movableFrom ?? []).join(', ') || 'no other resource type'}.`,
            ),
          ],
        };
      }
      const json: Buffer | undefined = request.source_state?.json;
      const { target, diagnostics } = resource.moveState({
        sourceProviderAddress: request.source_provider_address ?? '',
        sourceTypeName: source,
        sourceSchemaVersion: Number(request.source_schema_version ?? 0),
        sourceState: json?.length ? JSON.parse(json.toString('utf8')) : {},
        sourcePrivate: nonEmpty(request.source_private),
      });
      return { target_state: encodeAs(resource, target), diagnostics: toProtoDiagnostics(diagnostics) };
    }),
    StopProvider: async () => {
      try {
        await impl.stop();
        return { Error: '' };
      } catch (err) {
        return { Error: (err as Error)?.message ?? String(err) };
      }
    },
    GetFunctions: async () => ({ functions: {}, diagnostics: [] }),
    CallFunction: async (request) => ({ error: { text: `bedrockpt provider has no function "${request.name}"` } }),
    ValidateDataResourceConfig: async (request) => ({ diagnostics: [unknownType(request.type_name, 'data source')] }),
    ReadDataSource: async (request) => ({ diagnostics: [unknownType(request.type_name, 'data source')] }),
    ValidateEphemeralResourceConfig: async (request) => ({ diagnostics: [unknownType(request.type_name, 'ephemeral resource')] }),
    OpenEphemeralResource: async (request) => ({ diagnostics: [unknownType(request.type_name, 'ephemeral resource')] }),
    RenewEphemeralResource: async (request) => ({ diagnostics: [unknownType(request.type_name, 'ephemeral resource')] }),
    CloseEphemeralResource: async (request) => ({ diagnostics: [unknownType(request.type_name, 'ephemeral resource')] }),
  };

  return Object.fromEntries(Object.entries(handlers).map(([rpc, handler]) => [rpc, unary(rpc, handler)]));
}

/**
 * Wraps a handler as a gRPC unary call. A throw becomes an error diagnostic; for the calls whose
 * answer is a state, the state Terraform sent is echoed back so a fault in the provider never
 * makes Terraform forget an object it tracks.
 */
function unary(rpc: string, handler: Handler): grpc.handleUnaryCall<Request, Record<string, unknown>> {
  const timed = debugLogged();
  return (call, callback) => {
    const started = timed ? process.hrtime.bigint() : 0n;
    const answer = (response: Record<string, unknown>): void => {
      callback(null, response);
      if (timed) logCallTime(rpc, call.request, started);
    };
    handler(call.request).then(answer, (err: unknown) => answer(failureResponse(rpc, call.request, failureDiagnostic(rpc, err))));
  };
}

/** With TF_LOG=debug, one line per call: where a Terraform run's time goes, call by call. */
function logCallTime(rpc: string, request: Request, started: bigint): void {
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
  const typeName = request.type_name ?? request.target_type_name;
  log('debug', `${rpc} answered in ${ms} ms`, { rpc, elapsed_ms: ms, ...(typeName ? { type_name: typeName } : {}) });
}

function failureResponse(rpc: string, request: Request, diagnostic: ProtoDiagnostic): Record<string, unknown> {
  if (rpc === 'ApplyResourceChange') return { new_state: request.prior_state, diagnostics: [diagnostic] };
  if (rpc === 'ReadResource') return { new_state: request.current_state, private: request.private, diagnostics: [diagnostic] };
  if (rpc === 'StopProvider') return { Error: diagnostic.detail };
  if (rpc === 'CallFunction') return { error: { text: diagnostic.detail } };
  return { diagnostics: [diagnostic] };
}

function unknownType(typeName: string | undefined, kind: string): ProtoDiagnostic {
  return errorDiagnostic(
    `bedrockpt provider has no ${kind} "${typeName ?? ''}"`,
    `The bedrockpt provider serves only the resource types in its schema (terraform providers schema -json lists them).`,
  );
}

function nonEmpty(bytes: Buffer | undefined): Buffer | undefined {
  return bytes && bytes.length ? bytes : undefined;
}
