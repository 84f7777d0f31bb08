// From raw inputs (JSON from the client) to a RouteRequest: every field checked, every default
// filled from settings. Problems name their field so the client can ask for it again.
import { gatewayFqdn, selectorMatches, type GatewayWorkload } from '../../index/egressGateways';
import { protocolFamily } from '../../schema/common';
import type { ServiceSettings } from '../../settings';
import { EGRESS_MODES, type EgressMode, type EgressRouteDefaults, type GatewayTarget, type InputField, type InputProblem, type RouteRequest } from './types';
import { checkAddresses, checkHost, checkLabels, checkName, checkPort } from './validate';

/** The application port per mode, as in Istio's egress gateway tasks. */
export const DEFAULT_PORTS: Partial<Record<EgressMode, number>> = { http: 80, 'tls-passthrough': 443, 'tls-origination': 80 };
/** TLS origination always opens TLS to this port of the external host. */
export const ORIGINATION_PORT = 443;

export function egressGateways(settings: ServiceSettings): GatewayWorkload[] {
  return settings.gateways.filter((gateway) => gateway.role === 'egress');
}

export function routeDefaults(settings: ServiceSettings): EgressRouteDefaults {
  return {
    namespace: settings.defaultNamespace,
    clusterDomain: settings.clusterDomain,
    gateways: egressGateways(settings).map((gateway) => ({ ...gateway, labels: { ...gateway.labels }, ports: gateway.ports.map((port) => port.number) })),
    ports: { ...DEFAULT_PORTS },
  };
}

export interface Resolved {
  request?: RouteRequest;
  problems: InputProblem[];
  warnings: string[];
  /** False when the route needs a port or a gateway the settings do not describe (see the warnings). */
  complete?: boolean;
}

export function resolveInputs(input: unknown, settings: ServiceSettings): Resolved {
  const raw = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const problems: InputProblem[] = [];
  const warnings: string[] = [];
  const take = <T>(field: InputField, checked: { value?: T; problem?: string }): T | undefined => {
    if (checked.problem) problems.push({ field, message: checked.problem });
    return checked.value;
  };
  const given = (field: InputField) => raw[field] !== undefined && raw[field] !== null;

  const host = take('host', checkHost(raw.host, settings.clusterDomain));
  const mode = EGRESS_MODES.find((candidate) => candidate === raw.mode);
  if (!mode) problems.push({ field: 'mode', message: `Choose the mode: ${EGRESS_MODES.join(', ')}.` });
  const wildcard = !!host?.startsWith('*.');
  const defaultPort = mode && DEFAULT_PORTS[mode];
  let port = given('port') ? take('port', checkPort(raw.port)) : defaultPort;
  if (mode === 'tcp' && !given('port')) problems.push({ field: 'port', message: 'TCP needs the port of the external service.' });
  if (mode === 'tls-origination' && port === ORIGINATION_PORT) {
    problems.push({ field: 'port', message: `With TLS origination the application sends plain HTTP, and port ${ORIGINATION_PORT} is where the gateway opens TLS: choose another port (usually 80).` });
    port = undefined;
  }
  if (mode === 'tcp' && wildcard) problems.push({ field: 'host', message: 'A TCP route matches connections by address, so it needs one concrete host name, not a wildcard.' });
  let addresses: string[] = [];
  if (mode === 'tcp') addresses = take('addresses', checkAddresses(raw.addresses)) ?? [];
  else if (given('addresses') && !(Array.isArray(raw.addresses) && raw.addresses.length === 0)) {
    problems.push({ field: 'addresses', message: 'Addresses are only used by TCP routes; the other modes select traffic by host name.' });
  }
  const namespace = given('namespace') ? take('namespace', checkName(raw.namespace, 'namespace')) : settings.defaultNamespace;
  if (given('registryOnly') && typeof raw.registryOnly !== 'boolean') problems.push({ field: 'registryOnly', message: 'registryOnly must be true or false.' });

  let target: string | undefined;
  if (wildcard && host) {
    const fallback = `www.${host.slice(2)}`;
    target = given('wildcardTarget') ? take('wildcardTarget', checkHost(raw.wildcardTarget, settings.clusterDomain, 'host to forward to')) : fallback;
    if (target?.startsWith('*')) {
      problems.push({ field: 'wildcardTarget', message: 'The egress gateway needs one concrete host to forward the wildcard traffic to.' });
      target = undefined;
    }
    if (!given('wildcardTarget')) warnings.push(`The egress gateway forwards all of ${host} to ${fallback}: one server must answer for every name of the wildcard, as in Istio's wildcard egress task. Change the destination if that is not so.`);
  }

  const gateway = chooseGateway(raw, settings, take, warnings);
  const gatewayPort = given('gatewayPort') ? take('gatewayPort', checkPort(raw.gatewayPort, 'Gateway port')) : undefined;
  if (problems.length || !host || !mode || port === undefined || !namespace || !gateway) return { problems, warnings };
  const chosen = gatewayPort !== undefined ? explicitPort(gatewayPort, gateway.known, gateway.target, warnings) : gatewayPortFor(mode, port, gateway.known, gateway.target, warnings);
  const chosenPort = chosen.number;
  return {
    problems,
    warnings,
    complete: chosen.exposed && !!gateway.known,
    request: {
      host,
      mode,
      port,
      externalPort: mode === 'tls-origination' ? ORIGINATION_PORT : port,
      namespace,
      writeNamespace: namespace !== settings.defaultNamespace,
      gateway: gateway.target,
      gatewayPort: chosenPort,
      addresses,
      target,
      registryOnly: raw.registryOnly === true,
    },
  };
}

type Take = <T>(field: InputField, checked: { value?: T; problem?: string }) => T | undefined;

/**
 * The configured egress gateway the inputs point at (by namespace, Service, labels), the first
 * one by default. A gateway the settings do not describe still works, with a warning: the checks
 * recognise only configured gateways.
 */
function chooseGateway(raw: Record<string, unknown>, settings: ServiceSettings, take: Take, warnings: string[]): { target: GatewayTarget; known?: GatewayWorkload } | undefined {
  const given = (field: InputField) => raw[field] !== undefined && raw[field] !== null;
  const namespace = given('gatewayNamespace') ? take('gatewayNamespace', checkName(raw.gatewayNamespace, 'gateway namespace')) : undefined;
  const service = given('gatewayService') ? take('gatewayService', checkName(raw.gatewayService, 'gateway Service name')) : undefined;
  const labels = given('gatewayLabels') ? take('gatewayLabels', checkLabels(raw.gatewayLabels)) : undefined;
  if ((given('gatewayNamespace') && !namespace) || (given('gatewayService') && !service) || (given('gatewayLabels') && !labels)) return undefined;
  const all = egressGateways(settings);
  const known = all.find(
    (gateway) => (!namespace || gateway.namespace === namespace) && (!service || gateway.service === service) && (!labels || selectorMatches(labels, gateway.labels)),
  );
  const fallback = all[0];
  const target = {
    service: service ?? known?.service ?? fallback?.service ?? 'istio-egressgateway',
    namespace: namespace ?? known?.namespace ?? fallback?.namespace ?? 'istio-system',
    // Istio's docs select the gateway by its `istio` label alone.
    labels: labels ?? selectorOf(known ?? fallback),
  };
  if (!known) {
    warnings.push(
      `No egress gateway in the istioEgress.gateways setting matches ${target.service}.${target.namespace} with labels ${formatLabels(target.labels)}: ` +
        'describe it there (Service, namespace, labels, ports) so that the checks recognise this route.',
    );
  }
  return { target: { ...target, fqdn: gatewayFqdn({ ...target, ports: [], role: 'egress' }, settings.clusterDomain) }, known };
}

function selectorOf(gateway: GatewayWorkload | undefined): Record<string, string> {
  if (!gateway) return { istio: 'egressgateway' };
  return gateway.labels.istio !== undefined ? { istio: gateway.labels.istio } : { ...gateway.labels };
}

export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function explicitPort(number: number, known: GatewayWorkload | undefined, target: GatewayTarget, warnings: string[]): { number: number; exposed: boolean } {
  const exposed = !known || known.ports.some((port) => port.number === number);
  if (!exposed) warnings.push(`The egress gateway ${target.service}.${target.namespace} exposes no port ${number}: add it to its Service (and to the istioEgress.gateways setting).`);
  return { number, exposed };
}

/**
 * The gateway port for the route: one its Service exposes for that kind of traffic, the
 * application's own port first, then the usual 80/443 (as in Istio's docs).
 */
function gatewayPortFor(mode: EgressMode, port: number, known: GatewayWorkload | undefined, target: GatewayTarget, warnings: string[]): { number: number; exposed: boolean } {
  const exposed = known?.ports ?? [];
  const family = mode === 'tls-passthrough' ? 'tls' : mode === 'tcp' ? 'tcp' : 'http';
  const fits = (candidate: { name: string; protocol: string }) => {
    const declared = protocolFamily(candidate.protocol);
    return declared === family || (family === 'http' && /^http(?!s)/i.test(candidate.name)) || (family === 'tcp' && declared === 'unknown');
  };
  const usual = family === 'tls' ? 443 : family === 'http' ? 80 : port;
  const preferred = [port, usual].map((number) => exposed.find((candidate) => candidate.number === number && fits(candidate)));
  const chosen = preferred[0] ?? preferred[1] ?? (family === 'tcp' ? undefined : exposed.find(fits));
  if (chosen) return { number: chosen.number, exposed: true };
  if (known) {
    const list = exposed.map((candidate) => candidate.number).join(', ') || 'none';
    warnings.push(
      `The egress gateway ${target.service}.${target.namespace} exposes no port ${usual} for this traffic (its ports: ${list}). ` +
        `Add port ${usual} to its Service (and to the istioEgress.gateways setting), or choose a gateway port that it exposes.`,
    );
  }
  return { number: usual, exposed: false };
}
