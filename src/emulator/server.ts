/**
 * The HTTP face of the emulator: authenticates by SigV4 credential scope, routes to an operation
 * (Bedrock's REST routes, STS's query protocol, Service Quotas' JSON protocol by X-Amz-Target),
 * applies latency, rate limits and faults, validates, runs the handler, logs and persists.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Caller, HandlerResult } from './context';
import { handleControlRequest } from './controlHttp';
import type { EmulatorCore } from './emulator';
import type { EmulatedOperation } from './faults';
import { ApiError, isoTime, parseSigV4, validationError, writeApiError, writeJson, writeTruncatedJson, type SigV4Credential } from './protocol';
import { HANDLERS, routeRequest } from './routes';
import { isStsRequest, stsAction, writeCallerIdentity, writeStsError } from './sts';
import {
  type ServiceQuotasOperation,
  decodeServiceQuotasBody,
  SERVICE_QUOTAS_HANDLERS,
  serviceQuotasOperation,
  writeServiceQuotasError,
  writeServiceQuotasJson,
} from './service-quotas';
import { validateInput } from './validation';

export const CONTROL_PREFIX = '/_emulator/';

type Protocol = 'rest-json' | 'query' | 'json';

/** The IAM service prefix of each protocol's operations, for access-denied messages. */
const IAM_PREFIX: Record<Protocol, string> = { 'rest-json': 'bedrock', query: 'sts', json: 'servicequotas' };

interface Call {
  operation: EmulatedOperation | 'Unknown';
  params: Record<string, unknown>;
  credential: SigV4Credential | undefined;
  protocol: Protocol;
  /** Runs the operation for an authenticated caller; throws ApiError for modelled failures. */
  execute(caller: Caller): HandlerResult;
  /** Writes a successful result (default: JSON body). */
  respond?(res: ServerResponse, caller: Caller, result: HandlerResult, requestId: string): void;
}

export class EmulatorServer {
  readonly http: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly core: EmulatorCore) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (res.headersSent) res.destroy();
        else writeApiError(res, new ApiError('InternalServerException', `Emulator bug: ${String(error)}`), randomUUID());
      });
    });
  }

  /** Cancels held requests and drops keep-alive sockets so close() never waits on a client. */
  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.http.closeAllConnections();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      handleControlRequest(this.core, url.pathname.slice(CONTROL_PREFIX.length), body, res);
      return;
    }
    const method = req.method ?? 'GET';
    const credential = parseSigV4(req.headers.authorization);
    const quotasOperation = serviceQuotasOperation(req.headers['x-amz-target']);
    const call = quotasOperation
      ? this.serviceQuotasCall(quotasOperation, body, credential)
      : isStsRequest(method, url.pathname, body, credential?.service)
        ? this.stsCall(body, url.search, credential)
        : this.bedrockCall(method, url.pathname, url.searchParams, body, credential);
    await this.serve(call, req, res);
  }

  private async serve(call: Call, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const core = this.core;
    const requestId = randomUUID();
    const caller: Caller | undefined = call.credential && {
      account: core.accountFor(call.credential.accessKeyId),
      region: call.credential.region,
      accessKeyId: call.credential.accessKeyId,
    };
    const entry = core.log.start({ time: isoTime(core.cloud.clock.nowMs()), operation: call.operation, ...caller, params: call.params });
    const fail = (error: ApiError): void => {
      Object.assign(entry, { outcome: 'error', status: error.statusCode, error: error.type, errorMessage: error.message });
      if (call.protocol === 'query') writeStsError(res, error, requestId);
      else if (call.protocol === 'json') writeServiceQuotasError(res, error, requestId);
      else writeApiError(res, error, requestId);
    };
    if (!caller)
      return fail(new ApiError('AccessDeniedException', 'Missing or malformed SigV4 Authorization header (Credential=AKID/date/region/service/aws4_request).'));
    if (call.operation === 'Unknown') return fail(new ApiError('ResourceNotFoundException', `No operation matches ${req.method} ${req.url}.`));

    const operation = call.operation;
    const latency = core.faults.latencyOf(operation);
    if (latency > 0) await this.sleep(latency);
    if (!core.faults.admit(operation, core.cloud.clock.nowMs())) return fail(new ApiError('ThrottlingException', `Rate exceeded for ${operation}.`));

    const fault = core.faults.takeFault(operation);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'internal-error') return fail(new ApiError('InternalServerException', 'Injected internal error.'));
    if (fault?.kind === 'access-denied') {
      return fail(
        new ApiError(
          'AccessDeniedException',
          `User: arn:aws:iam::${caller.account}:user/bedrock-pt-emulator is not authorized to perform: ${IAM_PREFIX[call.protocol]}:${operation}`,
        ),
      );
    }
    if (fault?.kind === 'drop-connection' || fault?.kind === 'timeout') {
      entry.outcome = 'dropped';
      if (fault.kind === 'timeout') await this.sleep(fault.holdMs);
      req.socket.destroy();
      return;
    }

    let result: HandlerResult;
    try {
      result = call.execute(caller);
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      throw error;
    }
    if (result.mutated) {
      entry.mutated = true;
      core.persist();
    }
    if (fault?.kind === 'fail-after-success') return fail(new ApiError('InternalServerException', 'Injected failure after the work was done.'));
    entry.status = result.status ?? 200;
    if (fault?.kind === 'unreadable-success') return writeTruncatedJson(res, entry.status, requestId);
    if (call.respond) call.respond(res, caller, result, requestId);
    else writeJson(res, entry.status, result.body, requestId);
  }

  private bedrockCall(method: string, pathname: string, search: URLSearchParams, body: string, credential: SigV4Credential | undefined): Call {
    const routed = routeRequest(method, pathname, search, body);
    if (!routed) return { operation: 'Unknown', params: {}, credential, protocol: 'rest-json', execute: () => ({ body: {}, mutated: false }) };
    return {
      operation: routed.operation,
      params: routed.input,
      credential,
      protocol: 'rest-json',
      execute: (caller) => {
        if (routed.error) throw routed.error;
        const input = validateInput(routed.operation, routed.input);
        return HANDLERS[routed.operation](this.core.cloud, caller, input);
      },
    };
  }

  private serviceQuotasCall(operation: ServiceQuotasOperation | 'Unknown', body: string, credential: SigV4Credential | undefined): Call {
    let input: Record<string, unknown> = {};
    let decodeError: ApiError | undefined;
    try {
      input = decodeServiceQuotasBody(body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      decodeError = error;
    }
    return {
      operation,
      params: input,
      credential,
      protocol: 'json',
      execute: (caller) => {
        if (decodeError) throw decodeError;
        // serve() answers an Unknown operation before it executes anything.
        return SERVICE_QUOTAS_HANDLERS[operation as ServiceQuotasOperation](this.core.cloud, caller, input);
      },
      respond: (res, _caller, result, requestId) => writeServiceQuotasJson(res, result.body, requestId),
    };
  }

  private stsCall(body: string, search: string, credential: SigV4Credential | undefined): Call {
    const action = stsAction(body, search);
    return {
      operation: 'GetCallerIdentity',
      params: { Action: action },
      credential,
      protocol: 'query',
      execute: () => {
        if (action !== 'GetCallerIdentity') throw validationError(`The emulator only implements STS GetCallerIdentity, not ${String(action)}.`);
        return { body: {}, mutated: false };
      },
      respond: (res, caller, _result, requestId) => writeCallerIdentity(res, caller, requestId),
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
