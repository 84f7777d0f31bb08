// The command line's grammar: `istio-egress check [inputs...]` (the default command) and
// `istio-egress codes`. Commander parses and validates; the actions do the work.
import { Command, Option } from 'commander';
import {
  parseCount,
  parseGatewayName,
  parseLabel,
  parseNamespace,
  parsePort,
  parseSeverityFlag,
  repeatable,
  type CheckOptions,
  type Format,
} from './options';
import { VERSION } from './version';

export interface Actions {
  check(inputs: string[], options: CheckOptions): Promise<void>;
  codes(format: Format): void;
}

const EXAMPLES = `
Examples:
  $ istio-egress check .                          every YAML file below the current folder
  $ istio-egress check k8s/ 'charts/**/*.yaml'    folders and globs, analysed as one workspace
  $ helm template ./chart | istio-egress check -  standard input
  $ istio-egress check . --format sarif --output istio-egress.sarif
  $ istio-egress check . --fail-on warning --max-warnings 10
  $ istio-egress check . --outbound-policy REGISTRY_ONLY --severity IE302=off
  $ istio-egress check . --egress-gateway egress/my-egressgateway --egress-gateway-port 443/TLS
  $ istio-egress check . --fix-dry-run            show the safe fixes as a diff
  $ istio-egress codes                            every diagnostic code

Exit status: 0 clean, 1 findings at the --fail-on level (or more warnings than --max-warnings),
2 usage error, malformed config file or unreadable input.`;

export function createProgram(actions: Actions): Command {
  const program = new Command('istio-egress')
    .description('Checks Istio egress configuration (ServiceEntry, Gateway, DestinationRule, VirtualService, Sidecar) in YAML files.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXAMPLES);

  program
    .command('check', { isDefault: true })
    .description('Analyse files, folders, globs or - (standard input) together and report per file. Default input: the current folder.')
    .argument('[inputs...]', 'files, folders (searched for *.yaml and *.yml), globs, or - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['human', 'json', 'sarif']).default('human'))
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--color', 'colour the human output even when it does not go to a terminal')
    .option('--no-color', 'never colour the output (as does the NO_COLOR variable)')
    .addOption(new Option('--fail-on <level>', 'exit with 1 when a finding at this level or above exists').choices(['error', 'warning', 'info', 'none']).default('error'))
    .option('--max-warnings <count>', 'also exit with 1 when there are more warnings than this', parseCount)
    .addOption(new Option('--min-severity <level>', 'the lowest severity listed (the summary counts all)').choices(['error', 'warning', 'info', 'hint']).default('info'))
    .addOption(new Option('--fix', 'apply the safe quick fixes to the files, then report what remains').conflicts('fixDryRun'))
    .option('--fix-dry-run', 'print the safe fixes as a unified diff without writing any file')
    .option('--stdin-filename <path>', 'the path the text read from - stands for (it replaces that file on disk)')
    .option('-c, --config <file>', 'read settings from this file instead of searching for .istio-egress.{yaml,yml,json}')
    .option('--no-config', 'do not search for a config file')
    .addOption(new Option('--outbound-policy <mode>', "the mesh's outboundTrafficPolicy.mode").choices(['ALLOW_ANY', 'REGISTRY_ONLY']))
    .option('--default-namespace <namespace>', 'namespace of resources without metadata.namespace', parseNamespace)
    .option('--egress-gateway <namespace/service>', 'the egress gateway Service (replaces the configured egress gateway)', parseGatewayName)
    .option('--egress-gateway-label <key=value>', 'a pod label of the egress gateway (repeatable; default app=<service>, istio=<service without istio->)', repeatable(parseLabel))
    .option('--egress-gateway-port <number/protocol[/name]>', 'a Service port of the egress gateway, e.g. 443/TLS (repeatable; default: those of istio-egressgateway)', repeatable(parsePort))
    .option('--severity <code=level>', 'severity of a code: error, warning, info, hint or off (repeatable)', repeatable(parseSeverityFlag))
    .option('--exclude <glob>', 'skip files matching this glob, relative to the current folder (repeatable)', repeatable(String))
    .option('--list-codes', 'print every diagnostic code and exit (same as `istio-egress codes`)')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], raw: Record<string, unknown>) => {
      const options: CheckOptions = {
        ...(raw as unknown as CheckOptions),
        fix: raw.fix === true,
        fixDryRun: raw.fixDryRun === true,
        listCodes: raw.listCodes === true,
        egressGatewayLabel: (raw.egressGatewayLabel as CheckOptions['egressGatewayLabel']) ?? [],
        egressGatewayPort: (raw.egressGatewayPort as CheckOptions['egressGatewayPort']) ?? [],
        severity: (raw.severity as CheckOptions['severity']) ?? [],
        exclude: (raw.exclude as string[]) ?? [],
        // A path with --config, false with --no-config, undefined (search) with neither.
        config: raw.config as string | false | undefined,
      };
      await actions.check(inputs, options);
    });

  program
    .command('codes')
    .description('Print every diagnostic code with its default severity and summary.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['human', 'json']).default('human'))
    .action((raw: { format: Format }) => actions.codes(raw.format));

  return program;
}
