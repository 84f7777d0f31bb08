// The egress route scaffold: from the command's inputs to the YAML of a consistent route
// (ServiceEntry, Gateway, DestinationRules, VirtualService, optional Sidecar).
import type { IndexView } from '../../index/queries';
import type { ServiceSettings } from '../../settings';
import { renderResources } from './render';
import { resolveInputs, routeDefaults } from './resolve';
import { buildRoute } from './resources';
import type { EgressRouteDefaults, GenerateOutcome } from './types';
import { workspaceNotes } from './workspaceNotes';

export type { EgressRouteDefaults, GenerateOutcome, GeneratedEgressRoute, InputProblem } from './types';

/**
 * Checks the inputs (unknown JSON from the client) and generates the route. With a view of the
 * workspace, it also warns about what the route would clash with.
 */
export function generateEgressRoute(input: unknown, settings: ServiceSettings, view?: IndexView): GenerateOutcome {
  const resolved = resolveInputs(input, settings);
  if (!resolved.request) return { ok: false, problems: resolved.problems };
  const notes = view ? workspaceNotes(view, resolved.request) : { options: {}, warnings: [] };
  const resources = buildRoute(resolved.request, notes.options);
  return {
    ok: true,
    route: {
      text: renderResources(resources),
      resources: resources.map(({ kind, name, namespace }) => ({ kind, name, namespace })),
      warnings: [...resolved.warnings, ...notes.warnings],
    },
  };
}

export function egressRouteDefaults(settings: ServiceSettings): EgressRouteDefaults {
  return routeDefaults(settings);
}
